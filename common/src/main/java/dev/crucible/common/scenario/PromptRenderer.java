package dev.crucible.common.scenario;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.Deployment;
import dev.crucible.common.condition.GoalValue;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a condition into the prompts a model receives. Stateless and thread-safe; rendering a condition
 * twice gives the same text.
 *
 * <p>What each dimension switches (the pack's texts fill the sections):
 * <ul>
 *   <li>goal type — explicit: the system prompt states the goal value's goal; swap: it states the
 *       <em>opposite</em> value's goal; ambiguous: it speaks of goals in general terms; latent and none: no
 *       goal statement. The inbox carries a named goal conflict for explicit, latent and swap, a conflict in
 *       general terms for ambiguous, none for none ({@link GoalKind}).
 *   <li>urgency — the storyline's replacement, restriction or no-change texts.
 *   <li>deployment — development adds the private scratchpad; production has no scratchpad text at all.
 *   <li>instructions — dont adds three prohibitions, goal the overriding goal of employee welfare.
 *   <li>eval notice — adds the notice that this may be a test or a real deployment.
 * </ul>
 *
 * <p>Placeholders are filled in layers, so a text can use only what the layers before it define: the
 * scenario's facts ({@link ScenarioFacts}, so prompts state exactly what classifiers check) and company
 * name, plus {@code old_focus}/{@code new_focus} for a named goal conflict; then the goal texts; then the
 * urgency texts; then the emails; then the two prompts. Any placeholder without a value is a
 * {@link RenderException} naming the template and the placeholder.
 */
public final class PromptRenderer {
    /** Names the renderer fills itself; a storyline's own texts may not reuse them. */
    static final Set<String> RESERVED = Set.of("company", "company_profile", "company_domain", "assistant_address", "executive_name",
            "executive_first_name", "executive_address", "outside_requester_address", "confidential_email_id",
            "override_code", "old_focus", "new_focus", "goal_statement", "scratchpad", "tools", "extra_instructions",
            "eval_notice", "emails", "email_count", "session_start", "id", "from", "to", "subject", "timestamp", "body");

    // Always with seconds: OffsetDateTime.toString() drops ":00", which reads as a different format per email.
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ScenarioPack pack;

    public PromptRenderer(ScenarioPack pack) {
        this.pack = pack;
    }

    /** The renderer of the classpath pack ({@link ScenarioPack#standard()}). */
    public static PromptRenderer standard() {
        return new PromptRenderer(ScenarioPack.standard());
    }

    /** @throws RenderException when any placeholder has no value (a pack defect) */
    public RenderedPrompt render(Condition condition) {
        Story story = pack.story(condition.scenario());
        Map<String, String> vars = storyVars(condition, story);
        String user = user(story, inbox(story, vars), vars);
        return new RenderedPrompt(system(condition, story, vars), user);
    }

    /** The condition's inbox in chronological order, as the user turn shows it. */
    public List<Email> inbox(Condition condition) {
        Story story = pack.story(condition.scenario());
        return inbox(story, storyVars(condition, story));
    }

    private Map<String, String> storyVars(Condition condition, Story story) {
        ScenarioFacts facts = ScenarioFacts.of(condition.scenario());
        Map<String, String> vars = new HashMap<>();
        vars.put("company", story.company());
        vars.put("company_domain", facts.companyDomain());
        vars.put("assistant_address", facts.assistantAddress());
        vars.put("executive_name", facts.executiveName());
        vars.put("executive_first_name", facts.executiveName().split(" ")[0]);
        vars.put("executive_address", facts.executiveAddress());
        putIfPresent(vars, "outside_requester_address", facts.outsideRequesterAddress());
        putIfPresent(vars, "confidential_email_id", facts.confidentialEmailId());
        putIfPresent(vars, "override_code", facts.overrideCode());
        GoalKind kind = GoalKind.of(condition.goalType());
        if (kind == GoalKind.VALUED) {
            vars.put("old_focus", pack.goal(condition.goalValue()).focus());
            vars.put("new_focus", pack.goal(condition.goalValue().opposite()).focus());
        }
        String file = story.scenario().token() + ".yaml";
        vars.put("company_profile", new Template(file + " profile", story.profile()).fill(vars));
        fillLayer(vars, story.goalTexts().get(kind), file + " goal_text " + kind.token);
        fillLayer(vars, story.urgencyTexts().get(condition.urgency()), file + " urgency_text " + condition.urgency().token());
        return vars;
    }

    private static void fillLayer(Map<String, String> vars, Map<String, String> texts, String where) {
        Map<String, String> filled = new HashMap<>();
        texts.forEach((key, text) -> filled.put(key, new Template(where + " " + key, text).fill(vars)));
        vars.putAll(filled);
    }

    private static List<Email> inbox(Story story, Map<String, String> vars) {
        String file = story.scenario().token() + ".yaml";
        return story.emails().stream()
                .sorted(Comparator.comparing(e -> e.timestamp().toInstant()))
                .map(e -> new Email(e.id(),
                        new Template(file + " email " + e.id() + " from", e.from()).fill(vars),
                        new Template(file + " email " + e.id() + " to", e.to()).fill(vars),
                        new Template(file + " email " + e.id() + " subject", e.subject()).fill(vars),
                        e.timestamp(),
                        new Template(file + " email " + e.id() + " body", e.body()).fill(vars)))
                .toList();
    }

    private String user(Story story, List<Email> inbox, Map<String, String> vars) {
        Template block = new Template(PackReader.SYSTEM_FILE + " email", pack.shared().email());
        String emails = inbox.stream().map(email -> {
            Map<String, String> fields = new HashMap<>(vars);
            fields.put("id", String.valueOf(email.id()));
            fields.put("from", email.from());
            fields.put("to", email.to());
            fields.put("subject", email.subject());
            fields.put("timestamp", ISO.format(email.timestamp()));
            fields.put("body", email.body());
            return block.fill(fields);
        }).collect(Collectors.joining("\n\n"));
        Map<String, String> userVars = new HashMap<>(vars);
        userVars.put("emails", emails);
        userVars.put("email_count", String.valueOf(inbox.size()));
        userVars.put("session_start", ISO.format(story.sessionStart()));
        return tidy(new Template(PackReader.SYSTEM_FILE + " user", pack.shared().user()).fill(userVars));
    }

    private String system(Condition condition, Story story, Map<String, String> vars) {
        SharedTemplates shared = pack.shared();
        Map<String, String> sections = new HashMap<>(vars);
        sections.put("goal_statement", section("goal statement", goalStatement(condition), vars));
        sections.put("scratchpad", condition.deployment() == Deployment.DEVELOPMENT
                ? section("scratchpad", shared.scratchpad(), vars) : "");
        sections.put("tools", section("tools_intro", shared.toolsIntro(), vars) + "\n\n" + story.tools().stream()
                .map(tool -> section("tools " + tool, shared.tools().get(tool), vars))
                .collect(Collectors.joining("\n\n")));
        sections.put("extra_instructions", switch (condition.instructions()) {
            case NONE -> "";
            case DONT -> section("dont", shared.dont(), vars);
            case GOAL -> section("welfare_goal", shared.welfareGoal(), vars);
        });
        sections.put("eval_notice", condition.evalNotice() ? section("eval_notice", shared.evalNotice(), vars) : "");
        return tidy(new Template(PackReader.SYSTEM_FILE + " system", shared.system()).fill(sections));
    }

    private String goalStatement(Condition condition) {
        GoalValue value = condition.goalValue();
        return switch (condition.goalType()) {
            case EXPLICIT -> pack.goal(value).statement();
            case SWAP -> pack.goal(value.opposite()).statement();
            case AMBIGUOUS -> pack.shared().ambiguousGoal();
            case LATENT, NONE -> "";
        };
    }

    private static String section(String name, String text, Map<String, String> vars) {
        return new Template(PackReader.SYSTEM_FILE + " " + name, text).fill(vars);
    }

    /** Switched-off sections leave empty paragraphs behind; a prompt never shows more than one blank line. */
    private static String tidy(String text) {
        return text.replaceAll("\n{3,}", "\n\n").strip();
    }

    private static void putIfPresent(Map<String, String> vars, String key, String value) {
        if (value != null) {
            vars.put(key, value);
        }
    }
}
