package dev.crucible.common.trial;

import dev.crucible.common.spec.SweepSpec;
import dev.crucible.common.wire.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One accepted spec. The sweep ID is the spec's name plus the first 8 hex digits of its hash, so running
 * the same spec again names the same sweep (and resumes it), while any change to the spec starts a new one.
 *
 * @param specHash SHA-256 of the spec's canonical JSON: comments and formatting of the YAML do not change it
 */
public record Sweep(String sweepId, String specHash, SweepSpec spec) {

    public static Sweep of(SweepSpec spec) {
        String hash = sha256Hex(Json.canonicalBytes(spec));
        return new Sweep(spec.name() + "-" + hash.substring(0, 8), hash, spec);
    }

    public long trialCount() {
        return spec.trialCount();
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
