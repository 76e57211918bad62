package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that sends its body too slowly, or stops sending it, cannot hold one of the server's threads for long:
 * a body dripping in a byte at a time is refused with a 408 once {@code meridian.http.body-timeout} (2 s on the
 * tests' server) has passed, and a body that stops coming is cut off by the listener's read timeout (10 s there).
 * The body here is a sign-in, which would otherwise be answered 401 once all of it had arrived.
 */
@ExtendWith(ArquillianExtension.class)
class SlowBodyIT {

    private static final Duration DRIP_INTERVAL = Duration.ofMillis(250);
    /** Far longer than either limit, far shorter than the whole dripped body would take. */
    private static final Duration CUT_OFF_WITHIN = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void aBodyDrippingInIsRefusedOnceItsTimeIsUp() throws Exception {
        byte[] body = signIn();
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            sendHeaders(socket, body.length);
            AtomicBoolean answered = new AtomicBoolean();
            Thread dripper = new Thread(() -> drip(socket, body, answered));
            dripper.start();
            String answer = answerHead(socket.getInputStream());
            answered.set(true);
            dripper.join();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).as("cut off long before the whole body (%d bytes, one every %s) had come", body.length,
                    DRIP_INTERVAL).isLessThan(CUT_OFF_WITHIN);
            assertThat(answer).startsWith("HTTP/1.1 408").containsIgnoringCase("Content-Type: application/problem+json")
                    .containsIgnoringCase("Connection: close");
        }
    }

    @Test
    void aBodyThatStopsComingIsCutOff() throws Exception {
        byte[] body = signIn();
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            sendHeaders(socket, body.length);
            OutputStream out = socket.getOutputStream();
            out.write(body, 0, body.length / 2);
            out.flush();
            String answer = answerHead(socket.getInputStream());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).as("cut off").isLessThan(CUT_OFF_WITHIN);
            // the listener may close the connection without a word, or the API answer first
            assertThat(answer).satisfiesAnyOf(head -> assertThat(head).isEmpty(),
                    head -> assertThat(head).startsWith("HTTP/1.1 408"));
        }
    }

    private static byte[] signIn() {
        return ("{\"email\":\"slow-" + UUID.randomUUID() + "@example.org\",\"password\":\"a long passphrase of mine\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Socket connect() throws IOException {
        URI server = TestServer.http("/");
        Socket socket = new Socket(server.getHost(), server.getPort());
        // the test's own bound: a server that never answers fails the test here rather than hanging it
        socket.setSoTimeout((int) CUT_OFF_WITHIN.multipliedBy(3).toMillis());
        return socket;
    }

    private static void sendHeaders(Socket socket, int contentLength) throws IOException {
        URI server = TestServer.http("/api/auth/sessions");
        String head = "POST " + server.getRawPath() + " HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void drip(Socket socket, byte[] body, AtomicBoolean answered) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < body.length && !answered.get(); i++) {
                out.write(body[i]);
                out.flush();
                Thread.sleep(DRIP_INTERVAL.toMillis());
            }
        } catch (IOException closedByTheServer) {
            // what a cut-off looks like from here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The status line and headers of the answer, or "" if the server closed the connection without one. */
    private static String answerHead(InputStream answer) throws IOException {
        StringBuilder head = new StringBuilder();
        int next;
        try {
            while ((next = answer.read()) != -1) {
                head.append((char) next);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
        } catch (SocketException reset) {
            // closed with a reset rather than a FIN: no answer either
        }
        return head.toString();
    }
}
