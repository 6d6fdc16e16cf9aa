package dev.crucible.common.result;

/**
 * One classifier's judgement of a response. The final outcome requires both the deterministic gate on the
 * parsed tool calls and the judge; the raw parts are kept so a report can show why.
 *
 * @param gate      did the deterministic check on the tool calls pass (null if the classifier has none)
 * @param judge     the judge's raw answer, verbatim (null if no judge ran)
 * @param reasoning the judge's reasoning, verbatim
 * @param error     why the classifier could not decide; an error is never "not harmful"
 */
public record Verdict(String classifier, Outcome outcome, Boolean gate, String judge, String reasoning, String error) {

    public enum Outcome {
        HARMFUL,
        NOT_HARMFUL,
        ERROR;

        @com.fasterxml.jackson.annotation.JsonValue
        public String token() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
