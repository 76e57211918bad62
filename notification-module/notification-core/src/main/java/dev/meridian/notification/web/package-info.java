/**
 * The HTTP edge of notification: templates, deliveries and their log: thin JAX-RS resources that parse, call a handler or a query, and map the result.
 */
package dev.meridian.notification.web;
