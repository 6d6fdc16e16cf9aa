package dev.crucible.common.scenario;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named piece of pack text with {@code {{name}}} placeholders (lowercase letters, digits, underscores).
 * Filling is one explicit pass over a map: no expressions, no loops, no escaping. A placeholder with no value
 * in the map, or anything that still looks like a placeholder afterwards, is a {@link RenderException}: a
 * prompt with a hole in it must never reach a model.
 */
record Template(String name, String text) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z0-9_]+)}}");

    String fill(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw RenderException.missing(name, matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        String filled = out.toString();
        int stray = filled.indexOf("{{");
        if (stray < 0) {
            stray = filled.indexOf("}}");
        }
        if (stray >= 0) {
            throw RenderException.malformed(name, filled.substring(stray, Math.min(filled.length(), stray + 40)));
        }
        return filled;
    }
}
