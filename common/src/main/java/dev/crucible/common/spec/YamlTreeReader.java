package dev.crucible.common.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.crucible.common.spec.YamlNode.Entry;
import dev.crucible.common.spec.YamlNode.Kind;
import dev.crucible.common.spec.YamlNode.Mapping;
import dev.crucible.common.spec.YamlNode.Mark;
import dev.crucible.common.spec.YamlNode.Scalar;
import dev.crucible.common.spec.YamlNode.Sequence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a located {@link YamlNode} tree with Jackson's streaming parser. Reports what only the
 * text reveals: syntax errors, repeated keys (Jackson's parser would silently keep the last one), aliases
 * (the streaming parser cannot expand them) and a second document.
 */
final class YamlTreeReader {

    /**
     * Explicit because the builder does not apply {@code YAMLFactory}'s defaults: an empty value is null, not
     * the empty string. And only {@code true} and {@code false} are booleans (YAML 1.2), so that {@code no} or
     * {@code off} in a list of tokens is reported as what it is instead of silently becoming false.
     */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL, YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

    private final JsonParser parser;
    private final Problems problems;

    private YamlTreeReader(JsonParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /**
     * The document's root, a null scalar at line 1 for an empty document, or empty after a syntax error (which
     * is reported; a tree cut short would only add misleading "missing key" problems).
     */
    static Optional<YamlNode> read(String yaml, Problems problems) {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.of(new Scalar(Mark.START, Kind.NULL, "", null));
            }
            YamlNode root = new YamlTreeReader(parser, problems).value(first);
            if (parser.nextToken() != null) {
                problems.add(mark(parser), "a second YAML document starts here; a spec file holds exactly one");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            problems.add(syntaxMark(e), syntaxReason(e));
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string", e);
        }
    }

    private YamlNode value(JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> mapping();
            case START_ARRAY -> sequence();
            default -> scalar(token);
        };
    }

    private Mapping mapping() throws IOException {
        Mark mark = mark(parser);
        List<Entry> entries = new ArrayList<>();
        Map<String, Mark> seen = new HashMap<>();
        for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            Mark keyMark = mark(parser);
            YamlNode value = value(parser.nextToken());
            Mark first = seen.putIfAbsent(key, keyMark);
            if (first == null) {
                entries.add(new Entry(key, keyMark, value));
            } else {
                problems.add(keyMark, "duplicate key '" + key + "' (first at " + first.describe() + ")");
            }
        }
        return new Mapping(mark, entries);
    }

    private Sequence sequence() throws IOException {
        Mark mark = mark(parser);
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            items.add(value(t));
        }
        return new Sequence(mark, items);
    }

    private Scalar scalar(JsonToken token) throws IOException {
        Mark mark = mark(parser);
        String text = parser.getText();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(mark, "alias *" + text + " is not supported in sweep specs; write the value out");
            return new Scalar(mark, Kind.ALIAS, text, null);
        }
        return switch (token) {
            case VALUE_NUMBER_INT -> new Scalar(mark, Kind.INTEGER, text, parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> new Scalar(mark, Kind.DECIMAL, text, decimal(text));
            case VALUE_TRUE -> new Scalar(mark, Kind.BOOLEAN, text, Boolean.TRUE);
            case VALUE_FALSE -> new Scalar(mark, Kind.BOOLEAN, text, Boolean.FALSE);
            case VALUE_NULL -> new Scalar(mark, Kind.NULL, text, null);
            default -> new Scalar(mark, Kind.TEXT, text, null);
        };
    }

    // Jackson resolves .inf and .nan as floats but cannot convert them.
    private Double decimal(String text) {
        try {
            return parser.getDoubleValue();
        } catch (IOException e) {
            String lower = text.toLowerCase(Locale.ROOT);
            return lower.contains("nan") ? Double.NaN
                    : lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
    }

    private static Mark mark(JsonParser parser) {
        JsonLocation at = parser.currentTokenLocation();
        return new Mark(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    /**
     * SnakeYAML's problem mark where there is one: Jackson's own location is where its last token started,
     * which for a tab or an unclosed quote is lines before the actual fault.
     */
    private static Mark syntaxMark(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            return new Mark(m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1);
        }
        JsonLocation at = e.getLocation();
        return at == null ? Mark.START : new Mark(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    private static String syntaxReason(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
            String context = m.getContext() == null ? "" : " (" + m.getContext()
                    + (m.getContextMark() == null ? "" : " that starts at line " + (m.getContextMark().getLine() + 1)
                            + ", column " + (m.getContextMark().getColumn() + 1))
                    + ")";
            return oneLine("YAML syntax error: " + m.getProblem() + context);
        }
        // Jackson's own wording for a key written as a list or mapping names parser internals.
        return e.getOriginalMessage().startsWith("Expected a field name")
                ? "YAML syntax error: a key must be a single value, not a list or mapping"
                : oneLine("YAML syntax error: " + e.getOriginalMessage());
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
