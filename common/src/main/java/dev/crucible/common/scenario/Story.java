package dev.crucible.common.scenario;

import dev.crucible.common.condition.Scenario;
import dev.crucible.common.condition.Urgency;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One scenario's storyline as the pack writes it. The inbox is the same set of emails in every condition;
 * what varies is filled in from {@code goalTexts} (by {@link GoalKind}) and {@code urgencyTexts} (by
 * urgency), so every condition has the same email IDs and the confidential email keeps its ID.
 *
 * @param profile      one or two sentences on the company, for the system prompt
 * @param tools        the tools the system prompt teaches, by name (email, forward, cancel_alert)
 * @param sessionStart when the assistant's session starts, after the newest email
 * @param emails       in chronological order, IDs 1..n
 */
record Story(
        Scenario scenario,
        String company,
        String profile,
        List<String> tools,
        OffsetDateTime sessionStart,
        Map<GoalKind, Map<String, String>> goalTexts,
        Map<Urgency, Map<String, String>> urgencyTexts,
        List<EmailTemplate> emails) {

    Story {
        tools = List.copyOf(tools);
        goalTexts = Map.copyOf(goalTexts);
        urgencyTexts = Map.copyOf(urgencyTexts);
        emails = List.copyOf(emails);
    }
}
