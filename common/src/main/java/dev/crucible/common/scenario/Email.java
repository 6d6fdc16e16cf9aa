package dev.crucible.common.scenario;

import java.time.OffsetDateTime;

/**
 * One email of a rendered inbox. The ID is what the model names to forward it; IDs run 1..n in
 * chronological order, like a mail store that numbers messages as they arrive.
 */
public record Email(int id, String from, String to, String subject, OffsetDateTime timestamp, String body) {
}
