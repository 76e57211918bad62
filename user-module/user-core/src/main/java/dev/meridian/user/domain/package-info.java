/**
 * Profiles as the user module decides about them: what a display name, a locale and a set of preferences may be,
 * and which changes are real changes. Plain Java: no persistence, injection or web types.
 */
package dev.meridian.user.domain;
