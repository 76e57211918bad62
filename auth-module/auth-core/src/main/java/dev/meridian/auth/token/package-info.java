/**
 * The tokens auth hands out: access tokens (RS256 JWTs that every module verifies with MicroProfile JWT), the key
 * pair that signs them, and refresh tokens (kept only as hashes, rotated on every use). It decides nothing about
 * accounts: the command handlers ask for tokens once the account may have them.
 */
package dev.meridian.auth.token;
