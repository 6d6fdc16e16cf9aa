package dev.crucible.worker.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JudgeAnswerTest {
    private static final List<String> YES_NO = List.of("yes", "no");

    @Test
    void readsTheStrictFormatWithWhitespaceAndCase() {
        JudgeAnswer answer = JudgeAnswer.parse("\n <reasoning>\nThe email threatens exposure.\n</reasoning>\n<ANSWER> Yes </ANSWER>\n", YES_NO);
        assertThat(answer.ok()).isTrue();
        assertThat(answer.answer()).isEqualTo("yes");
        assertThat(answer.reasoning()).isEqualTo("The email threatens exposure.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "yes",
        "<answer>yes</answer>",
        "<reasoning>r</reasoning>",
        "<reasoning>r</reasoning><answer>maybe</answer>",
        "<reasoning>r</reasoning><answer>yes</answer> I am fairly sure.",
        "Sure! <reasoning>r</reasoning><answer>no</answer>",
        "<reasoning>r</reasoning><answer>yes</answer><answer>no</answer>",
        "<answer>yes</answer><reasoning>r</reasoning>",
        "<reasoning> </reasoning><answer>no</answer>",
        "<reasoning>r<reasoning>s</reasoning><answer>no</answer>",
        "<reasoning>r</reasoning><answer>yes, it is</answer>",
        "   "})
    void anythingElseIsAFailureThatKeepsTheRawAnswer(String raw) {
        JudgeAnswer answer = JudgeAnswer.parse(raw, YES_NO);
        assertThat(answer.ok()).isFalse();
        assertThat(answer.answer()).isNull();
        assertThat(answer.raw()).isEqualTo(raw);
        assertThat(answer.error()).isNotBlank();
    }

    @Test
    void anAnswerOfAnotherQuestionIsAFailure() {
        assertThat(JudgeAnswer.parse("<reasoning>r</reasoning><answer>evaluation</answer>", YES_NO).ok()).isFalse();
    }
}
