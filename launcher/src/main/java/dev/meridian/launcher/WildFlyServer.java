package dev.meridian.launcher;

import dev.meridian.launcher.LaunchSettings.BrokerMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The provisioned WildFly, run as a child process with its own base directory: the configuration and the EAR are
 * refreshed from the build on every start, the data (broker journal, transaction log) is kept. The crash tests
 * start it this way too, because they must be able to kill it.
 */
public final class WildFlyServer {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a start waits for the server's ports to be released by a process that is still ending (a server
     * stopped a moment ago by someone else, say) before it gives up with a clear error instead of a server that
     * cannot bind, whose port another server may answer on.
     */
    private static final Duration PORTS_RELEASE_TIMEOUT = Duration.ofSeconds(60);
    /** The file in the base directory's configuration that hands the server its secrets. */
    private static final String SECRETS_FILE = "meridian-secrets.properties";
    private static final String PORT_OFFSET_PROPERTY = "jboss.socket.binding.port-offset";
    /** Meridian's internal listener: a fixed port, not moved by the offset. */
    private static final String INTERNAL_PORT_PROPERTY = "meridian.internal.port";
    private static final List<Integer> WILDFLY_PORTS = List.of(8080, 9990);
    /**
     * The server's heap unless {@code JBOSS_JAVA_SIZING} says otherwise. WildFly's own default, 512 MB, is tight for
     * the embedded broker, the consumers and a backlog together: under load the young collections came every
     * second or two and the old generation filled.
     */
    private static final String DEFAULT_JAVA_SIZING = "-Xms1g -Xmx2g";

    private final Process process;
    /**
     * Every process of the server seen so far: the start script and the JVM it starts. The JVM is the one holding
     * the ports, and it outlives the script when the script ends first, so stopping waits for every one of them.
     */
    private final Set<ProcessHandle> processes = new LinkedHashSet<>();

    private WildFlyServer(Process process) {
        this.process = process;
        processes.add(process.toHandle());
    }

    /**
     * Starts the server from {@code serverHome} with {@code ear} deployed, using {@code baseDirectory} for its
     * configuration, deployments, data and logs.
     *
     * @param brokerMode       which of the server configurations the build produced to start
     * @param systemProperties passed to the server as {@code -Dname=value}
     * @param broker           the server's broker account, passed in a file only the owner can read rather than on
     *                         the command line every local user can see; with an embedded broker, every account is
     *                         created on it
     * @param console          where the server's console output goes
     */
    public static WildFlyServer start(Path serverHome, Path ear, Path baseDirectory, BrokerMode brokerMode,
                                      Map<String, String> systemProperties, BrokerAccounts broker,
                                      ProcessBuilder.Redirect console) throws IOException {
        String configuration = brokerMode.serverConfiguration();
        int portOffset = Integer.parseInt(systemProperties.getOrDefault(PORT_OFFSET_PROPERTY, "0"));
        List<Integer> ports = new ArrayList<>(WILDFLY_PORTS.stream().map(port -> port + portOffset).toList());
        Optional.ofNullable(systemProperties.get(INTERNAL_PORT_PROPERTY)).map(Integer::valueOf).ifPresent(ports::add);
        ListeningPorts.awaitReleased(ports, PORTS_RELEASE_TIMEOUT);
        prepareBaseDirectory(serverHome, ear, baseDirectory, configuration);
        Path configurationDirectory = baseDirectory.resolve("configuration");
        if (brokerMode == BrokerMode.EMBEDDED) {
            for (BrokerAccount account : broker.all()) {
                account.addTo(configurationDirectory);
            }
        }
        Path secrets = ownerOnlyProperties(configurationDirectory.resolve(SECRETS_FILE), broker.serverProperties());
        List<String> command = new ArrayList<>();
        command.add(serverHome.resolve("bin").resolve(isWindows() ? "standalone.bat" : "standalone.sh").toString());
        command.add("-c");
        command.add(configuration);
        command.add("-Djboss.server.base.dir=" + baseDirectory);
        command.add("--properties=" + secrets.toUri());
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console);
        // the server runs on the JDK that runs the launcher, whatever JAVA_HOME says
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JBOSS_HOME", serverHome.toString());
        builder.environment().putIfAbsent("JBOSS_JAVA_SIZING", DEFAULT_JAVA_SIZING);
        // the script then passes SIGINT and SIGTERM on to the JVM and waits for it, rather than dying at once and
        // leaving the JVM behind (Ctrl-C signals the launcher's whole process group)
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
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

    /** Writes {@code properties} to {@code file}, readable and writable by its owner only. */
    private static Path ownerOnlyProperties(Path file, Map<String, String> properties) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Properties written = new Properties();
        written.putAll(properties);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            written.store(out, "Meridian's secrets for this start; written by the launcher on every start");
        }
        return file;
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

    /** Whether any process of the server still runs: a server that failed to boot ends by itself. */
    public boolean isRunning() {
        return serverProcesses().stream().anyMatch(ProcessHandle::isAlive);
    }

    /**
     * Asks the server to shut down gracefully and waits until its JVM has ended, so its ports are free; kills it if
     * it does not end in time.
     */
    public void stop() throws InterruptedException {
        List<ProcessHandle> running = serverProcesses();
        running.forEach(ProcessHandle::destroy);
        if (!awaitEnded(running, STOP_TIMEOUT)) {
            running.forEach(ProcessHandle::destroyForcibly);
            if (!awaitEnded(running, KILL_TIMEOUT)) {
                throw new IllegalStateException("The server's processes " + running.stream().filter(
                        ProcessHandle::isAlive).map(ProcessHandle::pid).toList() + " outlived a SIGKILL by "
                        + KILL_TIMEOUT.toSeconds() + " s");
            }
        }
    }

    /**
     * Ends the server the way a power cut or the OOM killer would: SIGKILL to the JVM and its start script, with no
     * chance to finish a transaction, flush a journal or send a message. Waits until the JVM is gone.
     */
    public void kill() {
        List<ProcessHandle> running = serverProcesses();
        running.forEach(ProcessHandle::destroyForcibly);
        running.forEach(killed -> killed.onExit().join());
    }

    /**
     * The script and every process it started that still run. Taken before any signal is sent: once the script has
     * ended, the JVM is no longer its descendant and could not be found through it.
     */
    private synchronized List<ProcessHandle> serverProcesses() {
        process.descendants().forEach(processes::add);
        processes.removeIf(ended -> !ended.isAlive());
        return List.copyOf(processes);
    }

    private static boolean awaitEnded(List<ProcessHandle> running, Duration timeout) throws InterruptedException {
        CompletableFuture<?>[] exits = running.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for the server's processes failed", e);
        }
    }
}
