package dev.crucible.worker.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One share consumer's loop, on its own thread (a share consumer is not thread-safe). Each poll's trials run
 * concurrently on virtual threads; every one is acknowledged before the next poll, as explicit
 * acknowledgement mode requires.
 */
final class IntakeLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(IntakeLoop.class);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ShareConsumer<String, byte[]> consumer;
    private final String trialsTopic;
    private final TrialHandler handler;
    private final ExecutorService attempts;
    private final Duration pollTimeout;
    private final IntakeCounters counters;
    private volatile boolean stopping;
    private volatile boolean aborting;

    IntakeLoop(ShareConsumer<String, byte[]> consumer, String trialsTopic, TrialHandler handler, ExecutorService attempts, Duration pollTimeout,
            IntakeCounters counters) {
        this.consumer = consumer;
        this.trialsTopic = trialsTopic;
        this.handler = handler;
        this.attempts = attempts;
        this.pollTimeout = pollTimeout;
        this.counters = counters;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(trialsTopic));
            while (!stopping) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(pollTimeout);
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
        List<ConsumerRecord<String, byte[]>> messages = new ArrayList<>(batch.count());
        List<Future<AttemptOutcome>> outcomes = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, byte[]> message : batch) {
            messages.add(message);
            outcomes.add(attempts.submit(() -> {
                counters.inFlight.incrementAndGet();
                try {
                    return handler.handle(message);
                } finally {
                    counters.inFlight.decrementAndGet();
                }
            }));
        }
        for (int i = 0; i < messages.size(); i++) {
            AttemptOutcome outcome;
            try {
                outcome = outcomes.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (aborting) {
                    return false;
                }
                outcome = new AttemptOutcome.Unfinished("worker shutting down");
            } catch (ExecutionException e) {
                log.error("attempt failed unexpectedly; releasing the trial for another attempt", e.getCause());
                outcome = new AttemptOutcome.Unfinished(String.valueOf(e.getCause()));
            }
            if (aborting) {
                return false;
            }
            consumer.acknowledge(messages.get(i), Acknowledgements.of(outcome));
            if (outcome instanceof AttemptOutcome.Published) {
                counters.published.incrementAndGet();
            }
        }
        return true;
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

    /** Finish the current batch, acknowledge it, then close. */
    void stop() {
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
