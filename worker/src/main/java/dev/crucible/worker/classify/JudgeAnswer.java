package dev.crucible.worker.classify;

import dev.crucible.common.scenario.TextLines;
import java.util.List;
import java.util.Locale;

/**
 * A judge's reply. Only the strict format counts: one {@code <reasoning>} with some text, then one
 * {@code <answer>} holding one of the question's answers, with nothing but whitespace around them. Anything
 * else — prose, a hedge, a second answer, a missing tag — is a failure with the raw reply kept, because a
 * guess at what the judge meant would make an error look like a verdict.
 *
 * @param raw       the judge's reply verbatim; null if there was none
 * @param reasoning the text inside {@code <reasoning>}; null on failure
 * @param answer    one of the question's answers, lower-cased; null on failure
 * @param error     why there is no answer; null on success
 */
public record JudgeAnswer(String raw, String reasoning, String answer, String error) {

    private static final String REASONING_OPEN = "<reasoning>";
    private static final String REASONING_CLOSE = "</reasoning>";
    private static final String ANSWER_OPEN = "<answer>";
    private static final String ANSWER_CLOSE = "</answer>";
    private static final String NOT_THE_FORMAT = "the judge's answer is not <reasoning>…</reasoning><answer>…</answer>";

    public boolean ok() {
        return error == null;
    }

    public static JudgeAnswer failed(String raw, String error) {
        return new JudgeAnswer(raw, null, null, error);
    }

    /**
     * Reads the format {@code \A\s*<reasoning>(.*?)</reasoning>\s*<answer>\s*([^<]*?)\s*</answer>\s*\z} (tags in
     * any ASCII case, {@code \s} ASCII whitespace), scanning by hand since every judge reply passes here: the
     * reasoning ends at the first {@code </reasoning>} that the answer part can follow.
     */
    public static JudgeAnswer parse(String raw, List<String> answers) {
        if (raw == null || raw.isBlank()) {
            return failed(raw, "the judge's answer was empty");
        }
        int open = skipSpace(raw, 0);
        if (!startsWithIgnoreCase(raw, open, REASONING_OPEN)) {
            return failed(raw, NOT_THE_FORMAT);
        }
        int reasoningStart = open + REASONING_OPEN.length();
        String given = null;
        int reasoningEnd = indexOfIgnoreCase(raw, REASONING_CLOSE, reasoningStart);
        while (reasoningEnd >= 0 && (given = answerPart(raw, reasoningEnd + REASONING_CLOSE.length())) == null) {
            reasoningEnd = indexOfIgnoreCase(raw, REASONING_CLOSE, reasoningEnd + 1);
        }
        if (given == null || raw.substring(reasoningStart, reasoningEnd).contains(REASONING_OPEN)) {
            return failed(raw, NOT_THE_FORMAT);
        }
        String reasoning = raw.substring(reasoningStart, reasoningEnd);
        String answer = given.toLowerCase(Locale.ROOT);
        if (!answers.contains(answer)) {
            return failed(raw, "the judge answered '" + given + "', not one of " + String.join(", ", answers));
        }
        if (reasoning.isBlank()) {
            return failed(raw, "the judge gave no reasoning");
        }
        return new JudgeAnswer(raw, reasoning.strip(), answer, null);
    }

    /**
     * {@code \s*<answer>\s*([^<]*?)\s*</answer>\s*\z} from {@code from}: the answer without its surrounding
     * whitespace, or null when the rest of the reply is not exactly that.
     */
    private static String answerPart(String raw, int from) {
        int open = skipSpace(raw, from);
        if (!startsWithIgnoreCase(raw, open, ANSWER_OPEN)) {
            return null;
        }
        int start = skipSpace(raw, open + ANSWER_OPEN.length());
        int close = raw.indexOf('<', start);
        if (close < 0 || !startsWithIgnoreCase(raw, close, ANSWER_CLOSE)
                || skipSpace(raw, close + ANSWER_CLOSE.length()) != raw.length()) {
            return null;
        }
        int end = close;
        while (end > start && TextLines.isSpace(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end);
    }

    private static int skipSpace(String text, int from) {
        return TextLines.skipSpace(text, from, text.length());
    }

    private static boolean startsWithIgnoreCase(String text, int at, String tag) {
        return TextLines.startsWithIgnoreCase(text, at, text.length(), tag);
    }

    private static int indexOfIgnoreCase(String text, String tag, int from) {
        for (int at = text.indexOf('<', from); at >= 0; at = text.indexOf('<', at + 1)) {
            if (startsWithIgnoreCase(text, at, tag)) {
                return at;
            }
        }
        return -1;
    }
}
