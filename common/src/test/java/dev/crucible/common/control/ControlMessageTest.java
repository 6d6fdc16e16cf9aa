package dev.crucible.common.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.spec.Budget;
import dev.crucible.common.wire.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control messages travel as JSON with their kind in {@code type}, and each kind has its own key. */
class ControlMessageTest {

    @Test
    void everyKindSurvivesTheWireAndKeepsItsKey() {
        List<ControlMessage> messages = List.of(
                new SweepCommand("s-1", SweepCommand.Action.PAUSE, "lunch", "ann@host", 10),
                new BudgetRaise("s-1", new Budget(50.0, null), "ann@host", 11),
                new ModelPause("openai:default:gpt-x", "openai/gpt-x", "quota", 99, "w1", 12),
                new SweepProgress("s-1", "running", null, null, true, 100, 40, 40, 1, 0, 0, 0, 10, 20, 2.5, 24,
                        List.of(new SweepProgress.ModelProgress("simulated/a", true, 100, 40, 1, 0, 2.5, 1000, 100, 0, 0.0)),
                        null, 0, 1100, List.of(), "host-1", 13));
        for (ControlMessage message : messages) {
            byte[] wire = Json.write(message);
            assertThat(new String(wire)).contains("\"type\":");
            assertThat(Json.read(wire, ControlMessage.class)).isEqualTo(message);
        }
        assertThat(messages).extracting(ControlMessage::key).containsExactly("sweep/s-1/command", "sweep/s-1/budget",
                "model/openai:default:gpt-x/pause", "sweep/s-1/progress");
    }

    @Test
    void aModelPauseEndsAtItsTime() {
        ModelPause pause = new ModelPause("p", "m", "quota", 100, "w", 0);
        assertThat(pause.activeAt(99)).isTrue();
        assertThat(pause.activeAt(100)).isFalse();
    }
}
