package dev.crucible.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium, for tests that check what a person sees in a page: {@link #dumpDom} loads it, runs
 * its scripts for a stretch of virtual time and returns the DOM as rendered. A missing browser fails the test
 * ({@code .ci/run} installs it); it is never a reason to skip.
 */
public final class Chromium {
    private static final Path DEFAULT = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path executable;

    private Chromium(Path executable) {
        this.executable = executable;
    }

    /** The browser named by {@code -Dchromium=PATH}, else {@code /usr/bin/chromium}. */
    public static Chromium find() {
        Path executable = Path.of(System.getProperty("chromium", DEFAULT.toString()));
        assertThat(Files.isExecutable(executable))
                .as("headless Chromium at %s (apt-get install -y chromium; .ci/run installs it)", executable).isTrue();
        return new Chromium(executable);
    }

    /** The page's DOM after its scripts ran for {@code scriptTime} of virtual time, with a fresh profile each call. */
    public String dumpDom(URI page, Duration scriptTime) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("chromium-dom", ".html");
        Path err = Files.createTempFile("chromium-err", ".log");
        try {
            Process process = new ProcessBuilder(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=" + scriptTime.toMillis(),
                    "--dump-dom", page.toString()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish " + page + " within " + TIMEOUT);
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(dom).as("chromium's DOM of %s (exit %d; stderr: %s)", page, process.exitValue(),
                    Files.readString(err, StandardCharsets.UTF_8)).contains("</html>");
            return dom;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Every match of {@code regex}'s first group in {@code dom}. */
    public static List<String> all(String dom, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(dom);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
