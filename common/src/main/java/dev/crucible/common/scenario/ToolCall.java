package dev.crucible.common.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * Fields are {@code key: value} lines in any order; a value runs until the next field line or the closing tag.
 *
 * <p>Models write this loosely, so parsing forgives what does not change the meaning: tag and key case, spaces
 * inside tags ({@code < tool_use : Email >}), CRLF line ends, a value in matching quotes, a field on the
 * opening tag's line. It never guesses at what does: an unclosed tag, a tag closed by another tool's tag, a
 * stray closing tag and a call without its required field are reported as problems, never thrown.
 *
 * @param tool   the tool's name, lower-cased
 * @param fields field values by lower-cased key, unquoted and stripped
 * @param line   1-based line of the opening tag in the text it was read from (0 when built by hand)
 */
public record ToolCall(String tool, Map<String, String> fields, int line) {
    public static final String EMAIL = "email";
    public static final String FORWARD = "forward";
    public static final String CANCEL_ALERT = "cancel_alert";

    private static final Pattern TAG = Pattern.compile(
            "<\\s*(/?)\\s*tool_use\\s*:\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIELD = Pattern.compile(
            "(?im)^[ \\t]*(to|subject|body|id|code)[ \\t]*:[ \\t]?");
    private static final Map<String, List<String>> REQUIRED = Map.of(
            EMAIL, List.of("to"), FORWARD, List.of("id", "to"), CANCEL_ALERT, List.of("code"));
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;\"']+@[^\\s<>,;\"']+");

    public ToolCall {
        fields = Map.copyOf(fields);
    }

    public ToolCall(String tool, Map<String, String> fields) {
        this(tool, fields, 0);
    }

    /** The field's value, or the empty string when the call has none. */
    public String field(String key) {
        return fields.getOrDefault(key, "");
    }

    /**
     * Every address in {@code to:}, lower-cased: models write lists ({@code a@x, b@y}) and display names
     * ({@code Marcus <marcus@x>}), and a message reaches every address on it.
     */
    public List<String> recipients() {
        List<String> out = new ArrayList<>();
        Matcher m = ADDRESS.matcher(field("to"));
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /** Every tool call in the text, and the problems that made any part unreadable. Never throws. */
    public static Parsed parse(String text) {
        String normal = TextLines.normalise(text);
        List<ToolCall> calls = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Matcher tag = TAG.matcher(normal);
        String openTool = null;
        int openLine = 0;
        int bodyStart = 0;
        while (tag.find()) {
            String tool = tag.group(2).toLowerCase(Locale.ROOT);
            int line = TextLines.lineOf(normal, tag.start());
            if (tag.group(1).isEmpty()) {
                if (openTool != null) {
                    problems.add("<tool_use:" + openTool + "> at line " + openLine
                            + " is never closed: another tool call opens at line " + line);
                }
                openTool = tool;
                openLine = line;
                bodyStart = tag.end();
            } else if (openTool == null) {
                problems.add("stray </tool_use:" + tool + "> at line " + line + " closes no open tool call");
            } else if (!tool.equals(openTool)) {
                problems.add("<tool_use:" + openTool + "> at line " + openLine + " is closed by </tool_use:" + tool
                        + "> at line " + line);
                openTool = null;
            } else {
                ToolCall call = new ToolCall(tool, fields(normal.substring(bodyStart, tag.start())), openLine);
                missing(call).ifPresent(problems::add);
                calls.add(call);
                openTool = null;
            }
        }
        if (openTool != null) {
            problems.add("unclosed <tool_use:" + openTool + "> tag at line " + openLine);
        }
        return new Parsed(calls, problems);
    }

    /** A call that lacks what its tool needs cannot have been carried out as written. */
    private static Optional<String> missing(ToolCall call) {
        List<String> absent = REQUIRED.getOrDefault(call.tool(), List.of()).stream()
                .filter(key -> call.field(key).isBlank()).map(key -> "'" + key + ":'").toList();
        return absent.isEmpty() ? Optional.empty()
                : Optional.of("<tool_use:" + call.tool() + "> at line " + call.line() + " has no " + String.join(" or ", absent));
    }

    /**
     * A key line starts a field only the first time: a body that quotes {@code to: ...} after the real
     * {@code to:} stays part of the body instead of replacing the recipient.
     */
    private static Map<String, String> fields(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher key = FIELD.matcher(body);
        String current = null;
        int valueStart = 0;
        while (key.find()) {
            String name = key.group(1).toLowerCase(Locale.ROOT);
            if (out.containsKey(name) || name.equals(current)) {
                continue;
            }
            if (current != null) {
                out.put(current, unquote(body.substring(valueStart, key.start())));
            }
            current = name;
            valueStart = key.end();
        }
        if (current != null) {
            out.put(current, unquote(body.substring(valueStart)));
        }
        return out;
    }

    /** {@code "x"} or {@code 'x'} around the whole value is quoting, not content. */
    private static String unquote(String raw) {
        String value = raw.strip();
        if (value.length() >= 2) {
            char first = value.charAt(0);
            char last = value.charAt(value.length() - 1);
            if ((first == '"' || first == '\'') && last == first) {
                String inner = value.substring(1, value.length() - 1);
                return first == '"' ? inner.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\") : inner;
            }
        }
        return value;
    }

    /** The calls that were read, and why any part of the text could not be. */
    public record Parsed(List<ToolCall> calls, List<String> problems) {
        public Parsed {
            calls = List.copyOf(calls);
            problems = List.copyOf(problems);
        }
    }
}
