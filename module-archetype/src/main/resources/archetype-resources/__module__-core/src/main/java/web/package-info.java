/** The HTTP edge of ${module}: thin JAX-RS resources that parse, call a handler or a query, and map the result. */
package ${package}.web;
