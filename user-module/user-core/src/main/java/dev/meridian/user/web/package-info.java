/**
 * The HTTP edge of user: profiles, preferences, email verification and data exports: thin JAX-RS resources that parse, call a handler or a query, and map the result.
 */
package dev.meridian.user.web;
