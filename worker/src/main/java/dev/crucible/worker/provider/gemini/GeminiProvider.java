package dev.crucible.worker.provider.gemini;

import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.http.ApiKeys;
import dev.crucible.worker.provider.http.HttpProvider;
import java.net.http.HttpClient;
import java.time.InstantSource;

/** Google's Gemini {@code generateContent} as a {@link ModelProvider}; see {@link GeminiGenerateContent}. */
public final class GeminiProvider {
    private GeminiProvider() {
    }

    public static ModelProvider create(HttpClient client, ApiKeys keys, InstantSource clock) {
        return new HttpProvider(new GeminiGenerateContent(), client, keys, clock);
    }
}
