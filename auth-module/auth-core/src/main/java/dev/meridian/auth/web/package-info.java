/**
 * The HTTP edge of auth: accounts, credentials, roles, sessions and password resets: thin JAX-RS resources that parse, call a handler or a query, and map the result.
 */
package dev.meridian.auth.web;
