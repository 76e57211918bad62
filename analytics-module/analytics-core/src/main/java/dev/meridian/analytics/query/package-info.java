/** Analytics' read models and the queries over them. */
package dev.meridian.analytics.query;
