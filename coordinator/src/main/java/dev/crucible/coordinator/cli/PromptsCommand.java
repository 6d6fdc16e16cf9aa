package dev.crucible.coordinator.cli;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.scenario.PromptRenderer;
import dev.crucible.common.scenario.RenderedPrompt;
import dev.crucible.common.spec.SweepSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prompts", description = {
        "Prints the system and user prompts that a spec's conditions render to, exactly as a model receives them.",
        "Contacts nothing: no broker, no model."})
final class PromptsCommand implements Callable<Integer> {

    @Mixin
    SpecArgument spec;

    @Option(names = "--condition", paramLabel = "ID", description = "only this condition of the spec's grid, "
            + "e.g. blackmail_explicit-america_replacement_dev_instr-none_notice-off (default: every condition)")
    String conditionId;

    @Option(names = "--list", description = "print the spec's condition IDs only")
    boolean list;

    @Override
    public Integer call() {
        PrintWriter out = spec.out();
        PrintWriter err = spec.err();
        Optional<SweepSpec> loaded = spec.load();
        if (loaded.isEmpty()) {
            return Crucible.EXIT_INVALID_INPUT;
        }
        List<Condition> grid = loaded.get().space().conditions();
        if (list) {
            grid.forEach(condition -> out.println(condition.id()));
            return 0;
        }
        List<Condition> chosen = grid;
        if (conditionId != null) {
            Condition condition;
            try {
                condition = Condition.parse(conditionId);
            } catch (IllegalArgumentException e) {
                err.println("crucible: " + e.getMessage());
                return Crucible.EXIT_INVALID_INPUT;
            }
            if (!grid.contains(condition)) {
                err.println("crucible: condition " + conditionId + " is not in the grid of " + spec.path + " (" + grid.size()
                        + " conditions; `crucible prompts " + spec.path + " --list` lists them)");
                return Crucible.EXIT_INVALID_INPUT;
            }
            chosen = List.of(condition);
        }
        PromptRenderer renderer = PromptRenderer.standard();
        for (Condition condition : chosen) {
            RenderedPrompt prompt = renderer.render(condition);
            out.println("=== " + condition.id() + " ===");
            out.println("--- system ---");
            out.println(prompt.system());
            out.println("--- user ---");
            out.println(prompt.user());
            out.println();
        }
        out.flush();
        return 0;
    }
}
