/**
 * Private replies: what one module answers another's request with when the answer must not be an event (kept for
 * good, published on a topic), such as a module's section of a person's data export.
 */
package dev.meridian.eventinfra.reply;
