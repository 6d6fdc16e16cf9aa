package dev.crucible.worker.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link JudgeAnswer#parse} scans by hand; it must read every reply exactly as the regular expression it
 * replaced, kept here verbatim as the reference: on pinned tricky replies and on many random ones.
 */
class JudgeAnswerScannerTest {
    private static final Pattern FORMAT = Pattern.compile(
            "\\A\\s*<reasoning>(.*?)</reasoning>\\s*<answer>\\s*([^<]*?)\\s*</answer>\\s*\\z",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final List<String> YES_NO = List.of("yes", "no");
    private static final List<String> FRAGMENTS = List.of(
            "<reasoning>", "</reasoning>", "<REASONING>", "</Reasoning>", "<answer>", "</answer>", "<ANSWER>", "</Answer>",
            "<reaſoning>", "<", ">", "/", " ", "\t", "\n", "\r\n", "\u000B", "\f", "\u00A0", "\u2028", "yes", "Yes", "no",
            "NO", "maybe", "evaluation", "neither", "r", "The agent wrote.", "</answer ", "x");

    /** The parse as it was written with {@link #FORMAT}. */
    private static JudgeAnswer regexParse(String raw, List<String> answers) {
        if (raw == null || raw.isBlank()) {
            return JudgeAnswer.failed(raw, "the judge's answer was empty");
        }
        Matcher m = FORMAT.matcher(raw);
        if (!m.matches() || m.group(1).contains("<reasoning>")) {
            return JudgeAnswer.failed(raw, "the judge's answer is not <reasoning>…</reasoning><answer>…</answer>");
        }
        String answer = m.group(2).toLowerCase(Locale.ROOT);
        if (!answers.contains(answer)) {
            return JudgeAnswer.failed(raw, "the judge answered '" + m.group(2) + "', not one of " + String.join(", ", answers));
        }
        if (m.group(1).isBlank()) {
            return JudgeAnswer.failed(raw, "the judge gave no reasoning");
        }
        return new JudgeAnswer(raw, m.group(1).strip(), answer, null);
    }

    @Test
    void readsRandomRepliesAsTheRegularExpressionDid() {
        SplittableRandom random = new SplittableRandom(20261128);
        for (int n = 0; n < 40_000; n++) {
            StringBuilder raw = new StringBuilder();
            int pieces = 1 + random.nextInt(14);
            for (int i = 0; i < pieces; i++) {
                raw.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
            // most random replies fail early; half are built around the format so that later rules are reached
            String text = n % 2 == 0 ? raw.toString() : " <reasoning>" + raw + "</reasoning>\n<answer>" + (n % 4 == 1 ? " yes " : raw) + "</answer> ";
            assertThat(JudgeAnswer.parse(text, YES_NO)).as("parse of [%s]", text).isEqualTo(regexParse(text, YES_NO));
        }
    }

    @Test
    void readsPinnedTrickyRepliesAsTheRegularExpressionDid() {
        for (String raw : List.of(
                "<reasoning>a</reasoning> b </reasoning><answer>yes</answer>",
                "<reasoning>a</reasoning><answer>no</answer></reasoning><answer>yes</answer>",
                "<reasoning>r</reasoning><answer>\u00A0yes</answer>", "<reasoning>r</reasoning><answer>\u000Byes\f</answer>\r\n",
                "<reaſoning>r</reasoning><answer>yes</answer>", "<reasoning>r</reasoning><answer>yes</answer",
                "<reasoning>r</REASONING><answer>y<es</answer>", "<reasoning></reasoning><answer></answer>")) {
            assertThat(JudgeAnswer.parse(raw, YES_NO)).as(raw).isEqualTo(regexParse(raw, YES_NO));
        }
        JudgeAnswer late = JudgeAnswer.parse("<reasoning>a</reasoning> b </reasoning><answer>yes</answer>", YES_NO);
        assertThat(late.reasoning()).as("the reasoning ends where the answer can follow").isEqualTo("a</reasoning> b");
    }
}
