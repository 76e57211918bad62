/**
 * Accounts as the auth module decides about them: who may register, sign in, hold which roles, and in which state
 * an account is. Plain Java: no persistence, injection or web types, and no credentials (the password hash is
 * kept apart from the events, see the command package).
 */
package dev.meridian.auth.domain;
