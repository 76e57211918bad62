package dev.meridian.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code podman} command line as the container tests use it: every call with the configuration that makes podman
 * work on these machines ({@code CONTAINERS_CONF}), bounded in time, and written to a log the test leaves behind.
 */
final class Podman {

    /** What a command printed, and how it ended. */
    record Result(int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final Path configuration;
    private final Path log;

    Podman(Path configuration, Path log) {
        this.configuration = configuration;
        this.log = log;
    }

    /** Runs {@code podman arguments...}, which must succeed within {@code timeout}; what it printed. */
    String run(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = podman(arguments);
        return succeeded(command, attempt(timeout, command));
    }

    /** Runs {@code command} (a script that calls podman) with podman's configuration; it must succeed. */
    String runScript(Duration timeout, String... command) throws IOException, InterruptedException {
        return succeeded(List.of(command), attempt(timeout, List.of(command)));
    }

    /** Runs {@code podman arguments...} and tells how it ended, whatever that was. */
    Result attempt(Duration timeout, String... arguments) throws IOException, InterruptedException {
        return attempt(timeout, podman(arguments));
    }

    private static List<String> podman(String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return command;
    }

    private Result attempt(Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(log.getParent(), "podman", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("CONTAINERS_CONF", configuration.toString());
        Process process = builder.start();
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        Files.writeString(log, "$ " + String.join(" ", command) + "\n" + printed + (ended ? "" : "(timed out)\n"),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!ended) {
            throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ":\n" + printed);
        }
        return new Result(process.exitValue(), printed);
    }

    private static String succeeded(List<String> command, Result result) {
        if (!result.succeeded()) {
            throw new AssertionError(String.join(" ", command) + " exited with " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.output();
    }
}
