package dev.meridian.eventinfra.web;

import dev.meridian.eventinfra.module.Settings;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A request body that has to arrive within {@link #LIMIT} of when the API starts reading it (right after its
 * headers, once the request is matched and authenticated), or the request is refused with a 408
 * ({@link SlowBodyException}). Bodies are read by a worker thread that blocks while it waits, so a client dripping
 * its body a byte at a time would hold a thread for as long as it likes, and a few hundred such clients would hold
 * them all. The listener's own {@code read-timeout} ({@code common.cli}) ends a body that stops altogether; this ends
 * one that keeps coming too slowly: after each read, at most one read timeout past the limit.
 */
final class BodyDeadline extends FilterInputStream {

    /**
     * {@code meridian.http.body-timeout}; 10 s by default, enough for the largest body on a slow mobile link. An
     * invalid value fails every request with a body, with the setting named in the log.
     */
    static final Duration LIMIT = Settings.positiveDuration(ConfigProvider.getConfig(
            BodyDeadline.class.getClassLoader()), "meridian.http.body-timeout", Duration.ofSeconds(10));

    private final long deadline = System.nanoTime() + LIMIT.toNanos();

    BodyDeadline(InputStream body) {
        super(body);
    }

    @Override
    public int read() throws IOException {
        return checked(() -> super.read());
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        return checked(() -> super.read(into, offset, length));
    }

    private interface Read {
        int read() throws IOException;
    }

    private int checked(Read read) throws IOException {
        if (System.nanoTime() - deadline > 0) {
            throw new SlowBodyException(LIMIT);
        }
        int result;
        try {
            result = read.read();
        } catch (InterruptedIOException readTimedOut) {
            // the listener's read timeout: the client stopped sending
            throw new SlowBodyException(LIMIT);
        }
        if (result != -1 && System.nanoTime() - deadline > 0) {
            throw new SlowBodyException(LIMIT);
        }
        return result;
    }

    /** The body did not arrive in time; answered 408, and the connection closed. */
    static final class SlowBodyException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SlowBodyException(Duration limit) {
            super("The request body did not arrive within " + limit.toSeconds() + " s");
        }

        /** {@code failure}'s cause that is one, if any. */
        static Optional<SlowBodyException> in(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SlowBodyException slow) {
                    return Optional.of(slow);
                }
            }
            return Optional.empty();
        }
    }
}
