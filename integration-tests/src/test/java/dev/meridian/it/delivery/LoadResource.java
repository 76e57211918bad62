package dev.meridian.it.delivery;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * {@code POST /delivery-probe/load?run=&rate=&seconds=&streams=} appends probe events inside the server on a fixed
 * schedule, one event per transaction through {@link ProbeAppender} (the command {@code /publish} runs), to streams
 * {@code <run>-0} to {@code <run>-<streams - 1>} in turn; {@code GET /delivery-probe/load/{run}} tells how far it got.
 * The delivery benchmark uses it to measure delivery without an HTTP client and the server's HTTP stack on the same
 * two cores; it is also the only way to offer a load that the HTTP side could not.
 */
@Path("load")
@ApplicationScoped
public class LoadResource {

    private static final Logger LOG = Logger.getLogger(LoadResource.class.getName());
    // enough for appends of a few milliseconds at thousands a second; more would only queue in the database pool
    private static final int APPENDERS = 16;

    /**
     * How far a run got.
     *
     * @param scheduled      appends the schedule has started
     * @param appended       appends that committed
     * @param failed         appends that failed (the server log has why)
     * @param done           whether every append of the run has ended
     * @param elapsedSeconds from the first append's start to the last one's end, or to now while running
     */
    public record Progress(long scheduled, long appended, long failed, boolean done, double elapsedSeconds) {
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    @Resource
    ManagedThreadFactory threads;

    @Inject
    ProbeAppender appender;

    @POST
    public Response start(@QueryParam("run") String run, @QueryParam("rate") int rate,
                          @QueryParam("seconds") int seconds, @QueryParam("streams") int streams) {
        if (run == null || run.isBlank() || rate < 1 || seconds < 1 || streams < 1) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity("run, and a rate, seconds and streams of at least 1, are required").build();
        }
        Run load = new Run((long) rate * seconds);
        if (runs.putIfAbsent(run, load) != null) {
            return Response.status(Response.Status.CONFLICT).entity("Run " + run + " exists").build();
        }
        threads.newThread(() -> load.drive(run, rate, Duration.ofSeconds(seconds), streams)).start();
        return Response.accepted().build();
    }

    @GET
    @Path("{run}")
    @Produces(MediaType.APPLICATION_JSON)
    public Progress progress(@PathParam("run") String run) {
        Run load = runs.get(run);
        if (load == null) {
            throw new NotFoundException("No run " + run);
        }
        return load.progress();
    }

    private final class Run {

        private final long total;
        private final AtomicLong scheduled = new AtomicLong();
        private final AtomicLong appended = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final long started = System.nanoTime();
        private volatile long ended;

        Run(long total) {
            this.total = total;
        }

        void drive(String run, int rate, Duration duration, int streams) {
            ExecutorService appenders = Executors.newFixedThreadPool(APPENDERS, threads);
            try {
                FixedRate.run(rate, duration, n -> {
                    scheduled.incrementAndGet();
                    appenders.execute(() -> append(run + "-" + (n % streams), "n" + n));
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                appenders.shutdown();
            }
        }

        private void append(String stream, String note) {
            try {
                appender.publish(stream, List.of(note));
                appended.incrementAndGet();
            } catch (Exception e) {
                // not only runtime ones: a commit whose connection died comes through the interceptor as the
                // transaction manager's checked HeuristicMixedException
                failed.incrementAndGet();
                // one line, not a stack: the fault tests refuse thousands of these while the database is away
                LOG.warning(() -> "Appending to " + stream + " failed: " + e);
            }
            if (appended.get() + failed.get() == total) {
                ended = System.nanoTime();
            }
        }

        Progress progress() {
            long appendedNow = appended.get();
            long failedNow = failed.get();
            boolean done = appendedNow + failedNow == total;
            long end = done && ended != 0 ? ended : System.nanoTime();
            return new Progress(scheduled.get(), appendedNow, failedNow, done, (end - started) / 1e9);
        }
    }
}
