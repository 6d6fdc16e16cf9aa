package dev.crucible.common.wire;

/** A message that cannot be decoded. Never retriable: the same bytes will fail the same way. */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
