package dev.meridian.auth.token;

import dev.meridian.eventinfra.delivery.BatchLoop;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.module.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Deletes ended sessions ({@link Sessions#deleteEnded}) on a managed thread from auth's start to its stop, every
 * {@code meridian.auth.session-sweep-interval} (an hour by default), in batches. Several servers share the work:
 * each batch locks the rows it deletes and skips those another server holds.
 */
@ApplicationScoped
public class SessionRetention {

    private static final Logger LOG = Logger.getLogger(SessionRetention.class.getName());
    private static final int BATCH = 1000;

    @Inject
    Sessions sessions;

    @Inject
    @ServerResource
    ManagedThreadFactory threads;

    private Duration interval;
    private Loop loop;

    @PostConstruct
    void configure() {
        interval = Settings.positiveDuration(ConfigProvider.getConfig(SessionRetention.class.getClassLoader()),
                "meridian.auth.session-sweep-interval", Duration.ofHours(1));
    }

    /** Starts deleting ended sessions. */
    public void start() {
        loop = new Loop();
        loop.startOn(threads, "meridian-session-retention");
    }

    /** Stops after the batch under way. */
    public void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    /** How often it looks. */
    public Duration interval() {
        return interval;
    }

    private final class Loop extends BatchLoop {

        Loop() {
            super(BATCH, interval, interval);
        }

        @Override
        protected int runBatch() {
            int deleted = sessions.deleteEnded(BATCH);
            if (deleted > 0) {
                LOG.info(() -> "Deleted " + deleted + " ended sessions");
            }
            return deleted;
        }

        @Override
        protected void failed(Exception failure) {
            LOG.log(Level.WARNING, "Deleting ended sessions failed; trying again in " + interval, failure);
        }
    }
}
