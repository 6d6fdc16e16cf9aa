package dev.crucible.worker.policy;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The time limit of a call that runs on its caller's thread: the thread is interrupted when the limit runs out.
 *
 * <p>Why not a thread per call, abandoned on timeout: a simulated sweep makes two calls per trial, and handing each
 * to another virtual thread and parking the caller until it answered cost a fifth of a trial (measured with
 * {@code crucible bench}). The price is that a call deaf to interrupts outlives its limit; the HTTP client cancels its
 * exchange on interrupt, and every provider's own request timeout ends before the policy's. Thread-safe.
 */
final class CallDeadlines implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timer;

    CallDeadlines() {
        // a virtual thread: a policy that is never closed (tests, tools) leaves no platform thread behind
        timer = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("call-deadlines").factory());
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Starts the limit of a call about to run on the current thread; {@link Deadline#finish} it whatever happens. */
    Deadline start(Duration limit) {
        Deadline deadline = new Deadline(Thread.currentThread());
        deadline.timer = timer.schedule(deadline, limit.toNanos(), TimeUnit.NANOSECONDS);
        return deadline;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One call's limit: running, then finished in time or expired (and its thread interrupted). */
    static final class Deadline implements Runnable {
        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int EXPIRING = 2;
        private static final int EXPIRED = 3;

        private final Thread caller;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private ScheduledFuture<?> timer;

        private Deadline(Thread caller) {
            this.caller = caller;
        }

        @Override
        public void run() {
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
                timer.cancel(false);
                return true;
            }
            // the timer is interrupting this thread, or has: wait for it, then take the interrupt back
            while (state.get() == EXPIRING) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            return false;
        }
    }
}
