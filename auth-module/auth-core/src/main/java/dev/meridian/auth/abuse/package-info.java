/**
 * Abuse protection: rate limits on sign-ins and registrations per client address and per account, kept in the
 * database by Bucket4j so that every server counts against the same buckets. It decides nothing about accounts.
 */
package dev.meridian.auth.abuse;
