package dev.meridian.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The provisioned WildFly, run as a child process with its own base directory: the configuration and the EAR are
 * refreshed from the build on every start, the data (broker journal, transaction log) is kept. The crash tests
 * start it this way too, because they must be able to kill it.
 */
public final class WildFlyServer {

    private static final long STOP_TIMEOUT_SECONDS = 60;
    /**
     * The server's heap unless {@code JBOSS_JAVA_SIZING} says otherwise. WildFly's own default, 512 MB, is tight for
     * the embedded broker, the consumers and a backlog together: under load the young collections came every
     * second or two and the old generation filled.
     */
    private static final String DEFAULT_JAVA_SIZING = "-Xms1g -Xmx2g";

    private final Process process;

    private WildFlyServer(Process process) {
        this.process = process;
    }

    /**
     * Starts the server from {@code serverHome} with {@code ear} deployed, using {@code baseDirectory} for its
     * configuration, deployments, data and logs.
     *
     * @param configuration    the server configuration file, one of those the build produced
     * @param systemProperties passed to the server as {@code -Dname=value}
     * @param console          where the server's console output goes
     */
    public static WildFlyServer start(Path serverHome, Path ear, Path baseDirectory, String configuration,
                                      Map<String, String> systemProperties, ProcessBuilder.Redirect console)
            throws IOException {
        prepareBaseDirectory(serverHome, ear, baseDirectory, configuration);
        List<String> command = new ArrayList<>();
        command.add(serverHome.resolve("bin").resolve(isWindows() ? "standalone.bat" : "standalone.sh").toString());
        command.add("-c");
        command.add(configuration);
        command.add("-Djboss.server.base.dir=" + baseDirectory);
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console);
        // the server runs on the JDK that runs the launcher, whatever JAVA_HOME says
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JBOSS_HOME", serverHome.toString());
        builder.environment().putIfAbsent("JBOSS_JAVA_SIZING", DEFAULT_JAVA_SIZING);
        return new WildFlyServer(builder.start());
    }

    private static void prepareBaseDirectory(Path serverHome, Path ear, Path baseDirectory, String configurationFile)
            throws IOException {
        if (!Files.isRegularFile(ear)) {
            throw new IOException("No EAR at " + ear + ": build it first");
        }
        Path configuration = serverHome.resolve("standalone").resolve("configuration");
        if (!Files.isRegularFile(configuration.resolve(configurationFile))) {
            throw new IOException("No provisioned server at " + serverHome + ": build the ear module first");
        }
        copyTree(configuration, baseDirectory.resolve("configuration"));
        Path deployments = baseDirectory.resolve("deployments");
        Files.createDirectories(deployments);
        try (Stream<Path> previous = Files.list(deployments)) {
            for (Path file : (Iterable<Path>) previous::iterator) {
                Files.delete(file);
            }
        }
        Files.copy(ear, deployments.resolve(ear.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Copies the directory {@code from} with everything in it to {@code to}, replacing files that are there. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase().startsWith("windows");
    }

    /** Waits until the server process ends and returns its exit code. */
    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Asks the server to shut down gracefully and waits for it; kills it if it does not end in time. */
    public void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * Ends the server the way a power cut or the OOM killer would: SIGKILL to the JVM and its start script, with no
     * chance to finish a transaction, flush a journal or send a message. Waits until the JVM is gone.
     */
    public void kill() {
        List<ProcessHandle> processes = new ArrayList<>(process.descendants().toList());
        processes.add(process.toHandle());
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle killed : processes) {
            killed.onExit().join();
        }
    }
}
