package dev.crucible.common.scenario;

/**
 * Character rules shared by the response parsers: one line-end convention, 1-based line numbers, and the
 * classes that the parsers' former regular expressions used. The parsers scan by hand because they run on
 * every response, several times per trial; these rules keep them reading exactly what the expressions read:
 * {@link #isSpace} is {@code \s} (ASCII only), {@link #isLineEnd} what {@code ^} and {@code $} treat as a line
 * terminator in multiline mode, and {@link #startsWithIgnoreCase} is {@code CASE_INSENSITIVE} without
 * {@code UNICODE_CASE} (ASCII letters only, so {@code ſ} is not {@code s}). Public for the judge's reply
 * format, which the classifiers read by the same rules.
 */
public final class TextLines {
    private TextLines() {
    }

    /** CRLF and lone CR become LF, so patterns and reported lines mean the same on every platform's text. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    static int lineOf(String text, int offset) {
        return 1 + newlines(text, 0, offset);
    }

    /** How many LFs lie in {@code [from, to)}. */
    static int newlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** {@code \s}: space, tab, LF, vertical tab, form feed, CR. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {@code [ \t]}: the margin of a line. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** A line terminator to a multiline {@code ^} or {@code $}: LF, CR, NEL, LINE and PARAGRAPH SEPARATOR. */
    static boolean isLineEnd(char c) {
        return c < '\u0085' ? c == '\n' || c == '\r' : c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** The first index at or after {@code from} (and before {@code to}) that is not {@code \s}. */
    public static int skipSpace(String text, int from, int to) {
        int i = from;
        while (i < to && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The first index at or after {@code from} (and before {@code to}) that is not a space or tab. */
    static int skipBlank(String text, int from, int to) {
        int i = from;
        while (i < to && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Whether {@code word} (lower-case ASCII) is at {@code at}, ending by {@code to}, ignoring the case of ASCII
     * letters only.
     */
    public static boolean startsWithIgnoreCase(String text, int at, int to, String word) {
        if (at < 0 || at + word.length() > to) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = text.charAt(at + k);
            char w = word.charAt(k);
            if (c != w && !(w >= 'a' && w <= 'z' && c == w - ('a' - 'A'))) {
                return false;
            }
        }
        return true;
    }
}
