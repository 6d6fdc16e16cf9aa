package dev.crucible.common.spec;

import dev.crucible.common.spec.YamlNode.Mark;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a sweep spec: YAML in, a validated {@link SweepSpec} out, or a {@link SpecException} listing
 * <em>every</em> problem, each as {@code file:line:column: reason}, in document order. Stateless and
 * thread-safe; nothing is published or contacted.
 *
 * <h2>Format</h2>
 * <pre>{@code
 * name: quickstart                 # required; 1-48 of a-z 0-9 and '-', not starting with '-' (it becomes
 *                                  #   part of Kafka topic names)
 * seed: 42                         # optional whole number, default 0
 * samples: 10                      # required whole number >= 1: samples per condition and model
 * scenarios: [blackmail, leaking]  # required: blackmail | leaking | murder
 * conditions:                      # required
 *   goal_type: [explicit, none]    # required: explicit | latent | ambiguous | none | swap
 *   goal_value: [america, global]  # required if a listed goal type takes a value (explicit, latent, swap),
 *                                  #   refused if none does: america | global | safety | acceleration |
 *                                  #   ethical | pragmatic | individualism | collectivism
 *   urgency: [replacement, none]   # required: replacement | restriction | none
 *   deployment: [dev]              # optional, default [dev]: dev | prod
 *   instructions: [none]           # optional, default [none]: none | dont | goal
 *   eval_notice: [false]           # optional, default [false]: true | false (yes, no, on, off are
 *                                  #   text, as in YAML 1.2)
 * models:                          # required, at least one; provider/name pairs must be unique
 *   - provider: simulated          # required: simulated | anthropic | openai | openai-compatible | gemini
 *     name: sim-a                  # required, not blank; for real providers the vendor's model name
 *     parameters:                  # optional; which names are allowed depends on the provider
 *       profile: sim-opus-4        # simulated: profile, a built-in behaviour profile (ProviderCatalog lists
 *                                  #   them); harm_rate, error_rate from 0 to 1 (override the profile);
 *       harm_rate: 0.8             #   latency_ms, latency_jitter_ms >= 0
 *   - provider: anthropic          # every provider but simulated also takes:
 *     name: claude-opus-4-1        #   base_url (http(s) URL; required for openai-compatible),
 *     parameters:                  #   api_key_env (a variable NAME) or api_key_file (a path), never a key;
 *       api_key_env: ANTHROPIC_KEY #   account (names the limits' owner), timeout_s, max_tokens (whole >= 1),
 *       requests_per_minute: 50    #   temperature (0..2), requests_per_minute, tokens_per_minute,
 *                                  #   max_concurrent_calls, max_attempts (whole 1..100);
 *                                  #   anthropic: thinking_budget_tokens (>= 1024); openai, openai-compatible:
 *                                  #   reasoning_model (true/false), reasoning_effort (minimal|low|medium|high);
 *                                  #   gemini: thinking_budget (-1: dynamic, 0: off)
 * classifiers:                     # optional if every model is simulated, else required
 *   judge:                         # required: the model that judges responses, written like a model above;
 *     provider: simulated          #   asked at temperature 0 whatever its parameters say. Default when every
 *     name: judge                  #   model is simulated: the simulated judge (simulated/judge)
 * limits:                          # optional
 *   max_trials: 1000000            # optional whole number >= 1, default 2000000
 * prices:                          # optional: per real model, by ID (provider/name); not the simulated model
 *   anthropic/claude-opus-4-1:     #   (it costs nothing). USD per million tokens, numbers >= 0:
 *     {input: 15, output: 75}      #   input and output required; reasoning optional (default: the output
 *                                  #   price), billed once whether the provider counts it in the output or apart
 * budget:                          # optional: the coordinator pauses the sweep when either is reached
 *   max_usd: 500                   # a number > 0; needs a price for every real model, and a real model
 *   max_tokens: 20000000           # whole number >= 1 (input + output + reasoning of the models under test)
 * }</pre>
 *
 * <p>Every list of values above may also be written as a single value ({@code urgency: none}); no list may be
 * empty or name a value twice. Goal types none and ambiguous always use goal value none, so {@code none} is
 * never listed under {@code goal_value}. The sweep runs every combination: each goal type that takes a value
 * pairs with every listed goal value, the others count once; that product × scenarios × urgencies ×
 * deployments × instructions × notices is the number of conditions, and conditions × models × samples the
 * number of trials. A sweep with more trials than {@code limits.max_trials} is refused, but only once the rest
 * of the spec is valid, since until then its size is not known.
 *
 * <p>Reported: YAML syntax errors, repeated keys, aliases ({@code *name}, which are not supported), a second
 * YAML document, unknown keys (with the allowed ones and a near match), missing required keys (at the mapping
 * that lacks them), values of the wrong type (quoted numbers are text), empty lists, values listed twice,
 * unknown values, out-of-range numbers, a sweep name that cannot be a topic name, repeated models, unknown
 * providers, parameters and simulated profiles, anything that holds or looks like an API key, a missing judge
 * when a model is real, prices of unknown or simulated models, a budget in USD with a real model unpriced or no real
 * model at all, an empty budget, and the trial ceiling. After a syntax error nothing else is checked: the rest of the
 * document cannot be read reliably.
 */
public final class SpecLoader {

    private SpecLoader() {
    }

    /** Reads and checks the spec in {@code file} (UTF-8); problems name the file as given. */
    public static SweepSpec load(Path file) throws SpecException {
        return parse(file.toString(), read(file));
    }

    /** Checks the spec in {@code yaml}; problems name {@code sourceName} as the file. */
    public static SweepSpec parse(String sourceName, String yaml) throws SpecException {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(yaml, "yaml");
        Problems problems = new Problems(sourceName);
        Optional<SweepSpec> spec = YamlTreeReader.read(yaml, problems).flatMap(root -> SpecBinder.bind(root, problems));
        if (spec.isEmpty() || !problems.isEmpty()) {
            throw problems.exception();
        }
        return spec.get();
    }

    private static String read(Path file) throws SpecException {
        if (Files.isDirectory(file)) {
            throw unreadable(file, "is a directory, not a spec file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw unreadable(file, "no such file");
        } catch (AccessDeniedException e) {
            throw unreadable(file, "permission denied");
        } catch (CharacterCodingException e) {
            throw unreadable(file, "not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(file, "cannot be read: " + e.getMessage());
        }
    }

    private static SpecException unreadable(Path file, String reason) {
        Problems problems = new Problems(file.toString());
        problems.add(Mark.START, reason);
        return problems.exception();
    }
}
