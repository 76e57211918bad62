/** The ${module} module's aggregates: they decide and record events, and know no framework. */
package ${package}.domain;
