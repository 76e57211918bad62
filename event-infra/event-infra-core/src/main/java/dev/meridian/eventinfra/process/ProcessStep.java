package dev.meridian.eventinfra.process;

import java.time.Instant;

/**
 * One thing a module did in a process.
 *
 * @param module the module
 * @param step   what it did: its own step, "completed", "compensated", ...
 * @param detail why, when there is more to say
 * @param at     when
 */
public record ProcessStep(String module, String step, String detail, Instant at) {
}
