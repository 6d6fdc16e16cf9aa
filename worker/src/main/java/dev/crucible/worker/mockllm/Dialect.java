package dev.crucible.worker.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.time.Instant;

/** One wire format as mock-llm serves it: what a request must hold, and the answer, error and header shapes. */
interface Dialect {

    /** The parts of a request the simulated model needs. */
    record Call(String model, String system, String user, boolean wantsReasoning) {
    }

    /** A request the real API would refuse with a 400; the message is the real API's wording where we know it. */
    final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** What failed, for the error body: the format picks its own status word and type for it. */
    enum ErrorKind { INVALID_REQUEST, AUTHENTICATION, RATE_LIMITED, QUOTA, SERVER, OVERLOADED }

    Call read(String path, JsonNode body) throws Refused;

    /** The API key the request carries in this format's header, or null. */
    String key(Headers headers);

    ObjectNode answer(Call call, String text, String reasoning, long inputTokens, long outputTokens, long reasoningTokens);

    /** The HTTP status of an error; the formats differ only where they override this. */
    default int status(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST -> 400;
            case AUTHENTICATION -> 401;
            case RATE_LIMITED, QUOTA -> 429;
            case SERVER -> 500;
            case OVERLOADED -> 503;
        };
    }

    /** An error body; {@code retryAfterMs} > 0 only for a rate limit (Gemini puts it in the body). */
    ObjectNode error(ErrorKind kind, String message, long retryAfterMs);

    /** The format's rate-limit headers, on answers and on 429s alike; a 429 also gets {@code retry-after} where the format sends it. */
    void rateLimitHeaders(Headers headers, long limit, TokenBucket.Take take, Instant now, boolean refused);

    /** Go-style durations as OpenAI writes them: {@code 120ms}, {@code 1.5s}, {@code 6m0s}. */
    static String goDuration(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return (millis / 1000.0) + "s";
        }
        return (millis / 60_000) + "m" + ((millis % 60_000) / 1000.0) + "s";
    }
}
