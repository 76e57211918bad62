/** The ${module} module's commands and their handlers: each loads an aggregate, lets it decide, and saves it. */
package ${package}.command;
