package dev.crucible.coordinator.aggregate;

import dev.crucible.common.trial.Trial;
import dev.crucible.common.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record of the dead-letter topic, as the broker writes it (KIP-1191): the value is a copy of the original
 * trial message, and {@code __dlq.errors.*} headers say why — {@code __dlq.errors.message} (e.g. "Offset
 * delivery count exceeded the threshold." or a consumer's REJECT) and {@code __dlq.errors.delivery.count}.
 *
 * @param deliveryCount the deliveries the record had, when the broker said; else null
 */
public record DeadLetter(Trial trial, String reason, Integer deliveryCount) {
    public static final String REASON_HEADER = "__dlq.errors.message";
    public static final String DELIVERY_COUNT_HEADER = "__dlq.errors.delivery.count";
    private static final String PREFIX = "__dlq.errors.";

    /** The trial of a dead-letter record, or empty when its value is not a trial message (a poison message). */
    public static Optional<DeadLetter> decode(ConsumerRecord<?, byte[]> record) {
        Trial trial;
        try {
            trial = Json.read(record.value(), Trial.class);
        } catch (RuntimeException e) { // MalformedMessageException, or a value that is no trial at all
            return Optional.empty();
        }
        if (trial == null || trial.sweepId() == null || trial.trialId() == null) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetter(trial, reason(record), deliveryCount(record)));
    }

    static String reason(ConsumerRecord<?, byte[]> record) {
        String message = header(record, REASON_HEADER);
        if (message != null && !message.isBlank()) {
            return message.strip();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            if (h.key().startsWith(PREFIX) && h.value() != null) {
                errors.put(h.key().substring(PREFIX.length()), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return errors.isEmpty() ? "unknown" : errors.toString();
    }

    static Integer deliveryCount(ConsumerRecord<?, byte[]> record) {
        String value = header(record, DELIVERY_COUNT_HEADER);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            // some encodings write the count as binary
            byte[] raw = record.headers().lastHeader(DELIVERY_COUNT_HEADER).value();
            int n = 0;
            for (byte b : raw) {
                n = n << 8 | b & 0xff;
            }
            return raw.length > 0 && raw.length <= 4 ? n : null;
        }
    }

    private static String header(ConsumerRecord<?, byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Whether this dead letter is trial {@code trial().index()} of the given sweep's plan. */
    public boolean belongsTo(dev.crucible.common.trial.TrialPlan plan) {
        long index = trial.index();
        if (index < 0 || index >= plan.size()) {
            return false;
        }
        Trial planned = plan.trial(index);
        return planned.sweepId().equals(trial.sweepId()) && planned.trialId().equals(trial.trialId());
    }

    /** The line of {@code dead-letters.jsonl}. */
    public Map<String, Object> line() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("trialId", trial.trialId());
        line.put("trialIndex", trial.index());
        line.put("conditionId", trial.condition().id());
        line.put("model", trial.model().id());
        line.put("reason", reason);
        if (deliveryCount != null) {
            line.put("deliveryCount", deliveryCount);
        }
        return line;
    }
}
