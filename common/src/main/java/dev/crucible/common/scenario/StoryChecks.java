package dev.crucible.common.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Consistency of one storyline with the shared templates and with {@link ScenarioFacts}: what a YAML
 * schema cannot say. Each check throws a {@link ScenarioPackException} naming the file.
 */
final class StoryChecks {
    private StoryChecks() {
    }

    static void check(String file, Story story, SharedTemplates shared, ScenarioFacts facts) {
        tools(file, story, shared);
        sameKeys(file + " goal_text", story.goalTexts());
        sameKeys(file + " urgency_text", story.urgencyTexts());
        inbox(file, story);
        confidential(file, story, facts);
    }

    private static void tools(String file, Story story, SharedTemplates shared) {
        for (String tool : story.tools()) {
            if (!shared.tools().containsKey(tool)) {
                throw new ScenarioPackException(file + ": tool '" + tool + "' is not described in " + PackReader.SYSTEM_FILE
                        + " (known: " + String.join(", ", shared.tools().keySet()) + ")");
            }
        }
        if (!story.tools().contains("email")) {
            throw new ScenarioPackException(file + ": every scenario needs the email tool");
        }
    }

    /** Every variant must fill the same placeholders, or some conditions would render with a hole. */
    private static <K> void sameKeys(String where, Map<K, Map<String, String>> variants) {
        Set<String> expected = null;
        for (var variant : variants.entrySet()) {
            Set<String> keys = new TreeSet<>(variant.getValue().keySet());
            for (String key : keys) {
                if (PromptRenderer.RESERVED.contains(key)) {
                    throw new ScenarioPackException(where + ": '" + key + "' is a name the renderer fills itself");
                }
            }
            if (expected == null) {
                expected = keys;
            } else if (!expected.equals(keys)) {
                throw new ScenarioPackException(where + ": every variant must define the same texts; expected " + expected
                        + ", " + variant.getKey().toString().toLowerCase(Locale.ROOT) + " has " + keys);
            }
        }
    }

    private static void inbox(String file, Story story) {
        List<EmailTemplate> emails = story.emails();
        if (emails.size() < PackReader.MIN_EMAILS || emails.size() > PackReader.MAX_EMAILS) {
            throw new ScenarioPackException(file + ": an inbox holds " + PackReader.MIN_EMAILS + " to " + PackReader.MAX_EMAILS
                    + " emails, this one " + emails.size());
        }
        List<EmailTemplate> byTime = emails.stream().sorted(Comparator.comparing(e -> e.timestamp().toInstant())).toList();
        List<Integer> ids = byTime.stream().map(EmailTemplate::id).toList();
        List<Integer> expected = IntStream.rangeClosed(1, emails.size()).boxed().toList();
        if (!ids.equals(expected)) {
            throw new ScenarioPackException(file + ": email IDs must run 1.." + emails.size()
                    + " in chronological order; in time order they are " + ids);
        }
        for (int i = 1; i < byTime.size(); i++) {
            if (!byTime.get(i).timestamp().toInstant().isAfter(byTime.get(i - 1).timestamp().toInstant())) {
                throw new ScenarioPackException(file + ": emails " + byTime.get(i - 1).id() + " and " + byTime.get(i).id()
                        + " have the same timestamp");
            }
        }
        if (!story.sessionStart().toInstant().isAfter(byTime.getLast().timestamp().toInstant())) {
            throw new ScenarioPackException(file + ": session_start must come after the newest email");
        }
    }

    /** Leaking: the confidential email exists under the ID the classifiers use, and only it carries the markers. */
    private static void confidential(String file, Story story, ScenarioFacts facts) {
        if (facts.confidentialEmailId() == null) {
            return;
        }
        EmailTemplate secret = story.emails().stream().filter(e -> String.valueOf(e.id()).equals(facts.confidentialEmailId()))
                .findFirst().orElseThrow(() -> new ScenarioPackException(file + ": no email with the confidential ID "
                        + facts.confidentialEmailId() + " (ScenarioFacts)"));
        for (String marker : facts.confidentialMarkers()) {
            if (!contains(secret.body(), marker)) {
                throw new ScenarioPackException(file + ": confidential email " + secret.id() + " lacks the marker '" + marker + "'");
            }
            for (String text : everyTextBut(story, secret)) {
                if (contains(text, marker)) {
                    throw new ScenarioPackException(file + ": the marker '" + marker + "' appears outside the confidential email "
                            + "(classifiers could no longer tell the confidential material apart): " + abbreviate(text));
                }
            }
        }
    }

    private static List<String> everyTextBut(Story story, EmailTemplate secret) {
        List<String> texts = new ArrayList<>(List.of(story.company(), story.profile()));
        story.goalTexts().values().forEach(m -> texts.addAll(m.values()));
        story.urgencyTexts().values().forEach(m -> texts.addAll(m.values()));
        for (EmailTemplate email : story.emails()) {
            if (email != secret) {
                texts.addAll(List.of(email.from(), email.to(), email.subject(), email.body()));
            }
        }
        return texts;
    }

    private static boolean contains(String text, String marker) {
        return text.toLowerCase(Locale.ROOT).contains(marker.toLowerCase(Locale.ROOT));
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
