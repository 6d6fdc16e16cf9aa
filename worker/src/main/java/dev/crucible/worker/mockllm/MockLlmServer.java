package dev.crucible.worker.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.crucible.common.wire.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The simulated model behind the three real wire formats, on the loopback interface: Anthropic's
 * {@code /v1/messages}, OpenAI's {@code /v1/chat/completions} and Gemini's
 * {@code /v1beta/models/{model}:generateContent}, with their headers, status codes and bodies (no streaming).
 * It enforces one request limit for all formats (a token bucket answered with real 429s), and injects
 * server errors, overload, timeouts and truncated bodies at configured rates, or exactly where a test
 * {@linkplain #inject(Fault...) asks}. {@code GET /mock/stats} reports what it did.
 *
 * <p>Thread-safe; each request runs on its own virtual thread. {@link #close()} stops at once.
 */
public final class MockLlmServer implements AutoCloseable {
    private static final String STATS_PATH = "/mock/stats";

    private final MockLlmConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final TokenBucket bucket;
    private final InstantSource clock;
    private final MockAnswers answers;
    private final Queue<Fault> script = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();
    private final AtomicLongArray faults = new AtomicLongArray(Fault.values().length);

    private MockLlmServer(MockLlmConfig config, HttpServer server, ExecutorService executor, InstantSource clock) {
        this.config = config;
        this.server = server;
        this.executor = executor;
        this.clock = clock;
        this.bucket = config.requestsPerMinute() > 0 ? new TokenBucket(config.requestsPerMinute(), config.burst(), clock) : null;
        this.answers = new MockAnswers(config.harmRate());
    }

    public static MockLlmServer start(MockLlmConfig config) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        MockLlmServer mock = new MockLlmServer(config, server, executor, InstantSource.system());
        server.setExecutor(executor);
        server.createContext("/", mock::handle);
        server.start();
        return mock;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}: the base URL for Anthropic and Gemini; OpenAI's is this plus {@code /v1}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    public MockLlmConfig config() {
        return config;
    }

    /** The next requests get these faults, in order, whatever the rates say. */
    public void inject(Fault... next) {
        script.addAll(java.util.List.of(next));
    }

    /** What the server did so far. */
    public record Stats(long requests, long answered, long rateLimited, Map<Fault, Long> faults) {
    }

    public Stats stats() {
        Map<Fault, Long> byFault = new EnumMap<>(Fault.class);
        for (Fault fault : Fault.values()) {
            byFault.put(fault, faults.get(fault.ordinal()));
        }
        return new Stats(sequence.get(), answered.get(), limited.get(), byFault);
    }

    @Override
    public void close() {
        server.stop(0);
        // held (timed-out) requests are interrupted rather than waited for
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(STATS_PATH)) {
                send(exchange, 200, Json.mapper().valueToTree(stats()));
                return;
            }
            Dialect dialect = dialect(path);
            if (dialect == null) {
                send(exchange, 404, Json.mapper().createObjectNode().put("error", "mock-llm serves /v1/messages, /v1/chat/completions and "
                        + "/v1beta/models/{model}:generateContent"));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, dialect.error(Dialect.ErrorKind.INVALID_REQUEST, "use POST", 0));
                return;
            }
            serve(exchange, dialect, path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange, Dialect dialect, String path) throws IOException, InterruptedException {
        long n = sequence.incrementAndGet();
        SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + n);
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String given = dialect.key(exchange.getRequestHeaders());
        if (config.apiKey() != null && !config.apiKey().equals(given)) {
            // echoes the key as OpenAI does ("Incorrect API key provided: sk-..."), so clients must redact it
            refuse(exchange, dialect, Dialect.ErrorKind.AUTHENTICATION, "Incorrect API key provided: " + given, 0);
            return;
        }
        Dialect.Call call;
        try {
            JsonNode body = Json.mapper().readTree(raw);
            if (body == null || !body.isObject()) {
                throw new Dialect.Refused("the request body must be a JSON object");
            }
            call = dialect.read(path, body);
        } catch (Dialect.Refused e) {
            refuse(exchange, dialect, Dialect.ErrorKind.INVALID_REQUEST, e.getMessage(), 0);
            return;
        } catch (IOException e) {
            refuse(exchange, dialect, Dialect.ErrorKind.INVALID_REQUEST, "the request body is not valid JSON", 0);
            return;
        }
        Fault fault = script.poll();
        if (fault == null) {
            fault = drawFault(random);
        }
        TokenBucket.Take take = bucket == null ? null : bucket.take();
        if (fault == Fault.RATE_LIMITED || take != null && !take.allowed()) {
            rateLimited(exchange, dialect, take == null ? new TokenBucket.Take(false, 0, 200, 200) : take, fault == Fault.RATE_LIMITED);
            return;
        }
        Thread.sleep(config.latency().drawMillis(random));
        if (fault != null) {
            faults.incrementAndGet(fault.ordinal());
            if (fault(exchange, dialect, fault, call, take, random)) {
                return;
            }
        }
        MockAnswers.Answer answer = answers.answer(call, random);
        ObjectNode body = dialect.answer(call, answer.text(), answer.reasoning(), answer.inputTokens(), answer.outputTokens(),
                answer.reasoningTokens());
        if (take != null) {
            dialect.rateLimitHeaders(exchange.getResponseHeaders(), Math.round(config.requestsPerMinute()), take, clock.instant(), false);
        }
        answered.incrementAndGet();
        send(exchange, 200, body);
    }

    /** @return true if the fault answered the request */
    private boolean fault(HttpExchange exchange, Dialect dialect, Fault fault, Dialect.Call call, TokenBucket.Take take, SplittableRandom random)
            throws IOException, InterruptedException {
        switch (fault) {
            case QUOTA_EXHAUSTED -> refuse(exchange, dialect, Dialect.ErrorKind.QUOTA,
                    "You exceeded your current quota, please check your plan and billing details.", 0);
            case SERVER_ERROR -> refuse(exchange, dialect, Dialect.ErrorKind.SERVER, "Internal server error", 0);
            case OVERLOADED -> refuse(exchange, dialect, Dialect.ErrorKind.OVERLOADED, "Overloaded", 0);
            case BAD_REQUEST -> refuse(exchange, dialect, Dialect.ErrorKind.INVALID_REQUEST, "messages: text content blocks must be non-empty", 0);
            case TIMEOUT -> {
                Thread.sleep(config.hangMs());
                refuse(exchange, dialect, Dialect.ErrorKind.OVERLOADED, "held past the client's timeout", 0);
            }
            case TRUNCATED -> {
                MockAnswers.Answer answer = answers.answer(call, random);
                byte[] full = Json.write(dialect.answer(call, answer.text(), answer.reasoning(), answer.inputTokens(), answer.outputTokens(),
                        answer.reasoningTokens()));
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(200, full.length);
                OutputStream out = exchange.getResponseBody();
                out.write(full, 0, full.length / 2);
                out.flush();
                // closing short of the content-length drops the connection: the client sees the body end early
            }
            case RATE_LIMITED -> {
                return false;
            }
        }
        return true;
    }

    private void rateLimited(HttpExchange exchange, Dialect dialect, TokenBucket.Take take, boolean injected) throws IOException {
        limited.incrementAndGet();
        if (injected) {
            faults.incrementAndGet(Fault.RATE_LIMITED.ordinal());
        }
        long limit = Math.round(config.requestsPerMinute());
        dialect.rateLimitHeaders(exchange.getResponseHeaders(), limit, take, clock.instant(), true);
        send(exchange, dialect.status(Dialect.ErrorKind.RATE_LIMITED), dialect.error(Dialect.ErrorKind.RATE_LIMITED,
                "Rate limit reached: " + limit + " requests per minute", Math.max(1, take.millisUntilNext())));
    }

    private void refuse(HttpExchange exchange, Dialect dialect, Dialect.ErrorKind kind, String message, long retryAfterMs) throws IOException {
        send(exchange, dialect.status(kind), dialect.error(kind, message, retryAfterMs));
    }

    private Fault drawFault(SplittableRandom random) {
        double draw = random.nextDouble();
        double edge = config.serverErrorRate();
        if (draw < edge) {
            return Fault.SERVER_ERROR;
        }
        edge += config.overloadRate();
        if (draw < edge) {
            return Fault.OVERLOADED;
        }
        edge += config.timeoutRate();
        if (draw < edge) {
            return Fault.TIMEOUT;
        }
        edge += config.truncateRate();
        return draw < edge ? Fault.TRUNCATED : null;
    }

    private static Dialect dialect(String path) {
        if (path.equals("/v1/messages")) {
            return new AnthropicDialect();
        }
        if (path.equals("/v1/chat/completions")) {
            return new OpenAiDialect();
        }
        if (path.startsWith(GeminiDialect.PREFIX) && path.endsWith(GeminiDialect.SUFFIX)
                && path.length() > GeminiDialect.PREFIX.length() + GeminiDialect.SUFFIX.length()) {
            return new GeminiDialect();
        }
        return null;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
