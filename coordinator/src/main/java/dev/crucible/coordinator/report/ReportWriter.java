package dev.crucible.coordinator.report;

import dev.crucible.coordinator.aggregate.SweepSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/** Writes {@code report.html} into a sweep's directory, next to the {@code results.jsonl} it samples. */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** Writes {@code directory/report.html} atomically and returns its path. */
    public static Path write(Path directory, SweepSnapshot snapshot) {
        TranscriptSample sample = TranscriptSample.read(directory.resolve("results.jsonl"), snapshot.rates().size(),
                TranscriptSample.Limits.defaults());
        String html = ReportPage.report(snapshot, sample, Instant.now());
        Path file = directory.resolve("report.html");
        Path partial = directory.resolve("report.html.partial");
        try {
            Files.createDirectories(directory);
            Files.writeString(partial, html, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
