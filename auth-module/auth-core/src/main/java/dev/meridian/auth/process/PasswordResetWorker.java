package dev.meridian.auth.process;

import dev.meridian.eventinfra.delivery.BatchLoop;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.store.RequestCorrelation;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Works on the password-reset requests, on a managed thread from auth's start to its stop, woken when a request
 * arrives and looking every few seconds for requests other servers took or that wait for another try. A failed try
 * is repeated after 10 s, 20 s, 30 s and 40 s; after the fifth the request is given up, logged and counted
 * ({@code meridian.password-resets}, outcome failed, once per try). Requests outlive a crash: a request leased by a
 * server that died is taken up again once its lease of two minutes ran out.
 */
@ApplicationScoped
public class PasswordResetWorker {

    private static final Logger LOG = Logger.getLogger(PasswordResetWorker.class.getName());
    private static final int BATCH = 10;
    private static final int ATTEMPTS = 5;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(10);

    @Inject
    PasswordResetRequests requests;

    @Inject
    PasswordResetProcess process;

    @Inject
    @ServerResource
    ManagedThreadFactory threads;

    private Loop loop;

    /** Starts working on requests. */
    public void start() {
        loop = new Loop();
        loop.startOn(threads, "meridian-password-resets");
    }

    /** Stops after the request under way. */
    public void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    /** A request arrived: work on it now. */
    public void wakeUp() {
        if (loop != null) {
            loop.wakeUp();
        }
    }

    private final class Loop extends BatchLoop {

        Loop() {
            super(BATCH, Duration.ofSeconds(5), Duration.ofSeconds(5));
        }

        @Override
        protected int runBatch() {
            int handled = 0;
            Optional<PasswordResetRequest> next;
            while (handled < BATCH && (next = requests.lease(LEASE)).isPresent()) {
                work(next.get());
                handled++;
            }
            return handled;
        }

        private void work(PasswordResetRequest request) {
            // the process' events and steps carry the correlation id of the request that asked for it
            request.correlationId().ifPresent(RequestCorrelation::set);
            try {
                process.run(request);
                requests.done(request.id());
            } catch (RuntimeException e) {
                if (request.attempts() >= ATTEMPTS) {
                    LOG.log(Level.WARNING, e, () -> "Gave up " + request + ": no reset mail was sent");
                    requests.done(request.id());
                } else {
                    Duration wait = RETRY_DELAY.multipliedBy(request.attempts());
                    LOG.log(Level.WARNING, e, () -> request + " failed; trying again in " + wait);
                    requests.retryLater(request.id(), wait);
                }
            } finally {
                RequestCorrelation.clear();
            }
        }

        @Override
        protected void failed(Exception failure) {
            LOG.log(Level.WARNING, "Reading the password-reset requests failed; trying again shortly", failure);
        }
    }
}
