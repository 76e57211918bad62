package dev.meridian.eventinfra.process;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One thing a module did in a process.
 *
 * @param module the module
 * @param step   what it did: its own step, "completed", "compensated", ...
 * @param detail why, when there is more to say
 * @param at     when
 */
@API(status = API.Status.EXPERIMENTAL)
public record ProcessStep(String module, String step, String detail, Instant at) {
}
