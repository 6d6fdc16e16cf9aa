package dev.crucible.coordinator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * How busy the whole machine was while something ran, and how much of that was not this JVM: on a shared
 * machine, other processes' load makes any throughput figure lower and noisier. Linux only ({@code /proc/stat});
 * elsewhere {@link #otherCores()} is empty.
 */
final class MachineLoad {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final long[] startTicks;
    private final long startProcessCpu;
    private final long startNanos;
    private long[] endTicks;
    private long endProcessCpu;
    private long endNanos;

    private MachineLoad() {
        startTicks = ticks();
        startProcessCpu = CpuByRole.processCpuNanos();
        startNanos = System.nanoTime();
    }

    static MachineLoad start() {
        return new MachineLoad();
    }

    MachineLoad stop() {
        endTicks = ticks();
        endProcessCpu = CpuByRole.processCpuNanos();
        endNanos = System.nanoTime();
        return this;
    }

    /** Cores kept busy by everything on the machine, this JVM and its children included; empty without {@code /proc/stat}. */
    OptionalDouble busyCores() {
        if (startTicks == null || endTicks == null || endTicks[0] <= startTicks[0]) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) (endTicks[1] - startTicks[1]) / (endTicks[0] - startTicks[0])
                * Runtime.getRuntime().availableProcessors());
    }

    /** Cores kept busy by everything but this JVM, on average over the span; empty without {@code /proc/stat}. */
    OptionalDouble otherCores() {
        if (startTicks == null || endTicks == null) {
            return OptionalDouble.empty();
        }
        long total = endTicks[0] - startTicks[0];
        long busy = endTicks[1] - startTicks[1];
        if (total <= 0) {
            return OptionalDouble.empty();
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double machineCores = (double) busy / total * cores;
        double ownCores = (endProcessCpu - startProcessCpu) / (double) (endNanos - startNanos);
        return OptionalDouble.of(Math.max(0, machineCores - ownCores));
    }

    /** The one-minute load average now; empty without {@code /proc/loadavg}. */
    static OptionalDouble loadAverage() {
        try {
            return OptionalDouble.of(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** {total, busy} jiffies of all CPUs, or null. */
    private static long[] ticks() {
        try {
            String cpu = Files.readAllLines(PROC_STAT).getFirst();
            if (!cpu.startsWith("cpu ")) {
                return null;
            }
            long[] fields = Arrays.stream(cpu.substring(4).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
            // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user and nice]
            long idle = fields[3] + (fields.length > 4 ? fields[4] : 0);
            long total = 0;
            for (int i = 0; i < Math.min(fields.length, 8); i++) {
                total += fields[i];
            }
            return new long[] {total, total - idle};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

}
