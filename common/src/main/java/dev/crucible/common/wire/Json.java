package dev.crucible.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration of every Crucible message and file. Mappers are immutable once built and
 * thread-safe, so sharing them is not shared mutable state.
 */
public final class Json {
    private static final ObjectMapper WIRE = JsonMapper.builder(JsonFactory.builder()
                    // Jackson's default pool keeps buffers per thread; a worker runs each trial on a new virtual
                    // thread, so every message would allocate fresh buffers (measured: ~2x the cost of a read
                    // plus a write). A shared pool reuses them across threads.
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .build())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // A newer producer may add fields; an older consumer must still read the message.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * A reader and a writer per type, resolved once: a mapper looks the root (de)serializer up on every call, which
     * showed in the worker's profile at tens of thousands of messages a second.
     */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return WIRE.readerFor(type);
        }
    };
    private static final ClassValue<ObjectWriter> WRITERS = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return WIRE.writerFor(type);
        }
    };

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return WIRE;
    }

    public static byte[] write(Object value) {
        try {
            return WRITERS.get(value.getClass()).writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writeString(Object value) {
        try {
            return WIRE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Decodes a message; a malformed one throws {@link MalformedMessageException}, never a bare parse error. */
    public static <T> T read(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new MalformedMessageException("empty " + type.getSimpleName() + " message", null);
        }
        try {
            T value = READERS.get(type).readValue(bytes);
            if (value == null) {
                throw new MalformedMessageException("null " + type.getSimpleName() + " message", null);
            }
            return value;
        } catch (IOException e) {
            throw new MalformedMessageException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Sorted keys and properties: equal values always give equal bytes, so hashes are stable. */
    public static byte[] canonicalBytes(Object value) {
        try {
            return CANONICAL.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
