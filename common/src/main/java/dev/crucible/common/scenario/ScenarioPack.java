package dev.crucible.common.scenario;

import dev.crucible.common.condition.GoalValue;
import dev.crucible.common.condition.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Crucible's own scenario texts: the shared prompt skeletons ({@code system.yaml}), the words for each goal
 * value ({@code goals.yaml}) and one storyline per scenario ({@code blackmail.yaml}, {@code leaking.yaml},
 * {@code murder.yaml}), read from the classpath under {@code dev/crucible/common/scenario/pack/}.
 *
 * <p>Loading validates everything a file can get wrong — missing or unknown fields, inbox size, email IDs
 * and their order, the confidential email and its markers — and throws a {@link ScenarioPackException}
 * naming the file and field. A loaded pack is immutable and safe to share between threads; render it with
 * {@link PromptRenderer}.
 */
public final class ScenarioPack {
    static final String ROOT = "dev/crucible/common/scenario/pack/";

    private static volatile ScenarioPack standard;

    private final SharedTemplates shared;
    private final Map<GoalValue, GoalText> goals;
    private final Map<Scenario, Story> stories;

    ScenarioPack(SharedTemplates shared, Map<GoalValue, GoalText> goals, Map<Scenario, Story> stories) {
        this.shared = shared;
        this.goals = new EnumMap<>(goals);
        this.stories = new EnumMap<>(stories);
    }

    /** Reads and validates the pack from the classpath. Prefer {@link #standard()}, which does this once. */
    public static ScenarioPack load() {
        return load(ScenarioPack::classpathFile);
    }

    /**
     * The classpath pack, loaded and validated on first use, then shared by every caller in this JVM. A pack
     * that fails to load throws on every call (not only the first), with the same message.
     */
    public static ScenarioPack standard() {
        ScenarioPack pack = standard;
        if (pack == null) {
            synchronized (ScenarioPack.class) {
                if (standard == null) {
                    standard = load();
                }
                pack = standard;
            }
        }
        return pack;
    }

    /** @param files pack file name → text, or null when missing (tests pass broken packs this way) */
    static ScenarioPack load(Function<String, String> files) {
        return new PackReader(files).read();
    }

    SharedTemplates shared() {
        return shared;
    }

    GoalText goal(GoalValue value) {
        GoalText text = goals.get(value);
        if (text == null) {
            throw new IllegalArgumentException("goal value " + value.token() + " has no text");
        }
        return text;
    }

    Story story(Scenario scenario) {
        return stories.get(scenario);
    }

    private static String classpathFile(String name) {
        try (InputStream in = ScenarioPack.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario pack file " + name, e);
        }
    }
}
