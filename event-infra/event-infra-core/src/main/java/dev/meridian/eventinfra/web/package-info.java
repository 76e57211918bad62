/**
 * What every module's JAX-RS layer shares: problem+json answers. Modules subclass or register these in their own
 * WAR, because the server only discovers JAX-RS providers inside a WAR.
 */
package dev.meridian.eventinfra.web;
