package dev.crucible.common.scenario;

import java.util.Objects;

/** What a model receives for one condition: the system prompt and the single user turn (instruction + inbox). */
public record RenderedPrompt(String system, String user) {
    public RenderedPrompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
    }

    /** Characters of both prompts: the basis of the token estimate. */
    public int length() {
        return system.length() + user.length();
    }
}
