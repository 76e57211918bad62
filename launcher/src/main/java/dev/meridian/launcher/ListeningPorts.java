package dev.meridian.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/**
 * Ports a server is about to listen on. A server that has just been stopped can hold its ports for a moment while
 * it ends; a new server started then fails to bind, and its readiness probe may be answered by the old one.
 */
public final class ListeningPorts {

    private ListeningPorts() {
    }

    /**
     * Waits until every one of {@code ports} can be bound on all interfaces.
     *
     * @throws IOException naming the ports still taken when {@code timeout} has passed
     */
    public static void awaitReleased(List<Integer> ports, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> taken = takenPorts(ports);
        while (!taken.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Ports " + taken + " are still in use after " + timeout.toSeconds()
                        + " s: another server (an earlier Meridian, a test's server still shutting down) holds them");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for ports " + taken, e);
            }
            taken = takenPorts(taken);
        }
    }

    private static List<Integer> takenPorts(List<Integer> ports) {
        return ports.stream().filter(port -> !bindable(port)).toList();
    }

    /**
     * Whether a server could listen on {@code port} now. The wildcard address is the strictest test: the kernel
     * refuses it while any address listens on the port. Address reuse is on, as WildFly's own listeners have it, so
     * connections of an ended server lingering in TIME_WAIT do not count as taken.
     */
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
