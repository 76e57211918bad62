/**
 * What the auth module does when asked: each command one transaction over one account, plus the credentials kept
 * beside the account's events (a password hash never goes into an event).
 */
package dev.meridian.auth.command;
