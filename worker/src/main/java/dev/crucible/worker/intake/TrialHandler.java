package dev.crucible.worker.intake;

import dev.crucible.common.result.TrialResult;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Trial;
import dev.crucible.common.wire.Json;
import dev.crucible.common.wire.MalformedMessageException;
import dev.crucible.worker.execute.TrialExecutor;
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

    TrialHandler(TrialExecutor executor, Producer<String, byte[]> results, Topics topics) {
        this.executor = executor;
        this.results = results;
        this.topics = topics;
    }

    AttemptOutcome handle(ConsumerRecord<String, byte[]> message) throws InterruptedException {
        Trial trial;
        try {
            trial = Json.read(message.value(), Trial.class);
        } catch (MalformedMessageException e) {
            log.warn("rejecting undecodable message at {}-{}@{}: {}", message.topic(), message.partition(), message.offset(), e.getMessage());
            return new AttemptOutcome.Undecodable(e.getMessage());
        }
        int deliveryCount = message.deliveryCount().map(Short::intValue).orElse(1);
        Optional<TrialResult> result = executor.execute(trial, deliveryCount);
        if (result.isEmpty()) {
            return new AttemptOutcome.Unfinished("attempt " + deliveryCount + " of trial " + trial.trialId() + " did not finish");
        }
        try {
            results.send(new ProducerRecord<>(topics.results(trial.sweepId()), trial.trialId(), Json.write(result.get()))).get();
            return new AttemptOutcome.Published();
        } catch (ExecutionException e) {
            log.warn("could not publish the result of trial {} (sweep {}): {}", trial.trialId(), trial.sweepId(), e.getCause().toString());
            return new AttemptOutcome.Unfinished("result not published: " + e.getCause().getMessage());
        }
    }
}
