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
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One delivery of one trial: decode, execute, publish the result and wait for the broker's ack. */
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

    AttemptOutcome handle(ConsumerRecord<String, byte[]> message) throws InterruptedException {
        Trial trial;
        try {
            trial = Json.read(message.value(), Trial.class);
        } catch (MalformedMessageException e) {
            log.warn("rejecting undecodable message at {}-{}@{}: {}", message.topic(), message.partition(), message.offset(), e.getMessage());
            metrics.undecodable();
            return new AttemptOutcome.Undecodable(e.getMessage());
        }
        long began = System.nanoTime();
        metrics.started(trial);
        try {
            return execute(trial, message.deliveryCount().map(Short::intValue).orElse(1), began);
        } catch (InterruptedException e) {
            metrics.failed(trial, FailureReason.SHUTDOWN);
            throw e;
        } catch (RuntimeException | Error e) {
            metrics.failed(trial, FailureReason.CRASHED);
            throw e;
        }
    }

    private AttemptOutcome execute(Trial trial, int deliveryCount, long began) throws InterruptedException {
        Optional<TrialResult> result = executor.execute(trial, deliveryCount);
        if (result.isEmpty()) {
            // an attempt cut short by the worker's shutdown gives up its model call as "interrupted"
            metrics.failed(trial, Thread.currentThread().isInterrupted() ? FailureReason.SHUTDOWN : FailureReason.RELEASED);
            return new AttemptOutcome.Unfinished("attempt " + deliveryCount + " of trial " + trial.trialId() + " did not finish");
        }
        try {
            results.send(new ProducerRecord<>(topics.results(trial.sweepId()), trial.trialId(), Json.write(result.get()))).get();
        } catch (ExecutionException e) {
            log.warn("could not publish the result of trial {} (sweep {}): {}", trial.trialId(), trial.sweepId(), e.getCause().toString());
            metrics.failed(trial, FailureReason.NOT_PUBLISHED);
            return new AttemptOutcome.Unfinished("result not published: " + e.getCause().getMessage());
        }
        metrics.completed(trial, result.get(), Duration.ofNanos(System.nanoTime() - began));
        return new AttemptOutcome.Published();
    }
}
