package dev.crucible.worker.intake;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One share consumer's loop, on its own thread (a share consumer is not thread-safe). Each poll's trials run
 * concurrently on virtual threads, and every record of a poll is acknowledged before the next poll, as explicit
 * acknowledgement mode requires.
 *
 * <p>A trial that outlives half of its acquisition lock is acknowledged with RENEW instead (KIP-1222): the broker
 * extends the lock, the attempt keeps running, and the consumer presents the record again in a later poll, where
 * it is acknowledged once more — finally with its outcome. So a long model call is never handed to a second
 * worker because of its length. A renewed record presented again is held until its next renewal is due (rather
 * than renewed on every poll); while it is held this loop polls no new trials, which the worker's other
 * consumers keep taking.
 */
final class IntakeLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(IntakeLoop.class);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** The broker's default {@code group.share.record.lock.duration.ms}, until the consumer reports the group's. */
    private static final long DEFAULT_LOCK_MS = 30_000;

    private final Supplier<ShareConsumer<String, byte[]>> consumers;
    private volatile ShareConsumer<String, byte[]> consumer;
    private final String trialsTopic;
    private final TrialHandler handler;
    private final ExecutorService attempts;
    private final Duration pollTimeout;
    private final IntakeCounters counters;
    private final InstantSource clock;
    /** Attempts still running whose record was renewed, by record; each is presented again by a later poll. */
    private final Map<RecordKey, Running> renewed = new HashMap<>();
    private volatile boolean stopping;
    private volatile boolean aborting;
    /** The drain timeout ran out: what is still running is released, not waited for. */
    private volatile boolean expired;
    /** The consumer answered a poll: it has joined the share group. */
    private volatile boolean polled;

    IntakeLoop(Supplier<ShareConsumer<String, byte[]>> consumers, String trialsTopic, TrialHandler handler, ExecutorService attempts, Duration pollTimeout,
            IntakeCounters counters, InstantSource clock) {
        this.consumers = consumers;
        this.consumer = consumers.get();
        this.trialsTopic = trialsTopic;
        this.handler = handler;
        this.attempts = attempts;
        this.pollTimeout = pollTimeout;
        this.counters = counters;
        this.clock = clock;
    }

    private record RecordKey(String topic, int partition, long offset) {
        static RecordKey of(ConsumerRecord<?, ?> record) {
            return new RecordKey(record.topic(), record.partition(), record.offset());
        }
    }

    /**
     * One attempt in progress, and when its lock must next be renewed. Its outcome comes once the result's write was
     * acknowledged, which may be after its virtual thread ended.
     */
    private static final class Running {
        final CompletableFuture<AttemptOutcome> outcome = new CompletableFuture<>();
        /** The attempt's virtual thread, to interrupt when the drain timeout runs out. */
        Future<?> thread;
        ConsumerRecord<String, byte[]> record;
        long renewAtMs;

        Running(ConsumerRecord<String, byte[]> record, long renewAtMs) {
            this.record = record;
            this.renewAtMs = renewAtMs;
        }
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(trialsTopic));
            // stopping still waits for renewed attempts: their records come back in polls, to be acknowledged
            while (!expired && (!stopping || !renewed.isEmpty())) {
                ConsumerRecords<String, byte[]> batch;
                try {
                    batch = consumer.poll(pollTimeout);
                    polled = true;
                } catch (IllegalStateException e) {
                    replaceConsumer(e);
                    continue;
                } catch (WakeupException e) {
                    if (!stopping) {
                        throw e;
                    }
                    continue;
                }
                if (!renewed.isEmpty()) {
                    forgetLostRenewals(clock.millis(), lockMs());
                }
                if (!batch.isEmpty() && !runAndAcknowledge(batch)) {
                    return;
                }
            }
        } catch (WakeupException | InterruptException e) {
            if (!stopping) {
                throw e;
            }
        } finally {
            close();
        }
    }

    /** @return false when aborted mid-batch: the batch stays unacknowledged and the broker redelivers it */
    private boolean runAndAcknowledge(ConsumerRecords<String, byte[]> batch) {
        long now = clock.millis();
        long renewAfter = lockMs() / 2;
        List<Running> polled = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, byte[]> message : batch) {
            Running running = renewed.remove(RecordKey.of(message));
            if (running == null && stopping) {
                // draining: a trial taken after stop() goes straight back for another worker
                consumer.acknowledge(message, AcknowledgeType.RELEASE);
                continue;
            }
            if (running == null) {
                Running started = new Running(message, now + renewAfter);
                started.thread = attempts.submit(() -> attempt(message, started.outcome));
                running = started;
            } else {
                running.record = message;
            }
            polled.add(running);
        }
        long dueMs = polled.stream().mapToLong(r -> r.renewAtMs).min().orElse(now);
        for (Running running : polled) {
            AttemptOutcome outcome;
            try {
                outcome = awaitUntil(dueMs, running);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (aborting) {
                    return false;
                }
                // the drain timeout ran out: stop the attempt and release its trial for another worker
                running.thread.cancel(true);
                outcome = new AttemptOutcome.Unfinished("worker shutting down");
            }
            if (aborting) {
                return false;
            }
            if (outcome == null) {
                consumer.acknowledge(running.record, AcknowledgeType.RENEW);
                running.renewAtMs = clock.millis() + renewAfter;
                renewed.put(RecordKey.of(running.record), running);
                continue;
            }
            consumer.acknowledge(running.record, Acknowledgements.of(outcome));
            if (outcome instanceof AttemptOutcome.Published) {
                counters.published.incrementAndGet();
            }
        }
        // renewals travel with the next poll, which follows at once; a commit here would present the renewed
        // records again before that poll, which then refuses to run with records unacknowledged
        return true;
    }

    /**
     * The 4.4 client can refuse to poll with records it presented again after a renewal still unacknowledged
     * (seen when records it had fetched ahead waited out their locks while a renewal was in progress). Nothing
     * acknowledges them any more, so the consumer is replaced: closing releases what it held, attempts still
     * running publish their results (counted once by trial ID), and the loop goes on.
     */
    private void replaceConsumer(IllegalStateException cause) {
        log.error("share consumer refused to poll ({}); replacing it, {} renewed trial(s) go back to the queue", cause.getMessage(),
                renewed.size());
        renewed.clear();
        close();
        consumer = consumers.get();
        consumer.subscribe(List.of(trialsTopic));
    }

    private long lockMs() {
        return consumer.acquisitionLockTimeoutMs().map(Integer::longValue).orElse(DEFAULT_LOCK_MS);
    }

    /**
     * A renewal the broker refused (the lock had already expired) is never presented again: its record went back
     * to the queue. Its attempt may still publish a result (counted once by trial ID); only the bookkeeping goes.
     */
    private void forgetLostRenewals(long now, long lockMs) {
        renewed.values().removeIf(running -> {
            boolean lost = now > running.renewAtMs + lockMs;
            if (lost) {
                log.warn("lock of trial record {}-{}@{} expired before its renewal reached the broker", running.record.topic(),
                        running.record.partition(), running.record.offset());
            }
            return lost;
        });
    }

    /**
     * Waits for the attempt until the poll's first renewal falls due.
     *
     * @return the attempt's outcome, or null when it is still running and its lock must be renewed
     */
    private AttemptOutcome awaitUntil(long dueMs, Running running) throws InterruptedException {
        long wait = dueMs - clock.millis();
        try {
            if (wait > 0) {
                return running.outcome.get(wait, TimeUnit.MILLISECONDS);
            }
            return running.outcome.isDone() ? running.outcome.get() : null;
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            log.error("attempt failed unexpectedly; releasing the trial for another attempt", e.getCause());
            return new AttemptOutcome.Unfinished(String.valueOf(e.getCause()));
        }
    }

    /** Runs on the attempt's virtual thread; {@code outcome} may be completed later, by the producer's callback. */
    private void attempt(ConsumerRecord<String, byte[]> message, CompletableFuture<AttemptOutcome> outcome) {
        counters.inFlight.incrementAndGet();
        try {
            handler.handle(message, result -> {
                if (outcome.complete(result)) {
                    counters.inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException | Error e) {
            if (outcome.completeExceptionally(e)) {
                counters.inFlight.decrementAndGet();
            }
        }
    }

    /**
     * Closing commits what was acknowledged; records still unacknowledged (an abort) go back to the queue
     * with their delivery count raised, as after a crash.
     */
    private void close() {
        // an aborted loop was interrupted; the client would refuse to close on an interrupted thread
        Thread.interrupted();
        try {
            consumer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            log.warn("share consumer did not close cleanly: {}", e.toString());
        }
    }

    boolean polled() {
        return polled;
    }

    /** The current consumer's client metrics (read from another thread, as Micrometer's Kafka binders do). */
    Map<MetricName, ? extends Metric> clientMetrics() {
        return consumer.metrics();
    }

    /** Finish the current batch and every renewed attempt, acknowledge them, then close. */
    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /**
     * The drain timeout ran out (after {@link #stop}): attempts still running are cancelled and their trials
     * RELEASEd; renewed trials not presented again go back to the queue when the consumer closes. The caller
     * interrupts the loop's thread.
     */
    void expire() {
        expired = true;
        stopping = true;
        consumer.wakeup();
    }

    /** Stop as a crash would: in-flight trials are neither finished nor acknowledged. */
    void abort() {
        aborting = true;
        stopping = true;
        consumer.wakeup();
    }
}
