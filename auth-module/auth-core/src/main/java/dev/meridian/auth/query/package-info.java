/**
 * What the auth module answers about accounts. Accounts are read from their own streams; no read model is needed
 * while one account at a time is asked for.
 */
package dev.meridian.auth.query;
