package dev.crucible.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code crucible} command in its own JVM (the shaded jar the build made), its output in files under a test's
 * directory. Tests pass {@code --metrics-port 0}; {@link #metricsUri} reads the address the process printed.
 */
public record CrucibleProcess(Process process, Path out, Path err) {
    private static final Pattern METRICS = Pattern.compile("metrics: (http://\\S+/metrics)");

    public static CrucibleProcess start(Path dir, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", Path.of("target", "crucible.jar").toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        return new CrucibleProcess(new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    /** The metrics address the process printed, once it has. */
    public Optional<URI> metricsUri() throws IOException {
        Matcher m = METRICS.matcher(stdout());
        return m.find() ? Optional.of(URI.create(m.group(1))) : Optional.empty();
    }

    public String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }
}
