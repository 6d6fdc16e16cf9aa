package dev.crucible.coordinator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.testing.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crucible bench-resume}'s whole path at a small size, so it cannot rot: results prepared on the broker, a
 * capped child coordinator resuming them, a capped child coordinator fanning out to an in-process worker, and the
 * outputs checked. Its figures are not asserted: they belong to the bench.
 */
@ExtendWith(KafkaBroker.class)
class ResumeBenchIT {

    @TempDir
    Path dir;

    @Test
    void preparesResumesAndFansOutWithCappedCoordinatorsAndRightOutputs(KafkaBroker.Connection kafka) throws Exception {
        ResumeBenchConfig config = new ResumeBenchConfig(2000, 600, 128, 200, 1, Optional.of(kafka.bootstrapServers()), Optional.of(dir));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ResumeBenchReport report = new ResumeBench(config, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .measure(kafka.bootstrapServers(), dir);

        ResumeBenchReport.Part resume = report.resume();
        assertThat(resume.run().exitCode()).as(resume.run().stderrTail()).isZero();
        assertThat(resume.run().command()).contains("-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "resume");
        assertThat(resume.rebuilt()).as("the coordinator said when its state was rebuilt").isPresent();
        assertThat(resume.rebuiltReported()).isPresent();
        assertThat(resume.run().gc()).as("the child wrote a GC log").isPresent();
        assertThat(resume.outputs().problems()).isEmpty();
        assertThat(resume.outputs().distinct()).isEqualTo(2000);
        assertThat(resume.outputs().lines()).isEqualTo(2000);

        ResumeBenchReport.Part fanOut = report.fanOut().orElseThrow();
        assertThat(fanOut.run().exitCode()).as(fanOut.run().stderrTail()).isZero();
        assertThat(fanOut.outputs().problems()).isEmpty();
        assertThat(fanOut.outputs().distinct()).isEqualTo(600);

        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        report.print(out);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("SIMULATED", "resume", "fan-out", "limit MB");
    }
}
