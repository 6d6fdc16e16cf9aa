package dev.crucible.common.scenario;

/** Line handling shared by the response parsers: one line-end convention, and 1-based line numbers. */
final class TextLines {
    private TextLines() {
    }

    /** CRLF and lone CR become LF, so patterns and reported lines mean the same on every platform's text. */
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
}
