/** The ${module} module's read models: projections from the event store and the queries over them. */
package ${package}.query;
