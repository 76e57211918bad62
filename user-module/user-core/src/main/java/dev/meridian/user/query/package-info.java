/** Profiles as their owners read them, straight from their streams (one profile at a time needs no read model). */
package dev.meridian.user.query;
