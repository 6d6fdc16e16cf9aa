package dev.crucible.coordinator.bench;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where this JVM's CPU time went while something ran, by the role of each platform thread (broker, worker,
 * coordinator). Thread CPU times are read every {@value #EVERY_MS} ms, so a thread that ends between two reads
 * loses at most its last interval; what no Java thread accounts for (garbage collection, JIT compilation) is
 * reported as "JVM (GC, JIT, other)". Virtual threads run on the carrier pool, reported as the workers' trial
 * attempts (nothing else in a bench runs on virtual threads).
 */
final class CpuByRole implements AutoCloseable {
    private static final long EVERY_MS = 100;

    /** First match wins; order matters. */
    private static final List<Map.Entry<String, Pattern>> ROLES = List.of(
            Map.entry("worker: trial attempts (virtual threads)", Pattern.compile("^ForkJoinPool-\\d+-(worker|delayScheduler)|^VirtualThread-")),
            Map.entry("worker: share consumer loops", Pattern.compile("-intake-\\d+$")),
            Map.entry("worker: share consumer network", Pattern.compile("^consumer_background_thread|^ShareConsumer|share-consumer")),
            Map.entry("worker: results producer network", Pattern.compile("^kafka-producer-network-thread \\| .*-results$")),
            Map.entry("coordinator: fan-out (trial, JSON, send)", Pattern.compile("^main$")),
            Map.entry("coordinator: fan-out producer network", Pattern.compile("^kafka-producer-network-thread \\| fan-out-")),
            Map.entry("coordinator: aggregator", Pattern.compile("^aggregator$")),
            Map.entry("broker: request handlers", Pattern.compile("^data-plane-kafka-request-handler")),
            Map.entry("broker: network threads", Pattern.compile("^data-plane-kafka-network-thread|^kafka-socket")),
            Map.entry("broker: share coordinator and persister", Pattern.compile("^share-coordinator|^PersisterStateManager|ShareFetch|share-group")),
            Map.entry("broker: other", Pattern.compile("^(kafka|broker|controller|quorum|group-coordinator|executor|log-|metrics|ExpirationReaper|transaction|LogDirFailureHandler|raft|data-plane)")));
    private static final String OTHER_THREADS = "other threads";
    private static final String JVM = "JVM (GC, JIT, other)";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startCpu = new HashMap<>();
    private final Map<Long, Long> lastCpu = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long processStart;
    private final Thread sampler;
    private volatile boolean stopped;
    private long processCpu;

    private CpuByRole() {
        threads.setThreadCpuTimeEnabled(true);
        processStart = processCpuNanos();
        read(true);
        sampler = Thread.ofPlatform().daemon().name("bench-cpu-sampler").start(this::sample);
    }

    static CpuByRole start() {
        return new CpuByRole();
    }

    private void sample() {
        while (!stopped) {
            read(false);
            try {
                Thread.sleep(EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void read(boolean baseline) {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu < 0 || infos[i] == null) {
                continue;
            }
            names.put(ids[i], infos[i].getThreadName());
            // a thread first seen after the start ran all its CPU time inside the measured span
            startCpu.putIfAbsent(ids[i], baseline ? cpu : 0L);
            lastCpu.put(ids[i], cpu);
        }
    }

    /** Stops sampling; the totals are those up to now. Idempotent. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        read(false);
        processCpu = processCpuNanos() - processStart;
    }

    /** CPU time by role, largest first, then the JVM's own share; call after {@link #close()}. */
    synchronized Map<String, Duration> byRole() {
        Map<String, Long> nanos = new HashMap<>();
        long threadTotal = 0;
        for (Map.Entry<Long, Long> entry : lastCpu.entrySet()) {
            long used = entry.getValue() - startCpu.getOrDefault(entry.getKey(), 0L);
            if (names.get(entry.getKey()).equals("bench-cpu-sampler")) {
                continue;
            }
            nanos.merge(role(names.get(entry.getKey())), used, Long::sum);
            threadTotal += used;
        }
        Map<String, Duration> ordered = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> ordered.put(e.getKey(), Duration.ofNanos(e.getValue())));
        ordered.put(JVM, Duration.ofNanos(Math.max(0, processCpu - threadTotal)));
        return ordered;
    }

    /**
     * The sweep's CPU by role (seconds, share, µs per trial) and beside it the bare trip's (µs per trip), whose
     * threads are named after the roles they stand in for; a role only one of them has shows 0 in the other.
     */
    static void print(PrintStream out, Map<String, Duration> sweep, long trials, Map<String, Duration> bare, long trips) {
        double total = sweep.values().stream().mapToLong(Duration::toNanos).sum() / 1e9;
        Set<String> roles = new LinkedHashSet<>(sweep.keySet());
        roles.addAll(bare.keySet());
        for (String role : roles) {
            long cpu = sweep.getOrDefault(role, Duration.ZERO).toNanos();
            out.printf(Locale.ROOT, "    %-44s %6.2f s %5.1f%%  %6.1f µs/trial  | %6.1f µs/trip%n", role, cpu / 1e9,
                    100 * cpu / 1e9 / total, cpu / 1e3 / trials, bare.getOrDefault(role, Duration.ZERO).toNanos() / 1e3 / trips);
        }
        out.printf(Locale.ROOT, "    %-44s %6.2f s %5.1f%%  %6.1f µs/trial  | %6.1f µs/trip%n", "total", total, 100.0,
                total * 1e6 / trials, bare.values().stream().mapToLong(Duration::toNanos).sum() / 1e3 / trips);
    }

    private static String role(String threadName) {
        for (Map.Entry<String, Pattern> role : ROLES) {
            if (role.getValue().matcher(threadName).find()) {
                return role.getKey();
            }
        }
        return OTHER_THREADS;
    }

    /** CPU time of this JVM so far. */
    static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** Collection time the JVM's collectors reported so far. */
    static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    /** Compilation time the JIT reported so far, 0 where it is not monitored. */
    static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
