/**
 * The HTTP edge of analytics: read models over every module's events: thin JAX-RS resources that parse, call a handler or a query, and map the result.
 */
package dev.meridian.analytics.web;
