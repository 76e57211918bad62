/** Small JDBC conveniences the modules' plain tables share, so each statement is one line at its caller. */
package dev.meridian.eventinfra.jdbc;
