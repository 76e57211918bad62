package dev.meridian.it.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Restarts and crashes the tests' embedded PostgreSQL the way an operator or the kernel would: through its own
 * {@code pg_ctl}, which restarts with the options the server was started with (kept in {@code postmaster.opts}).
 */
public final class PostgresControl {

    private static final Duration RESTART_PATIENCE = Duration.ofSeconds(60);

    private final Path dataDirectory;

    public PostgresControl(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** A fast shutdown (every session ended, committed work kept) and a start again. */
    public void restartFast() throws IOException, InterruptedException {
        pgCtl(pgCtl(), "restart", "-m", "fast");
    }

    /**
     * Kills the postmaster (SIGKILL), as the kernel's out-of-memory killer would, and starts it again: PostgreSQL
     * recovers from its write-ahead log. The start is retried while the dead postmaster is still a process (a zombie
     * until the machine's init reaps it, which {@code pg_ctl} takes for a running server) or its backends still hold
     * its shared memory.
     */
    public void crashAndRecover() throws IOException, InterruptedException {
        Path pgCtl = pgCtl();
        ProcessHandle.of(postmasterPid()).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + RESTART_PATIENCE.toNanos();
        while (true) {
            try {
                pgCtl(pgCtl, "restart", "-m", "immediate");
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    }

    /** The running server's own {@code pg_ctl}, beside its {@code postgres} binary. */
    private Path pgCtl() throws IOException {
        return Path.of("/proc", String.valueOf(postmasterPid()), "exe").toRealPath().resolveSibling("pg_ctl");
    }

    private void pgCtl(Path pgCtl, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; the embedded server was started in a user namespace the same way
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "-w", "-t",
                String.valueOf(RESTART_PATIENCE.toSeconds())));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile("pg_ctl", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        if (!process.waitFor(RESTART_PATIENCE.toSeconds() + 10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }
}
