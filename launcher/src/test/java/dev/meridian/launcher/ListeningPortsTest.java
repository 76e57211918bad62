package dev.meridian.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ListeningPortsTest {

    @Test
    void returnsOnceAnEndingServerLetsGoOfItsPort() throws Exception {
        ServerSocket held = listening();
        int port = held.getLocalPort();
        CompletableFuture<Void> released = CompletableFuture.runAsync(() -> close(held),
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

        ListeningPorts.awaitReleased(List.of(port), Duration.ofSeconds(30));

        assertThat(released).isDone();
    }

    @Test
    void givesUpNamingThePortsThatStayTaken() throws Exception {
        try (ServerSocket held = listening()) {
            assertThatThrownBy(() -> ListeningPorts.awaitReleased(List.of(held.getLocalPort()),
                    Duration.ofMillis(500)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("[" + held.getLocalPort() + "] are still in use");
        }
    }

    private static ServerSocket listening() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        return socket;
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
