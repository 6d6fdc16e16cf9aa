package dev.crucible.worker.provider.http;

import java.util.Objects;

/**
 * An API key. Its {@link #toString()} never shows it, so a key that reaches a log statement, an exception
 * message or a JSON encoder by mistake prints as {@code [secret]}; only {@link #reveal()} — called where a
 * request header is set — gives the value.
 */
public final class Secret {
    private final String value;

    Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of this key replaced, for provider error messages that echo it. */
    String redact(String text) {
        return text == null || value.isEmpty() ? text : text.replace(value, "[redacted]");
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
