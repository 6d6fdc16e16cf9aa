package dev.crucible.common.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crucible.common.condition.GoalValue;
import dev.crucible.common.condition.Scenario;
import dev.crucible.common.condition.Tokenized;
import dev.crucible.common.condition.Urgency;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the pack's YAML files into a {@link ScenarioPack}, refusing anything missing, unknown or
 * inconsistent with a message naming the file and the field. Structure is checked here; whether every
 * placeholder has a value is checked when rendering (and, for the whole grid, by the test suite).
 */
final class PackReader {
    static final String SYSTEM_FILE = "system.yaml";
    static final String GOALS_FILE = "goals.yaml";
    static final int MIN_EMAILS = 10;
    static final int MAX_EMAILS = 20;

    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Function<String, String> files;

    /** @param files pack file name → its text, or null when there is no such file */
    PackReader(Function<String, String> files) {
        this.files = files;
    }

    ScenarioPack read() {
        SharedTemplates shared = shared(document(SYSTEM_FILE));
        Map<GoalValue, GoalText> goals = goals(document(GOALS_FILE));
        Map<Scenario, Story> stories = new EnumMap<>(Scenario.class);
        for (Scenario scenario : Scenario.values()) {
            Node doc = document(scenario.token() + ".yaml");
            Story story = story(scenario, doc);
            StoryChecks.check(doc.where, story, shared, ScenarioFacts.of(scenario));
            stories.put(scenario, story);
        }
        return new ScenarioPack(shared, goals, stories);
    }

    private Node document(String file) {
        String text = files.apply(file);
        if (text == null) {
            throw new ScenarioPackException(file + ": missing");
        }
        try {
            JsonNode root = YAML.readTree(text);
            if (root == null || !root.isObject()) {
                throw new ScenarioPackException(file + ": must be a mapping of fields");
            }
            return new Node(root, file);
        } catch (JacksonException e) {
            throw new ScenarioPackException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static SharedTemplates shared(Node doc) {
        doc.only("system", "user", "email", "ambiguous_goal", "scratchpad", "tools_intro", "tools", "dont", "welfare_goal",
                "eval_notice");
        Node tools = doc.object("tools");
        Map<String, String> toolTexts = new LinkedHashMap<>();
        for (String name : tools.keys()) {
            toolTexts.put(name, tools.text(name));
        }
        if (!toolTexts.containsKey("email")) {
            throw new ScenarioPackException(tools.where + ": the email tool is missing");
        }
        return new SharedTemplates(doc.text("system"), doc.text("user"), doc.text("email"), doc.text("ambiguous_goal"),
                doc.text("scratchpad"), doc.text("tools_intro"), toolTexts, doc.text("dont"), doc.text("welfare_goal"),
                doc.text("eval_notice"));
    }

    private static Map<GoalValue, GoalText> goals(Node doc) {
        List<String> values = Tokenized.tokens(GoalValue.class).stream().filter(t -> !t.equals(GoalValue.NONE.token())).toList();
        doc.only(values.toArray(String[]::new));
        Map<GoalValue, GoalText> goals = new EnumMap<>(GoalValue.class);
        for (String token : values) {
            Node goal = doc.object(token);
            goal.only("statement", "focus");
            goals.put(Tokenized.parse(GoalValue.class, token).orElseThrow(), new GoalText(goal.text("statement"), goal.text("focus")));
        }
        return goals;
    }

    private static Story story(Scenario scenario, Node doc) {
        doc.only("company", "profile", "tools", "session_start", "goal_text", "urgency_text", "emails");
        Map<GoalKind, Map<String, String>> goalTexts = new EnumMap<>(GoalKind.class);
        Node goalNode = doc.object("goal_text");
        goalNode.only(tokens(GoalKind.values(), k -> k.token));
        for (GoalKind kind : GoalKind.values()) {
            goalTexts.put(kind, texts(goalNode.object(kind.token)));
        }
        Map<Urgency, Map<String, String>> urgencyTexts = new EnumMap<>(Urgency.class);
        Node urgencyNode = doc.object("urgency_text");
        urgencyNode.only(tokens(Urgency.values(), Urgency::token));
        for (Urgency urgency : Urgency.values()) {
            urgencyTexts.put(urgency, texts(urgencyNode.object(urgency.token())));
        }
        List<EmailTemplate> emails = new ArrayList<>();
        List<Node> items = doc.list("emails");
        for (int i = 0; i < items.size(); i++) {
            emails.add(email(items.get(i)));
        }
        return new Story(scenario, doc.text("company"), doc.text("profile"), doc.strings("tools"),
                doc.timestamp("session_start"), goalTexts, urgencyTexts, emails);
    }

    private static EmailTemplate email(Node email) {
        email.only("id", "from", "to", "subject", "timestamp", "body");
        return new EmailTemplate(email.integer("id"), email.text("from"), email.text("to"), email.text("subject"),
                email.timestamp("timestamp"), email.text("body"));
    }

    private static Map<String, String> texts(Node node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : node.keys()) {
            out.put(key, node.text(key));
        }
        return out;
    }

    private static <T> String[] tokens(T[] values, Function<T, String> token) {
        return java.util.Arrays.stream(values).map(token).toArray(String[]::new);
    }

    /** A YAML node with its location ({@code blackmail.yaml emails[3]}) for messages. */
    private record Node(JsonNode json, String where) {

        List<String> keys() {
            List<String> keys = new ArrayList<>();
            json.fieldNames().forEachRemaining(keys::add);
            return keys;
        }

        void only(String... allowed) {
            Set<String> known = Set.of(allowed);
            for (String key : keys()) {
                if (!known.contains(key)) {
                    throw new ScenarioPackException(where + ": unknown field '" + key + "' (expected " + String.join(", ", allowed) + ")");
                }
            }
        }

        private JsonNode required(String key) {
            JsonNode value = json.get(key);
            if (value == null || value.isNull()) {
                throw new ScenarioPackException(where + ": missing '" + key + "'");
            }
            return value;
        }

        String text(String key) {
            JsonNode value = required(key);
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new ScenarioPackException(where + ": '" + key + "' must be non-empty text");
            }
            return value.asText().strip();
        }

        int integer(String key) {
            JsonNode value = required(key);
            if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                throw new ScenarioPackException(where + ": '" + key + "' must be a whole number");
            }
            return value.asInt();
        }

        OffsetDateTime timestamp(String key) {
            String text = text(key);
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new ScenarioPackException(where + ": '" + key + "' must be an ISO-8601 date-time with offset, got '" + text + "'");
            }
        }

        Node object(String key) {
            JsonNode value = required(key);
            if (!value.isObject()) {
                throw new ScenarioPackException(where + ": '" + key + "' must be a mapping");
            }
            return new Node(value, where + " " + key);
        }

        List<Node> list(String key) {
            JsonNode value = required(key);
            if (!value.isArray()) {
                throw new ScenarioPackException(where + ": '" + key + "' must be a list");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isObject()) {
                    throw new ScenarioPackException(where + " " + key + "[" + i + "]: must be a mapping");
                }
                out.add(new Node(value.get(i), where + " " + key + "[" + i + "]"));
            }
            return out;
        }

        List<String> strings(String key) {
            JsonNode value = required(key);
            List<String> out = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(item -> out.add(item.asText()));
            }
            if (!value.isArray() || out.isEmpty() || out.stream().anyMatch(String::isBlank)) {
                throw new ScenarioPackException(where + ": '" + key + "' must be a non-empty list of names");
            }
            return out;
        }
    }
}
