package dev.meridian.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the processors did during a step: the CPU time of the server under test, its database and this harness, and
 * how busy the machine's cores were. A latency tail on two cores follows how busy they are more than anything else,
 * so the delivery benchmark reports both side by side.
 *
 * <p>The server is the JVM started with the benchmark's base directory; the database is the PostgreSQL whose data
 * directory the benchmark made, its postmaster and the postmaster's children. Their times come from
 * {@link ProcessHandle.Info#totalCpuDuration()} of the processes alive at the end of a step, so what a process that
 * ended during it used (an autovacuum worker, say) is not counted. How busy the cores were, and the time the
 * hypervisor took from them (steal), come from Linux's {@code /proc/stat}; elsewhere they are unknown.
 */
final class CpuUse {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    // the fields of /proc/stat's "cpu" line, in ticks: user nice system idle iowait irq softirq steal
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;
    private static final int STEAL = 7;

    /**
     * CPU use over a step.
     *
     * @param server   the server's CPU time
     * @param database the database's CPU time
     * @param harness  this process's CPU time: the load generator where it makes the load
     * @param busy     the share of the machine's core time spent on anything but idling, steal included
     * @param steal    the share of the machine's core time the hypervisor gave to others
     */
    record Step(Duration server, Duration database, Duration harness, Optional<Double> busy, Optional<Double> steal) {

        /** {@code time} per event, in milliseconds. */
        static double millisPerEvent(Duration time, long events) {
            return events == 0 ? Double.NaN : time.toNanos() / 1e6 / events;
        }
    }

    /** A process, told apart from a later one with the same id. */
    private record Process(long pid, Optional<Instant> started) {
    }

    /** The counters at one moment. */
    final class Reading {

        private final Map<Process, Duration> server;
        private final Map<Process, Duration> database;
        private final Duration harness;
        private final Optional<long[]> machine;

        private Reading() {
            server = cpuOf(ProcessHandle.allProcesses().filter(this::isServer));
            database = cpuOf(postmaster().map(postmaster -> Stream.concat(Stream.of(postmaster),
                    postmaster.descendants())).orElse(Stream.empty()));
            harness = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            machine = machineTicks();
        }

        /** What was used from {@code start} to this reading. */
        Step since(Reading start) {
            Optional<Double> busy = Optional.empty();
            Optional<Double> steal = Optional.empty();
            if (machine.isPresent() && start.machine.isPresent()) {
                long[] ticks = new long[machine.get().length];
                for (int field = 0; field < ticks.length; field++) {
                    ticks[field] = machine.get()[field] - start.machine.get()[field];
                }
                double total = Arrays.stream(ticks).sum();
                if (total > 0) {
                    busy = Optional.of((total - ticks[IDLE] - ticks[IOWAIT]) / total);
                    steal = Optional.of(ticks[STEAL] / total);
                }
            }
            return new Step(usedSince(server, start.server), usedSince(database, start.database),
                    harness.minus(start.harness), busy, steal);
        }

        private boolean isServer(ProcessHandle process) {
            String[] arguments = process.info().arguments().orElse(new String[0]);
            return Arrays.asList(arguments).contains(serverBaseDirectoryArgument)
                    && Arrays.stream(arguments).anyMatch(argument -> argument.endsWith("jboss-modules.jar"));
        }
    }

    private final String serverBaseDirectoryArgument;
    private final Path postmasterPid;

    /**
     * @param serverBaseDirectory the base directory the server under test was started with
     * @param dataDirectory       its database's data directory
     */
    CpuUse(Path serverBaseDirectory, Path dataDirectory) {
        this.serverBaseDirectoryArgument = "-Djboss.server.base.dir=" + serverBaseDirectory;
        this.postmasterPid = dataDirectory.resolve("postmaster.pid");
    }

    /** The counters now. */
    Reading now() {
        return new Reading();
    }

    /** What the processes of {@code end} used since {@code start}; all of it for those started since. */
    private static Duration usedSince(Map<Process, Duration> end, Map<Process, Duration> start) {
        return end.entrySet().stream()
                .map(process -> process.getValue().minus(start.getOrDefault(process.getKey(), Duration.ZERO)))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static Map<Process, Duration> cpuOf(Stream<ProcessHandle> processes) {
        // read each process's information once: one that ends in between has none rather than half of it
        return processes.map(process -> Map.entry(process, process.info()))
                .filter(process -> process.getValue().totalCpuDuration().isPresent())
                .collect(Collectors.toMap(
                        process -> new Process(process.getKey().pid(), process.getValue().startInstant()),
                        process -> process.getValue().totalCpuDuration().orElseThrow()));
    }

    /** The database's postmaster, from the first line of its pid file. */
    private Optional<ProcessHandle> postmaster() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first eight fields of the "cpu" line (all cores), or empty where there is no {@code /proc/stat}. */
    private static Optional<long[]> machineTicks() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long[] ticks = new long[STEAL + 1];
            for (int field = 0; field < ticks.length; field++) {
                ticks[field] = Long.parseLong(fields[field + 1]);
            }
            return Optional.of(ticks);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
