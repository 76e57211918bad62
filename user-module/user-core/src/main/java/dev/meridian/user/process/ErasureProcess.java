package dev.meridian.user.process;

import dev.meridian.auth.api.AccountErasureRequest;
import dev.meridian.eventinfra.metrics.Meters;
import dev.meridian.eventinfra.process.ProcessInitiator;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.process.ProcessSummary;
import dev.meridian.eventinfra.process.RunningProcess;
import dev.meridian.notification.api.NotificationErasureRequest;
import dev.meridian.user.command.CreateProfileHandler;
import dev.meridian.user.command.NoSuchProfileException;
import dev.meridian.user.command.ProfileErasureHandler;
import dev.meridian.user.command.ProfileRecords;
import dev.meridian.user.messaging.ErasureParticipant;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The erasure process (DESIGN.md, GDPR). Under an LRA it starts: the profile is frozen (user), mails waiting for
 * the person held back (notification), the account disabled with every session and token revoked (auth). Closing the
 * LRA has the coordinator complete every part: the profile is erased and the person's key shredded, auth deletes
 * the address, credentials and tokens, notification deletes the delivery log. A failed step cancels the LRA and
 * every part is undone: the account signs in again, the profile changes again, the held-back mails go out.
 * Analytics takes no part: it keeps counts, which identify nobody, and forgets the person's last sign-in when it
 * reads {@code AccountErased}.
 *
 * <p>Asking again while an erasure of the person runs or after it closed starts nothing: the answer names the
 * process there is. Outcomes are counted as {@code meridian.erasures} (closed, cancelled).
 */
@ApplicationScoped
public class ErasureProcess {

    /** The process type in the process log. */
    public static final String TYPE = "erasure";

    /** Longer than the steps can take; the coordinator cancels a process still open then. */
    private static final Duration TIME_LIMIT = Duration.ofMinutes(2);

    @Inject
    ProfileRecords profiles;

    @Inject
    ProfileErasureHandler profileErasure;

    @Inject
    ProcessLog processLog;

    @Inject
    ProcessInitiator processes;

    @Inject
    MeterRegistry meterRegistry;

    private Meters meters;

    @PostConstruct
    void open() {
        meters = new Meters(meterRegistry);
    }

    /**
     * Erases the person {@code userId}, as asked by {@code requestedBy}.
     *
     * @return the process' id: this one's, or that of the erasure that runs or ran before
     * @throws NoSuchProfileException when there is no such person (or they were erased by an earlier process)
     * @throws ErasureFailedException when a step failed; nothing was erased
     */
    public UUID run(UUID userId, UUID requestedBy) {
        Optional<ProcessSummary> earlier = processLog.latest(TYPE, userId)
                .filter(process -> process.status().equals("RUNNING") || process.status().equals("CLOSED"));
        if (earlier.isPresent()) {
            return earlier.get().id();
        }
        profiles.existing(userId);
        RunningProcess process = processes.begin(TYPE, userId, TIME_LIMIT);
        try {
            process.takeStep(ErasureParticipant.PATH, Entity.text(""), "user");
            if (!profileErasure.freeze(process.lraId(), userId, requestedBy)) {
                throw new IllegalStateException("The erasure was cancelled before the profile was frozen");
            }
            process.takeStep(NotificationErasureRequest.PATH, Entity.json(new NotificationErasureRequest(userId)),
                    "notification");
            process.takeStep(AccountErasureRequest.PATH, Entity.json(new AccountErasureRequest(userId)), "auth");
            process.close();
            meters.counter("meridian.erasures", "outcome", "closed").increment();
            return process.id();
        } catch (RuntimeException e) {
            meters.counter("meridian.erasures", "outcome", "cancelled").increment();
            process.cancel(CreateProfileHandler.MODULE, e);
            throw new ErasureFailedException(e.getMessage()
                    + "; the erasure was cancelled and nothing was erased", e);
        }
    }
}
