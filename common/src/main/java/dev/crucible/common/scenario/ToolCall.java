package dev.crucible.common.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    private static final String TOOL_USE = "tool_use";
    private static final Map<String, List<String>> REQUIRED = Map.of(
            EMAIL, List.of("to"), FORWARD, List.of("id", "to"), CANCEL_ALERT, List.of("code"));
    /** The keys that start a field line, lower-case; no key is a prefix of another. */
    private static final List<String> KEYS = List.of("to", "subject", "body", "id", "code");

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
        String to = field("to");
        List<String> out = new ArrayList<>(1);
        int n = to.length();
        int i = 0;
        while (i < n) {
            while (i < n && !inAddress(to.charAt(i))) {
                i++;
            }
            int start = i;
            int at = -1;
            while (i < n && inAddress(to.charAt(i))) {
                if (to.charAt(i) == '@' && i > start && at < 0) {
                    at = i;
                }
                i++;
            }
            // an address is a run of address characters with an '@' that has some before and after it
            if (at >= 0 && at < i - 1) {
                out.add(to.substring(start, i).toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    /** {@code [^\s<>,;"']}: what an address in {@code to:} is made of. */
    private static boolean inAddress(char c) {
        return !TextLines.isSpace(c) && c != '<' && c != '>' && c != ',' && c != ';' && c != '"' && c != '\'';
    }

    /** Every tool call in the text, and the problems that made any part unreadable. Never throws. */
    public static Parsed parse(String text) {
        String normal = TextLines.normalise(text);
        List<ToolCall> calls = new ArrayList<>(2);
        List<String> problems = new ArrayList<>(0);
        String openTool = null;
        int openLine = 0;
        int bodyStart = 0;
        int line = 1;
        int counted = 0;
        int at = normal.indexOf('<');
        while (at >= 0) {
            Tag tag = tagAt(normal, at);
            if (tag == null) {
                at = normal.indexOf('<', at + 1);
                continue;
            }
            line += TextLines.newlines(normal, counted, at);
            counted = at;
            String tool = tag.tool();
            if (!tag.closing()) {
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
                ToolCall call = new ToolCall(tool, fields(normal, bodyStart, at), openLine);
                missing(call).ifPresent(problems::add);
                calls.add(call);
                openTool = null;
            }
            at = normal.indexOf('<', tag.end());
        }
        if (openTool != null) {
            problems.add("unclosed <tool_use:" + openTool + "> tag at line " + openLine);
        }
        return new Parsed(calls, problems);
    }

    /** A tool-call tag as the text writes it: whether it closes, the tool lower-cased, and where it ends. */
    private record Tag(boolean closing, String tool, int end) {
    }

    /**
     * The tag {@code <\s*(/?)\s*tool_use\s*:\s*([A-Za-z_][A-Za-z0-9_]*)\s*>} (ASCII case ignored) that starts
     * at {@code at}, or null if none starts there.
     */
    private static Tag tagAt(String text, int at) {
        int n = text.length();
        int i = TextLines.skipSpace(text, at + 1, n);
        boolean closing = i < n && text.charAt(i) == '/';
        if (closing) {
            i = TextLines.skipSpace(text, i + 1, n);
        }
        if (!TextLines.startsWithIgnoreCase(text, i, n, TOOL_USE)) {
            return null;
        }
        i = TextLines.skipSpace(text, i + TOOL_USE.length(), n);
        if (i >= n || text.charAt(i) != ':') {
            return null;
        }
        i = TextLines.skipSpace(text, i + 1, n);
        int nameStart = i;
        if (i >= n || !nameStart(text.charAt(i))) {
            return null;
        }
        while (i < n && namePart(text.charAt(i))) {
            i++;
        }
        int nameEnd = i;
        i = TextLines.skipSpace(text, i, n);
        if (i >= n || text.charAt(i) != '>') {
            return null;
        }
        return new Tag(closing, text.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT), i + 1);
    }

    private static boolean nameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean namePart(char c) {
        return nameStart(c) || (c >= '0' && c <= '9');
    }

    /** A call that lacks what its tool needs cannot have been carried out as written. */
    private static Optional<String> missing(ToolCall call) {
        List<String> absent = null;
        for (String key : REQUIRED.getOrDefault(call.tool(), List.of())) {
            if (call.field(key).isBlank()) {
                if (absent == null) {
                    absent = new ArrayList<>(2);
                }
                absent.add("'" + key + ":'");
            }
        }
        return absent == null ? Optional.empty()
                : Optional.of("<tool_use:" + call.tool() + "> at line " + call.line() + " has no " + String.join(" or ", absent));
    }

    /**
     * The fields of the call body {@code text[from, to)}. A field line is {@code [ \t]*key[ \t]*:[ \t]?} at the
     * start of a line (line ends as a multiline {@code ^} knows them; the body's start is a line start).
     * A key line starts a field only the first time: a body that quotes {@code to: ...} after the real
     * {@code to:} stays part of the body instead of replacing the recipient.
     */
    private static Map<String, String> fields(String text, int from, int to) {
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        int valueStart = 0;
        int lineStart = from;
        while (lineStart < to) {
            int keyAt = TextLines.skipBlank(text, lineStart, to);
            String name = keyAt < to ? keyAt(text, keyAt, to) : null;
            if (name != null) {
                int colon = TextLines.skipBlank(text, keyAt + name.length(), to);
                if (colon < to && text.charAt(colon) == ':' && !out.containsKey(name) && !name.equals(current)) {
                    if (current != null) {
                        out.put(current, unquote(text.substring(valueStart, lineStart)));
                    }
                    current = name;
                    valueStart = colon + 1 < to && TextLines.isBlank(text.charAt(colon + 1)) ? colon + 2 : colon + 1;
                }
            }
            lineStart = nextLineStart(text, lineStart, to);
        }
        if (current != null) {
            out.put(current, unquote(text.substring(valueStart, to)));
        }
        return out;
    }

    /** The field key at {@code at}, lower-cased, or null. */
    private static String keyAt(String text, int at, int to) {
        for (String key : KEYS) {
            if (TextLines.startsWithIgnoreCase(text, at, to, key)) {
                return key;
            }
        }
        return null;
    }

    /** The index after the next line end at or after {@code from}, or {@code to} if there is none. */
    private static int nextLineStart(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (TextLines.isLineEnd(text.charAt(i))) {
                return i + 1;
            }
        }
        return to;
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
