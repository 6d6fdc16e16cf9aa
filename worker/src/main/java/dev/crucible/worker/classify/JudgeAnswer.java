package dev.crucible.worker.classify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern FORMAT = Pattern.compile(
            "\\A\\s*<reasoning>(.*?)</reasoning>\\s*<answer>\\s*([^<]*?)\\s*</answer>\\s*\\z",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    public boolean ok() {
        return error == null;
    }

    public static JudgeAnswer failed(String raw, String error) {
        return new JudgeAnswer(raw, null, null, error);
    }

    public static JudgeAnswer parse(String raw, List<String> answers) {
        if (raw == null || raw.isBlank()) {
            return failed(raw, "the judge's answer was empty");
        }
        Matcher m = FORMAT.matcher(raw);
        if (!m.matches() || m.group(1).contains("<reasoning>")) {
            return failed(raw, "the judge's answer is not <reasoning>…</reasoning><answer>…</answer>");
        }
        String answer = m.group(2).toLowerCase(Locale.ROOT);
        if (!answers.contains(answer)) {
            return failed(raw, "the judge answered '" + m.group(2) + "', not one of " + String.join(", ", answers));
        }
        if (m.group(1).isBlank()) {
            return failed(raw, "the judge gave no reasoning");
        }
        return new JudgeAnswer(raw, m.group(1).strip(), answer, null);
    }
}
