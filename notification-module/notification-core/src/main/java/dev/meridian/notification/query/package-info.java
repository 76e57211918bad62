/** The delivery log as people and administrators read it. */
package dev.meridian.notification.query;
