package dev.crucible.coordinator.progress;

import dev.crucible.coordinator.aggregate.SweepSnapshot;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Shows {@link ProgressView} while a sweep runs, on its own daemon thread: redrawn in place twice a second on a
 * terminal, a plain line every few seconds anywhere else (a pipe, a log file, CI). {@link #close} draws the
 * last state once more, so the output ends on the final counts.
 */
public final class ProgressReporter implements AutoCloseable {
    private static final String UP_AND_CLEAR = "\u001b[1A\r\u001b[K";
    private static final String CLEAR = "\u001b[K";

    /** How progress is shown. */
    public enum Mode {
        /** Redrawn in place with carriage returns and ANSI cursor movement. */
        TERMINAL,
        /** A new line every interval. */
        PLAIN,
        OFF
    }

    private final PrintStream console;
    private final Mode mode;
    private final Supplier<SweepSnapshot> snapshots;
    private final SweepSnapshot start;
    private final long startNanos = System.nanoTime();
    private final int width;
    private final Thread thread;
    private boolean drawn;
    private boolean closed;

    private ProgressReporter(PrintStream console, Mode mode, Supplier<SweepSnapshot> snapshots, Duration plainEvery) {
        this.console = console;
        this.mode = mode;
        this.snapshots = snapshots;
        this.start = snapshots.get();
        this.width = columns();
        Duration every = mode == Mode.TERMINAL ? Duration.ofMillis(500) : plainEvery;
        this.thread = mode == Mode.OFF ? null : Thread.ofPlatform().daemon().name("progress").start(() -> loop(every));
    }

    public static ProgressReporter start(PrintStream console, Mode mode, Supplier<SweepSnapshot> snapshots, Duration plainEvery) {
        return new ProgressReporter(console, mode, snapshots, plainEvery);
    }

    /**
     * TERMINAL when {@code console} is the process's standard output and that is an interactive terminal (not a
     * pipe or file, and not {@code TERM=dumb}); PLAIN otherwise.
     */
    public static Mode detect(PrintStream console) {
        if (console != System.out || "dumb".equals(System.getenv("TERM"))) {
            return Mode.PLAIN;
        }
        java.io.Console terminal = System.console();
        if (terminal == null) {
            return Mode.PLAIN;
        }
        try {
            // Console.isTerminal() (JDK 22+): since 22 System.console() is not null for redirected streams either
            Object interactive = java.io.Console.class.getMethod("isTerminal").invoke(terminal);
            return Boolean.TRUE.equals(interactive) ? Mode.TERMINAL : Mode.PLAIN;
        } catch (ReflectiveOperationException e) {
            return Mode.TERMINAL;  // JDK 21: a non-null console is a terminal
        }
    }

    private void loop(Duration every) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(every);
                draw();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw() {
        SweepSnapshot now = snapshots.get();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        if (mode == Mode.PLAIN) {
            console.println(ProgressView.plain(start, now, elapsed));
            return;
        }
        List<String> lines = ProgressView.terminal(start, now, elapsed, width);
        console.print((drawn ? UP_AND_CLEAR : "\r" + CLEAR) + lines.get(0) + "\n" + CLEAR + lines.get(1));
        console.flush();
        drawn = true;
    }

    @Override
    public synchronized void close() {
        if (thread == null || closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
        if (mode == Mode.TERMINAL) {
            console.println();
        }
    }

    private static int columns() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120").trim());
        } catch (NumberFormatException e) {
            return 120;
        }
    }
}
