package dev.meridian.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the processors did during a step: the CPU time of the server, the database and this harness, and how busy
 * the machine's cores were. A latency tail on two cores follows how busy they are more than anything else, so the
 * delivery benchmark reports both side by side.
 *
 * <p>Process times come from {@link ProcessHandle.Info#totalCpuDuration()} of the processes alive at the end of the
 * step, so what a database process that ended during it (an autovacuum worker, say) used is not counted. How busy
 * the cores were, and the time the hypervisor took from them (steal), come from Linux's {@code /proc/stat}; elsewhere
 * they are unknown.
 */
final class CpuUse {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    // the fields of /proc/stat's "cpu" line, in ticks: user nice system idle iowait irq softirq steal
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;
    private static final int STEAL = 7;

    private static final Predicate<ProcessHandle> SERVER = process -> process.info().arguments()
            .map(arguments -> Arrays.stream(arguments).anyMatch(argument -> argument.endsWith("jboss-modules.jar")))
            .orElse(false);
    private static final Predicate<ProcessHandle> DATABASE = process -> process.info().command()
            .map(command -> command.endsWith("/postgres")).orElse(false);

    /**
     * CPU use over a step.
     *
     * @param server   the WildFly process's CPU time
     * @param database the PostgreSQL processes' CPU time
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

    // CPU time by process id
    private final Map<Long, Duration> server;
    private final Map<Long, Duration> database;
    private final Duration harness;
    private final Optional<long[]> machine;

    private CpuUse(Map<Long, Duration> server, Map<Long, Duration> database, Duration harness,
                   Optional<long[]> machine) {
        this.server = server;
        this.database = database;
        this.harness = harness;
        this.machine = machine;
    }

    /** The counters now. */
    static CpuUse now() {
        List<ProcessHandle> processes = ProcessHandle.allProcesses().toList();
        return new CpuUse(cpuOf(processes, SERVER), cpuOf(processes, DATABASE),
                ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO), machineTicks());
    }

    /** What was used from {@code start} to this reading. */
    Step since(CpuUse start) {
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

    /** What the processes of {@code end} used since {@code start}; all of it for those started since. */
    private static Duration usedSince(Map<Long, Duration> end, Map<Long, Duration> start) {
        return end.entrySet().stream()
                .map(process -> process.getValue().minus(start.getOrDefault(process.getKey(), Duration.ZERO)))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static Map<Long, Duration> cpuOf(List<ProcessHandle> processes, Predicate<ProcessHandle> which) {
        return processes.stream().filter(which).collect(Collectors.toMap(ProcessHandle::pid,
                process -> process.info().totalCpuDuration().orElse(Duration.ZERO)));
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
