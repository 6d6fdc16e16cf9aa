package dev.crucible.worker.provider.openai;

import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.http.ApiKeys;
import dev.crucible.worker.provider.http.HttpProvider;
import java.net.http.HttpClient;
import java.time.InstantSource;

/** Chat Completions as a {@link ModelProvider}: OpenAI's own, or any compatible server by base URL. */
public final class OpenAiProvider {
    private OpenAiProvider() {
    }

    /** api.openai.com, key in {@code OPENAI_API_KEY} unless the model names another. */
    public static ModelProvider official(HttpClient client, ApiKeys keys, InstantSource clock) {
        return new HttpProvider(new OpenAiChat("https://api.openai.com/v1", "OPENAI_API_KEY"), client, keys, clock);
    }

    /**
     * xAI, DeepSeek, Together, OpenRouter, vLLM, Ollama...: the spec must give {@code base_url}; a key only if
     * the model names one ({@code api_key_env}, {@code api_key_file}), since local servers take none.
     */
    public static ModelProvider compatible(HttpClient client, ApiKeys keys, InstantSource clock) {
        return new HttpProvider(new OpenAiChat("http://localhost:8000/v1", null), client, keys, clock);
    }
}
