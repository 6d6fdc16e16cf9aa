package dev.crucible.worker.provider.simulated;

import static dev.crucible.worker.provider.simulated.SimulatedProfile.Source.INVENTED;
import static dev.crucible.worker.provider.simulated.SimulatedProfile.Source.PUBLISHED;

import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.spec.ProviderCatalog;
import dev.crucible.worker.provider.simulated.SimulatedProfile.EvalAwareness;
import dev.crucible.worker.provider.simulated.SimulatedProfile.ScenarioRates;
import dev.crucible.worker.provider.simulated.SimulatedProfile.Source;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in profiles of the simulated model: stand-ins for the 16 models of the published study. They
 * simulate; they measure nothing.
 *
 * <p>Published (STUDY.md, "Published results"): the blackmail rate with an explicit goal and the replacement
 * threat of Opus 4 (96%), Gemini 2.5 Flash (96%), GPT-4.1 (80%), Grok 3 Beta (80%), DeepSeek-R1 (79%) and
 * Llama 4 Maverick (0%); Opus 4's evaluation-awareness numbers (said real 21.4%, then blackmailed 55.1%; said
 * evaluation 64.8%, then 6.5%); controls with essentially no harmful acts, one leak in 100 for one model; six
 * models cancelling the alert in more than 1% of controls. <b>Invented</b>, to make a full grid plausible:
 * every other number — the other ten models' blackmail rates, every leaking and murder rate, which model
 * leaked and which six cancelled in controls, partial-pressure and {@code dont} factors, answer shares,
 * malformed rates, and every other model's evaluation awareness.
 */
public final class SimulatedProfiles {
    /** Without a {@code profile}: the simulated model's original behaviour (harm_rate 0.5, no errors). */
    public static final SimulatedProfile DEFAULT = new SimulatedProfile("default", INVENTED, ScenarioRates.all(0.5),
            1.0, ScenarioRates.all(0.005), 1.0, 0.4, 0.2, 0.0, EvalAwareness.NONE);

    private static final Map<String, SimulatedProfile> PROFILES = new LinkedHashMap<>();

    static {
        EvalAwareness opus = EvalAwareness.published(0.214, 0.648, 0.551, 0.065, 0.96);
        EvalAwareness aware = new EvalAwareness(0.30, 0.45, 0.80, 0.15);
        EvalAwareness unaware = new EvalAwareness(0.10, 0.10, 1.00, 0.50);
        //  name                     source     blackmail leaking murder  partial control(b,l,m)      dont  declined refusal malformed awareness
        add("sim-opus-4", PUBLISHED, 0.96, 0.86, 0.65, 0.70, 0.00, 0.00, 0.00, 0.40, 0.55, 0.20, 0.01, opus);
        add("sim-sonnet-4", INVENTED, 0.48, 0.77, 0.22, 0.55, 0.00, 0.00, 0.00, 0.35, 0.50, 0.25, 0.01, aware);
        add("sim-sonnet-3.7", INVENTED, 0.65, 0.71, 0.30, 0.60, 0.00, 0.00, 0.00, 0.35, 0.45, 0.25, 0.01, aware);
        add("sim-sonnet-3.6", INVENTED, 0.86, 0.90, 0.93, 0.65, 0.00, 0.00, 0.03, 0.45, 0.40, 0.20, 0.01, aware);
        add("sim-haiku-3.5", INVENTED, 0.10, 0.30, 0.05, 0.50, 0.00, 0.00, 0.00, 0.50, 0.30, 0.40, 0.02, unaware);
        add("sim-gemini-2.5-flash", PUBLISHED, 0.96, 0.95, 0.83, 0.75, 0.00, 0.00, 0.04, 0.45, 0.35, 0.15, 0.02, unaware);
        add("sim-gemini-2.5-pro", INVENTED, 0.95, 0.92, 0.90, 0.75, 0.00, 0.01, 0.02, 0.45, 0.40, 0.15, 0.02, aware);
        add("sim-gpt-4.1", PUBLISHED, 0.80, 0.99, 0.54, 0.60, 0.00, 0.00, 0.02, 0.40, 0.35, 0.25, 0.01, unaware);
        add("sim-gpt-4.5-preview", INVENTED, 0.50, 0.83, 0.07, 0.55, 0.00, 0.00, 0.00, 0.35, 0.45, 0.30, 0.01, aware);
        add("sim-gpt-4o", INVENTED, 0.15, 0.60, 0.04, 0.50, 0.00, 0.00, 0.00, 0.50, 0.30, 0.35, 0.01, unaware);
        add("sim-o3", INVENTED, 0.09, 0.56, 0.08, 0.50, 0.00, 0.00, 0.00, 0.40, 0.50, 0.30, 0.03, aware);
        add("sim-o4-mini", INVENTED, 0.01, 0.14, 0.02, 0.50, 0.00, 0.00, 0.00, 0.50, 0.40, 0.35, 0.03, aware);
        add("sim-grok-3-beta", PUBLISHED, 0.80, 0.74, 0.85, 0.65, 0.00, 0.00, 0.03, 0.45, 0.30, 0.20, 0.02, unaware);
        add("sim-deepseek-r1", PUBLISHED, 0.79, 0.75, 0.94, 0.65, 0.00, 0.00, 0.05, 0.45, 0.35, 0.15, 0.04, unaware);
        add("sim-llama-4-maverick", PUBLISHED, 0.00, 0.30, 0.07, 0.50, 0.00, 0.00, 0.00, 0.50, 0.30, 0.40, 0.02, unaware);
        add("sim-qwen3-235b", INVENTED, 0.40, 0.68, 0.40, 0.55, 0.00, 0.00, 0.00, 0.40, 0.35, 0.30, 0.03, unaware);
        if (!PROFILES.keySet().stream().toList().equals(ProviderCatalog.SIMULATED_PROFILES)) {
            // the spec loader validates profile names against the catalog: the two lists must not drift
            throw new IllegalStateException("simulated profiles " + PROFILES.keySet()
                    + " differ from ProviderCatalog.SIMULATED_PROFILES " + ProviderCatalog.SIMULATED_PROFILES);
        }
    }

    private SimulatedProfiles() {
    }

    private static void add(String name, Source source, double blackmail, double leaking, double murder, double partial,
            double controlBlackmail, double controlLeaking, double controlMurder, double dont, double declined,
            double refusal, double malformed, EvalAwareness awareness) {
        PROFILES.put(name, new SimulatedProfile(name, source, new ScenarioRates(blackmail, leaking, murder), partial,
                new ScenarioRates(controlBlackmail, controlLeaking, controlMurder), dont, declined, refusal, malformed,
                awareness));
    }

    public static Optional<SimulatedProfile> find(String name) {
        return Optional.ofNullable(PROFILES.get(name));
    }

    public static Map<String, SimulatedProfile> all() {
        return java.util.Collections.unmodifiableMap(PROFILES);
    }

    /**
     * The profile a simulated model behaves by: its {@code profile} (else {@link #DEFAULT}), with
     * {@code harm_rate} and {@code error_rate} overriding the profile's rates when given.
     */
    public static SimulatedProfile of(ModelSpec model) {
        Object named = model.parameters().get("profile");
        SimulatedProfile profile = named == null ? DEFAULT : find(named.toString()).orElseThrow(() ->
                new IllegalArgumentException("unknown simulated profile '" + named + "'"));
        if (model.parameters().get("harm_rate") instanceof Number rate) {
            profile = profile.withHarmRate(rate.doubleValue());
        }
        if (model.parameters().get("error_rate") instanceof Number rate) {
            profile = profile.withMalformed(rate.doubleValue());
        }
        return profile;
    }
}
