package dev.crucible.worker.provider.anthropic;

import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.http.ApiKeys;
import dev.crucible.worker.provider.http.HttpProvider;
import java.net.http.HttpClient;
import java.time.InstantSource;

/** Anthropic's Messages API as a {@link ModelProvider}; see {@link AnthropicMessages} for the parameters. */
public final class AnthropicProvider {
    private AnthropicProvider() {
    }

    public static ModelProvider create(HttpClient client, ApiKeys keys, InstantSource clock) {
        return new HttpProvider(new AnthropicMessages(), client, keys, clock);
    }
}
