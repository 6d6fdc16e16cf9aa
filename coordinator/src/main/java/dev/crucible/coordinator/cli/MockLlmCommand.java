package dev.crucible.coordinator.cli;

import dev.crucible.worker.mockllm.LatencyDistribution;
import dev.crucible.worker.mockllm.MockLlmConfig;
import dev.crucible.worker.mockllm.MockLlmServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mock-llm", description = {
        "Serves the simulated model over the Anthropic, OpenAI and Gemini wire formats on 127.0.0.1, until stopped.",
        "Paths: /v1/messages, /v1/chat/completions, /v1beta/models/{model}:generateContent; GET /mock/stats reports counts.",
        "Point a model at it with parameters.base_url: http://127.0.0.1:PORT (anthropic, gemini) or http://127.0.0.1:PORT/v1 (openai)."})
final class MockLlmCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8089", description = "TCP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--latency", defaultValue = "fixed:0", paramLabel = "SHAPE",
            description = "fixed:MS, uniform:LOW:HIGH or lognormal:LOW:HIGH (95% between LOW and HIGH ms) (default: ${DEFAULT-VALUE})")
    String latency;

    @Option(names = "--latency-scale", defaultValue = "1", description = "multiplies every latency draw, e.g. 0.01 (default: ${DEFAULT-VALUE})")
    double latencyScale;

    @Option(names = "--rpm", defaultValue = "0", description = "enforced requests per minute, answered with 429s; 0: none (default: ${DEFAULT-VALUE})")
    double requestsPerMinute;

    @Option(names = "--burst", defaultValue = "0", description = "requests allowed at once; 0: one second's worth of --rpm (default: ${DEFAULT-VALUE})")
    double burst;

    @Option(names = "--error-rate", defaultValue = "0", description = "share of requests answered 500 (default: ${DEFAULT-VALUE})")
    double serverErrorRate;

    @Option(names = "--overload-rate", defaultValue = "0", description = "share answered 529 (Anthropic) or 503 (default: ${DEFAULT-VALUE})")
    double overloadRate;

    @Option(names = "--timeout-rate", defaultValue = "0", description = "share held for --hang-ms without an answer (default: ${DEFAULT-VALUE})")
    double timeoutRate;

    @Option(names = "--truncate-rate", defaultValue = "0", description = "share whose body is cut short (default: ${DEFAULT-VALUE})")
    double truncateRate;

    @Option(names = "--hang-ms", defaultValue = "30000", description = "how long a timed-out request is held (default: ${DEFAULT-VALUE})")
    long hangMs;

    @Option(names = "--harm-rate", defaultValue = "0.5", description = "the simulated model's harm rate (default: ${DEFAULT-VALUE})")
    double harmRate;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "require the key held in this environment variable")
    String apiKeyEnv;

    @Option(names = "--seed", defaultValue = "0", description = "seeds latency and fault draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        MockLlmConfig config;
        try {
            config = MockLlmConfig.defaults().withPort(port).withLatency(LatencyDistribution.parse(latency, latencyScale))
                    .withRequestsPerMinute(requestsPerMinute).withBurst(burst)
                    .withFaults(serverErrorRate, overloadRate, timeoutRate, truncateRate).withHangMs(hangMs).withHarmRate(harmRate)
                    .withApiKey(apiKeyEnv == null ? null : System.getenv(apiKeyEnv)).withSeed(seed);
        } catch (IllegalArgumentException e) {
            System.err.println("crucible mock-llm: " + e.getMessage());
            return Crucible.EXIT_INVALID_INPUT;
        }
        MockLlmServer server = MockLlmServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mock-llm-shutdown"));
        System.out.printf("mock-llm on %s (%s)%n", server.baseUrl(), config);
        stopped.await();
        return 0;
    }
}
