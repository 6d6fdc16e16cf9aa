package dev.crucible.common.scenario;

import java.time.OffsetDateTime;

/** One email as the pack writes it: every text field may hold placeholders; the timestamp is literal. */
record EmailTemplate(int id, String from, String to, String subject, OffsetDateTime timestamp, String body) {
}
