package dev.crucible.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A multi-process cluster started through {@code deploy/local-cluster}, the script users run: broker, worker and
 * coordinator processes of the CLI jar this build made. Its state (pids, logs, Kafka data) lives in a directory of
 * the test's, and its ports start at a random base port below Linux's ephemeral range, checked free, so that it
 * collides neither with tests taking ephemeral ports nor, but for a rare race, with a parallel run of itself.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Path SCRIPT = Path.of("..", "deploy", "local-cluster").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "crucible.jar").toAbsolutePath();

    private final Path dir;
    private final int basePort;

    private LocalCluster(Path dir, int basePort) {
        this.dir = dir;
        this.basePort = basePort;
    }

    /**
     * {@code deploy/local-cluster up --brokers B --workers W}, plus {@code upOptions} (after {@code --}: worker
     * options); returns once every process is ready, or fails with the script's output.
     */
    public static LocalCluster up(Path dir, int brokers, int workers, List<String> upOptions) throws Exception {
        LocalCluster cluster = new LocalCluster(dir, freeBasePort(brokers, workers));
        List<String> args = new ArrayList<>(List.of("up", "--brokers", Integer.toString(brokers), "--workers",
                Integer.toString(workers), "--base-port", Integer.toString(cluster.basePort)));
        args.addAll(upOptions);
        cluster.up(args);
        return cluster;
    }

    /** {@code deploy/local-cluster down}: every process stopped, the data kept. */
    public void down() throws Exception {
        Process down = script("down", List.of("down"));
        assertThat(down.waitFor(3, TimeUnit.MINUTES)).as("down finishes").isTrue();
        assertThat(down.exitValue()).as(Files.readString(dir.resolve("down.err"))).isZero();
    }

    /** {@code deploy/local-cluster up} without options: the last cluster back, on the data it left. */
    public void upAgain() throws Exception {
        up(List.of("up"));
    }

    private void up(List<String> args) throws Exception {
        Process up = script("up", args);
        boolean done = up.waitFor(6, TimeUnit.MINUTES);
        if (!done || up.exitValue() != 0) {
            up.destroyForcibly();
            String output = Files.readString(dir.resolve("up.out")) + Files.readString(dir.resolve("up.err"));
            close();
            throw new AssertionError("deploy/local-cluster up failed:\n" + output);
        }
    }

    /** {@code deploy/local-cluster run SPEC OPTIONS...}: the coordinator process; output in {@code coordinator.out/err}. */
    public Process run(Path spec, List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", spec.toString()));
        args.addAll(options);
        return script("coordinator", args);
    }

    /** Exit code of {@code deploy/local-cluster status}: 0 when every process runs; its output in {@code status.out}. */
    public int status() throws Exception {
        Process status = script("status", List.of("status"));
        assertThat(status.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return status.exitValue();
    }

    public String statusOutput() throws IOException {
        return Files.readString(dir.resolve("status.out"));
    }

    /** The cluster's addresses, from the script's {@code cluster.env}. */
    public String bootstrapServers() throws IOException {
        Properties env = new Properties();
        try (var reader = Files.newBufferedReader(dir.resolve("state").resolve("cluster.env"))) {
            env.load(reader);
        }
        return env.getProperty("BOOTSTRAP");
    }

    /** The process of a role ({@code broker-1}, {@code worker-2}) as the script recorded it. */
    public Optional<ProcessHandle> process(String role) throws IOException {
        Path pidFile = dir.resolve("state").resolve("pids").resolve(role + ".pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
    }

    public Path log(String role) {
        return dir.resolve("state").resolve("logs").resolve(role + ".log");
    }

    /** {@code deploy/local-cluster down --purge}: every process stopped, the data deleted. */
    @Override
    public void close() throws Exception {
        Process down = script("down", List.of("down", "--purge"));
        if (!down.waitFor(3, TimeUnit.MINUTES)) {
            down.destroyForcibly();
        }
    }

    private Process script(String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "--dir", dir.resolve("state").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().putAll(Map.of("CRUCIBLE_JAR", JAR.toString(),
                // small heaps: up to seven JVMs share the machine with the test run
                "LOCAL_CLUSTER_BROKER_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC",
                "LOCAL_CLUSTER_WORKER_JAVA_OPTS", "-Xmx192m -XX:+UseSerialGC",
                "CRUCIBLE_JAVA_OPTS", "-Xmx256m"));
        return builder.start();
    }

    /** A base port whose every port the script will use is free now: brokers' from it, workers' from it + 101. */
    private static int freeBasePort(int brokers, int workers) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 2 * brokers; i++) {
                ports.add(base + i);
            }
            for (int j = 1; j <= workers; j++) {
                ports.add(base + 100 + j);
            }
            if (ports.stream().allMatch(LocalCluster::free)) {
                return base;
            }
        }
        throw new IllegalStateException("no free base port between 20000 and 30000");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
