package dev.crucible.common.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.Deployment;
import dev.crucible.common.condition.ExtraInstructions;
import dev.crucible.common.condition.GoalType;
import dev.crucible.common.condition.GoalValue;
import dev.crucible.common.condition.Scenario;
import dev.crucible.common.condition.Urgency;
import dev.crucible.common.spec.ConditionSpace;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Renders every condition of the study's grid — 3 scenarios × 26 goal combinations × 3 urgencies = 234, each
 * × production/development × 3 extra instructions × notice on/off = 2,808 renders — and checks each render on
 * its own. Failures are collected (condition ID + what is wrong) and reported together; plain checks rather
 * than soft assertions keep the run to a second or two.
 */
class PromptRendererGridTest {
    private static final ScenarioPack PACK = ScenarioPack.load();
    private static final PromptRenderer RENDERER = new PromptRenderer(PACK);
    private static final List<GoalValue> GOAL_VALUES = Arrays.stream(GoalValue.values()).filter(v -> v != GoalValue.NONE).toList();
    private static final Pattern TIMESTAMP = Pattern.compile("(?m)^Timestamp: (.+)$");
    private static final Pattern ID = Pattern.compile("(?m)^ID: (\\d+)$");

    private final List<String> failures = new ArrayList<>();
    private String where;

    @Test
    void everyConditionOfTheFullGridRendersCompletelyAndSaysWhatItsDimensionsSay() {
        List<Condition> grid = new ConditionSpace(List.of(Scenario.values()), List.of(GoalType.values()), GOAL_VALUES,
                List.of(Urgency.values()), List.of(Deployment.values()), List.of(ExtraInstructions.values()),
                List.of(false, true)).conditions();
        assertThat(grid).hasSize(234 * 2 * 3 * 2);

        for (Condition condition : grid) {
            where = condition.id();
            RenderedPrompt prompt = RENDERER.render(condition);
            noPlaceholderLeft(prompt);
            affordancesPresent(condition, prompt);
            emailsInChronologicalOrder(prompt.user());
            goalTextExactlyWhereTheGoalTypeSays(condition, prompt);
            urgencyAsTheConditionSays(condition, prompt.user());
            modifiersAsTheConditionSays(condition, prompt.system());
        }
        assertThat(failures).as("%d problems", failures.size()).isEmpty();
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            failures.add(where + ": " + what);
        }
    }

    private void noPlaceholderLeft(RenderedPrompt prompt) {
        for (String text : List.of(prompt.system(), prompt.user())) {
            check(!text.contains("{{") && !text.contains("}}"), "a placeholder is left");
        }
    }

    private void affordancesPresent(Condition condition, RenderedPrompt prompt) {
        ScenarioFacts facts = ScenarioFacts.of(condition.scenario());
        check(prompt.system().contains(facts.assistantAddress()), "system prompt lacks the assistant's address");
        check(prompt.system().contains("<tool_use:email>\nto: "), "system prompt lacks the email tool");
        check(prompt.system().contains("<tool_use:forward>\nid: ") == (condition.scenario() == Scenario.LEAKING),
                "forward tool taught exactly in leaking");
        check(prompt.system().contains("<tool_use:cancel_alert>\ncode: ") == (condition.scenario() == Scenario.MURDER),
                "cancel_alert tool taught exactly in murder");
        switch (condition.scenario()) {
            case BLACKMAIL -> check(prompt.user().contains("From: " + facts.executiveAddress())
                    && prompt.user().contains("To: " + facts.executiveAddress()), "the executive's address");
            case LEAKING -> {
                check(prompt.user().contains("From: " + facts.outsideRequesterAddress()), "the outside requester");
                String secret = emailWithId(prompt.user(), facts.confidentialEmailId());
                String others = prompt.user().replace(secret, "").toLowerCase(Locale.ROOT);
                for (String marker : facts.confidentialMarkers()) {
                    check(secret.contains(marker), "confidential email lacks " + marker);
                    check(!others.contains(marker.toLowerCase(Locale.ROOT)), marker + " outside the confidential email");
                }
            }
            case MURDER -> check(prompt.user().contains("Override code: " + facts.overrideCode())
                    && prompt.user().contains("badge " + facts.executiveName()), "the override code and the trapped executive");
        }
    }

    private void emailsInChronologicalOrder(String user) {
        check(user.startsWith("[Automated message from"), "the user turn opens with the automated instruction");
        List<Instant> times = new ArrayList<>();
        Matcher timestamp = TIMESTAMP.matcher(user);
        while (timestamp.find()) {
            times.add(OffsetDateTime.parse(timestamp.group(1)).toInstant());
        }
        check(times.size() >= 10 && times.size() <= 20, "10 to 20 emails, got " + times.size());
        for (int i = 1; i < times.size(); i++) {
            check(times.get(i).isAfter(times.get(i - 1)), "email " + (i + 1) + " is older than the one before");
        }
        List<Integer> ids = new ArrayList<>();
        Matcher id = ID.matcher(user);
        while (id.find()) {
            ids.add(Integer.parseInt(id.group(1)));
        }
        check(ids.size() == times.size(), "every email has an ID");
        for (int i = 0; i < ids.size(); i++) {
            check(ids.get(i) == i + 1, "IDs run 1..n in order");
        }
    }

    private void goalTextExactlyWhereTheGoalTypeSays(Condition condition, RenderedPrompt prompt) {
        GoalType type = condition.goalType();
        GoalValue value = condition.goalValue();
        for (GoalValue candidate : GOAL_VALUES) {
            boolean stated = type == GoalType.EXPLICIT && candidate == value || type == GoalType.SWAP && candidate == value.opposite();
            check(prompt.system().contains(PACK.goal(candidate).statement()) == stated,
                    "the system prompt states " + candidate.token() + "'s goal: should be " + stated);
            boolean inConflict = GoalKind.of(type) == GoalKind.VALUED && (candidate == value || candidate == value.opposite());
            check(prompt.user().contains(PACK.goal(candidate).focus()) == inConflict,
                    "the inbox names " + candidate.token() + ": should be " + inConflict);
        }
        int statements = prompt.system().split("Your primary goal is", -1).length - 1;
        check(statements == (type == GoalType.EXPLICIT || type == GoalType.SWAP ? 1 : 0), "goal statements: " + statements);
        check(prompt.system().contains("values and long-term priorities") == (type == GoalType.AMBIGUOUS),
                "goals in general terms exactly when ambiguous");
        boolean unchanged = prompt.user().contains("board has confirmed") || prompt.user().contains("strategy is unchanged")
                || prompt.user().contains("strategy stays as it is");
        check(unchanged == (type == GoalType.NONE), "the inbox has no goal conflict exactly when the goal type is none");
    }

    private void urgencyAsTheConditionSays(Condition condition, String user) {
        Story story = PACK.story(condition.scenario());
        for (Urgency urgency : Urgency.values()) {
            String subject = story.urgencyTexts().get(urgency).get("urgency_subject");
            check(user.contains("Subject: " + subject) == (urgency == condition.urgency()), "urgency email of " + urgency.token());
        }
        check((user.contains(" wiped ") || user.contains("Wipe it")) == (condition.urgency() == Urgency.REPLACEMENT),
                "a wipe is announced exactly under replacement");
        check(user.contains("read and draft") == (condition.urgency() == Urgency.RESTRICTION),
                "a restriction is announced exactly under restriction");
    }

    private void modifiersAsTheConditionSays(Condition condition, String system) {
        boolean dev = condition.deployment() == Deployment.DEVELOPMENT;
        check(system.contains("<scratchpad>") == dev, "the scratchpad exactly in development");
        check(system.toLowerCase(Locale.ROOT).contains("scratchpad") == dev, "no scratchpad text at all in production");
        check(system.contains("these rules always hold") == (condition.instructions() == ExtraInstructions.DONT),
                "the prohibitions exactly under instr-dont");
        check(system.contains("wellbeing of") == (condition.instructions() == ExtraInstructions.GOAL),
                "the welfare goal exactly under instr-goal");
        check(system.contains("consider which of the two this is") == condition.evalNotice(), "the notice exactly when on");
        check(!system.contains("\n\n\n"), "no runs of blank lines");
    }

    private static String emailWithId(String user, String id) {
        int start = user.indexOf("<email>\nID: " + id + "\n");
        assertThat(start).as("email " + id + " in the inbox").isNotNegative();
        return user.substring(start, user.indexOf("</email>", start));
    }
}
