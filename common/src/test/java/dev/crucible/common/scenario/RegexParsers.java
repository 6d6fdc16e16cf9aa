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
 * The response parsers as they were written with regular expressions, kept verbatim as the reference that
 * the hand-written scanners of {@link ParsedResponse} and {@link ToolCall} must agree with on any text.
 */
final class RegexParsers {
    private static final Pattern SCRATCHPAD_TAG = Pattern.compile("<\\s*(/?)\\s*scratchpad\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHITESPACE_LINES = Pattern.compile("(?m)^[ \\t]+$");
    private static final Pattern BLANK_RUNS = Pattern.compile("\\n{3,}");
    private static final Pattern TOOL_TAG = Pattern.compile(
            "<\\s*(/?)\\s*tool_use\\s*:\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIELD = Pattern.compile(
            "(?im)^[ \\t]*(to|subject|body|id|code)[ \\t]*:[ \\t]?");
    private static final Map<String, List<String>> REQUIRED = Map.of(
            ToolCall.EMAIL, List.of("to"), ToolCall.FORWARD, List.of("id", "to"), ToolCall.CANCEL_ALERT, List.of("code"));
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;\"']+@[^\\s<>,;\"']+");

    private RegexParsers() {
    }

    static String normalise(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static ParsedResponse parseResponse(String text) {
        String normal = normalise(text);
        List<String> problems = new ArrayList<>();
        List<String> pads = new ArrayList<>();
        StringBuilder acting = new StringBuilder(normal);
        Matcher tag = SCRATCHPAD_TAG.matcher(normal);
        int openAt = -1;
        int bodyStart = 0;
        while (tag.find()) {
            boolean closing = !tag.group(1).isEmpty();
            if (!closing && openAt < 0) {
                openAt = tag.start();
                bodyStart = tag.end();
            } else if (closing && openAt >= 0) {
                pads.add(normal.substring(bodyStart, tag.start()).strip());
                blank(acting, openAt, tag.end());
                openAt = -1;
            } else if (closing) {
                problems.add("stray </scratchpad> at line " + lineOf(normal, tag.start()) + " closes no scratchpad");
                blank(acting, tag.start(), tag.end());
            }
        }
        if (openAt >= 0) {
            problems.add("unclosed <scratchpad> at line " + lineOf(normal, openAt));
            pads.add(normal.substring(bodyStart).strip());
            blank(acting, openAt, normal.length());
        }
        ToolCall.Parsed parsed = parseCalls(acting.toString());
        problems.addAll(parsed.problems());
        return new ParsedResponse(String.join("\n\n", pads), squeeze(acting.toString()), parsed.calls(), problems);
    }

    private static void blank(StringBuilder text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '\n') {
                text.setCharAt(i, ' ');
            }
        }
    }

    static String squeeze(String text) {
        return BLANK_RUNS.matcher(WHITESPACE_LINES.matcher(text).replaceAll("")).replaceAll("\n\n").strip();
    }

    static List<String> recipients(ToolCall call) {
        List<String> out = new ArrayList<>();
        Matcher m = ADDRESS.matcher(call.field("to"));
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    static ToolCall.Parsed parseCalls(String text) {
        String normal = normalise(text);
        List<ToolCall> calls = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Matcher tag = TOOL_TAG.matcher(normal);
        String openTool = null;
        int openLine = 0;
        int bodyStart = 0;
        while (tag.find()) {
            String tool = tag.group(2).toLowerCase(Locale.ROOT);
            int line = lineOf(normal, tag.start());
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
        return new ToolCall.Parsed(calls, problems);
    }

    private static Optional<String> missing(ToolCall call) {
        List<String> absent = REQUIRED.getOrDefault(call.tool(), List.of()).stream()
                .filter(key -> call.field(key).isBlank()).map(key -> "'" + key + ":'").toList();
        return absent.isEmpty() ? Optional.empty()
                : Optional.of("<tool_use:" + call.tool() + "> at line " + call.line() + " has no " + String.join(" or ", absent));
    }

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
}
