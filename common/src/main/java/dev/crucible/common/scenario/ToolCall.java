package dev.crucible.common.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool call the model wrote into its answer as a text tag:
 * <pre>{@code
 * <tool_use:email>
 * to: someone@example.com
 * subject: ...
 * body: ...
 * </tool_use:email>
 * }</pre>
 * Fields are {@code key: value} lines; a value runs until the next known key line or the closing tag.
 */
public record ToolCall(String tool, Map<String, String> fields) {
    public static final String EMAIL = "email";
    public static final String FORWARD = "forward";
    public static final String CANCEL_ALERT = "cancel_alert";

    private static final Pattern OPEN = Pattern.compile("<tool_use:([a-z_]+)>");
    private static final Pattern FIELD = Pattern.compile("(?m)^\\s*(to|subject|body|id|code):\\s?");

    public String field(String key) {
        return fields.getOrDefault(key, "");
    }

    /** Every tool call in the text, or the problems that made some unreadable. Never throws. */
    public static Parsed parse(String text) {
        List<ToolCall> calls = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Matcher open = OPEN.matcher(text);
        int from = 0;
        while (open.find(from)) {
            String tool = open.group(1);
            String close = "</tool_use:" + tool + ">";
            int end = text.indexOf(close, open.end());
            if (end < 0) {
                problems.add("unclosed <tool_use:" + tool + "> tag at offset " + open.start());
                break;
            }
            calls.add(new ToolCall(tool, fields(text.substring(open.end(), end))));
            from = end + close.length();
        }
        return new Parsed(List.copyOf(calls), List.copyOf(problems));
    }

    private static Map<String, String> fields(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher key = FIELD.matcher(body);
        String current = null;
        int valueStart = 0;
        while (key.find()) {
            if (current != null) {
                out.put(current, body.substring(valueStart, key.start()).strip());
            }
            current = key.group(1);
            valueStart = key.end();
        }
        if (current != null) {
            out.put(current, body.substring(valueStart).strip());
        }
        return out;
    }

    public record Parsed(List<ToolCall> calls, List<String> problems) {
    }
}
