package dev.crucible.worker.policy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The time limits of calls that run on their callers' threads: a caller is interrupted when its call's limit ran
 * out, at most {@link #TICK} late.
 *
 * <p>Why not a thread per call, abandoned on timeout: a simulated sweep makes two calls per trial, and handing each
 * to another virtual thread and parking the caller until it answered cost a fifth of a trial (measured with
 * {@code crucible bench}). The price is that a call deaf to interrupts outlives its limit; the HTTP client cancels its
 * exchange on interrupt, and every provider's own request timeout ends before the policy's.
 *
 * <p>Why a sweep every tick rather than a timer task per call: scheduling and cancelling a task per call woke the
 * timer's thread on almost every call of a fast model. The sweep runs only while calls are running. Thread-safe.
 */
final class CallDeadlines implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(50);

    private final ScheduledThreadPoolExecutor timer;
    private final Set<Deadline> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    CallDeadlines() {
        // a virtual thread: a policy that is never closed (tests, tools) leaves no platform thread behind
        timer = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("call-deadlines").factory());
    }

    /** Starts the limit of a call about to run on the current thread; {@link Deadline#finish} it whatever happens. */
    Deadline start(Duration limit) {
        Deadline deadline = new Deadline(Thread.currentThread(), System.nanoTime() + limit.toNanos());
        running.add(deadline);
        if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
            scheduleSweep();
        }
        return deadline;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Deadline deadline : running) {
            if (now - deadline.dueNanos >= 0) {
                running.remove(deadline);
                deadline.expire();
            }
        }
        if (!running.isEmpty()) {
            scheduleSweep();
            return;
        }
        sweeping.set(false);
        // a call that started after the emptiness check saw the sweep still on and scheduled none
        if (!running.isEmpty() && sweeping.compareAndSet(false, true)) {
            scheduleSweep();
        }
    }

    private void scheduleSweep() {
        if (!timer.isShutdown()) {
            timer.schedule(this::sweep, TICK.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** A sweep is scheduled: some call was running when the last one looked. */
    boolean sweeping() {
        return sweeping.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One call's limit: running, then finished in time or expired (and its thread interrupted). */
    final class Deadline {
        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int EXPIRING = 2;
        private static final int EXPIRED = 3;

        private final Thread caller;
        private final long dueNanos;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        private Deadline(Thread caller, long dueNanos) {
            this.caller = caller;
            this.dueNanos = dueNanos;
        }

        private void expire() {
            if (state.compareAndSet(RUNNING, EXPIRING)) {
                caller.interrupt();
                state.set(EXPIRED);
            }
        }

        /**
         * Called by the caller once the call returned or threw.
         *
         * @return true when the call ended within its limit; false when the limit ran out first, in which case the
         *         interrupt it caused has been cleared, so that it does not end the rest of the attempt
         */
        boolean finish() {
            if (state.compareAndSet(RUNNING, FINISHED)) {
                running.remove(this);
                return true;
            }
            // the sweep is interrupting this thread, or has: wait for it, then take the interrupt back
            while (state.get() == EXPIRING) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            return false;
        }
    }
}
