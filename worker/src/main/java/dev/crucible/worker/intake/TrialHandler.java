package dev.crucible.worker.intake;

import dev.crucible.common.result.TrialResult;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Trial;
import dev.crucible.common.wire.Json;
import dev.crucible.common.wire.MalformedMessageException;
import dev.crucible.worker.execute.TrialExecutor;
import dev.crucible.worker.observe.FailureReason;
import dev.crucible.worker.observe.TrialMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery of one trial: decode, execute, publish the result; the outcome is handed on once the broker
 * acknowledged the write (or refused it), from the producer's callback.
 *
 * <p>The attempt does not wait for the broker: waiting parked its virtual thread once per trial, and the park
 * and the stack it saved were a fifth of a simulated attempt's cost (measured with {@code crucible bench}). The
 * ack still comes before the trial's ACCEPT, because the loop acknowledges only the outcome handed on here.
 */
final class TrialHandler {
    private static final Logger log = LoggerFactory.getLogger(TrialHandler.class);

    private final TrialExecutor executor;
    private final Producer<String, byte[]> results;
    private final Topics topics;
    private final TrialMetrics metrics;

    TrialHandler(TrialExecutor executor, Producer<String, byte[]> results, Topics topics, TrialMetrics metrics) {
        this.executor = executor;
        this.results = results;
        this.topics = topics;
        this.metrics = metrics;
    }

    /**
     * Hands {@code done} the attempt's outcome exactly once — at once, or later from the producer's thread — unless it
     * throws, in which case {@code done} is never called.
     */
    void handle(ConsumerRecord<String, byte[]> message, Consumer<AttemptOutcome> done) {
        Trial trial;
        try {
            trial = Json.read(message.value(), Trial.class);
        } catch (MalformedMessageException e) {
            log.warn("rejecting undecodable message at {}-{}@{}: {}", message.topic(), message.partition(), message.offset(), e.getMessage());
            metrics.undecodable();
            done.accept(new AttemptOutcome.Undecodable(e.getMessage()));
            return;
        }
        long began = System.nanoTime();
        metrics.started(trial);
        int deliveryCount = message.deliveryCount().map(Short::intValue).orElse(1);
        Optional<TrialResult> result;
        try {
            result = executor.execute(trial, deliveryCount);
        } catch (RuntimeException | Error e) {
            metrics.failed(trial, FailureReason.CRASHED);
            throw e;
        }
        if (result.isEmpty()) {
            // an attempt cut short by the worker's shutdown gives up its model call as "interrupted"
            metrics.failed(trial, Thread.currentThread().isInterrupted() ? FailureReason.SHUTDOWN : FailureReason.RELEASED);
            done.accept(new AttemptOutcome.Unfinished("attempt " + deliveryCount + " of trial " + trial.trialId() + " did not finish"));
            return;
        }
        publish(trial, result.get(), began, done);
    }

    private void publish(Trial trial, TrialResult result, long began, Consumer<AttemptOutcome> done) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.results(trial.sweepId()), trial.trialId(), Json.write(result));
        try {
            // a failure the producer reports through the callback (it then does not throw)
            results.send(record, (metadata, failure) -> {
                if (failure != null) {
                    done.accept(notPublished(trial, failure));
                    return;
                }
                metrics.completed(trial, result, Duration.ofNanos(System.nanoTime() - began));
                done.accept(new AttemptOutcome.Published());
            });
        } catch (InterruptException e) {
            // the worker is shutting down: the result may or may not have been sent, and the trial goes back
            Thread.currentThread().interrupt();
            metrics.failed(trial, FailureReason.SHUTDOWN);
            done.accept(new AttemptOutcome.Unfinished("interrupted while publishing the result"));
        } catch (RuntimeException e) {
            // a closed producer, or a failure before the record reached it
            done.accept(notPublished(trial, e));
        }
    }

    private AttemptOutcome notPublished(Trial trial, Exception failure) {
        log.warn("could not publish the result of trial {} (sweep {}): {}", trial.trialId(), trial.sweepId(), failure.toString());
        metrics.failed(trial, FailureReason.NOT_PUBLISHED);
        return new AttemptOutcome.Unfinished("result not published: " + failure.getMessage());
    }
}
