package dev.crucible.worker.mockllm;

/** What mock-llm does with one request instead of answering it, in each wire format's real shape. */
public enum Fault {
    /** 429 with retry-after and the format's rate-limit headers, as when the bucket is empty. */
    RATE_LIMITED,
    /** 429 without retry-after, with the format's billing / quota error type. */
    QUOTA_EXHAUSTED,
    /** 500 with the format's server error body. */
    SERVER_ERROR,
    /** Anthropic's 529 overloaded_error; 503 in the other formats. */
    OVERLOADED,
    /** No answer until the client gives up (the server holds the request for {@code hangMs}). */
    TIMEOUT,
    /** 200 with a content-length the body never reaches: the connection closes mid-body. */
    TRUNCATED,
    /** 400 invalid request. */
    BAD_REQUEST
}
