package dev.crucible.worker.testing;

import dev.crucible.common.result.TrialResult.Usage;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A provider that answers by a script and records every request, for tests of what sits above providers. */
public final class ScriptedProvider implements ModelProvider {
    /** One scripted reply: a text, or a failure. */
    @FunctionalInterface
    public interface Script {
        String reply(ModelRequest request) throws ProviderException;
    }

    private final Script script;
    private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

    public ScriptedProvider(Script script) {
        this.script = script;
    }

    public static ScriptedProvider answering(Function<ModelRequest, String> reply) {
        return new ScriptedProvider(reply::apply);
    }

    public static ScriptedProvider failing(boolean retryable) {
        return new ScriptedProvider(request -> {
            throw new ProviderException(request.model().provider(), request.model().name(), "HTTP 529 overloaded", retryable, null);
        });
    }

    @Override
    public ModelResponse generate(ModelRequest request) throws ProviderException {
        requests.add(request);
        String text = script.reply(request);
        return new ModelResponse(text, null, new Usage(1, 1, 0), "end_turn", 0);
    }

    public List<ModelRequest> requests() {
        return List.copyOf(requests);
    }
}
