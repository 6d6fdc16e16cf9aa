package dev.crucible.coordinator.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka node (KRaft, combined broker and controller) running inside this JVM: the single broker of
 * {@code crucible run} in local mode and of the test suite ({@link #start(Path)}), or one node of a multi-node
 * cluster, each in its own process ({@link #start(ClusterNode, Settings)}, what {@code crucible broker} runs).
 *
 * <p><b>Blocking.</b> {@code start} blocks until the node answers {@code describeCluster} and {@code listTopics}
 * over its PLAINTEXT listener (typically about two seconds for a single node; a node of a larger cluster answers
 * once a majority of its controllers is up), or throws {@link StartupException} naming the data directory once
 * {@link Settings#startTimeout()} has passed. {@link #close()} blocks until the broker and controller have shut
 * down and released the data directory.
 *
 * <p><b>Threading.</b> Start and close from any thread; {@link #close()} is idempotent and safe to call
 * concurrently. The broker runs on its own threads. Start-up errors are thrown, but some faults Kafka deems fatal
 * once running (a corrupt metadata log, for instance) halt the JVM, as they would halt a standalone broker.
 *
 * <p><b>Disk.</b> Everything lives under the data directory ({@link DataDirectory}): the KRaft metadata log,
 * every topic's log segments, committed consumer offsets and share-group state. The directory is formatted (release
 * 4.4, so {@code share.version=2} and with it the broker-side dead-letter queue) only when it holds no
 * {@code meta.properties} yet; a later start on the same directory resumes with every topic and record it had.
 * Formatting never deletes anything. The single node keeps no ports: each start binds two fresh loopback ports, so
 * clients must read {@link #bootstrapServers()} after every start. A cluster node's ports are those of its
 * {@link ClusterNode}. Kafka's default retention (7 days) still applies to resumed data. One node at a time may use
 * a directory: a second {@code start} on a directory in use, from this JVM or another process, throws
 * {@link StartupException}.
 *
 * <p><b>Logging.</b> Unless already set by the user, the slf4j-simple levels of Kafka's loggers
 * ({@code kafka}, {@code org.apache.kafka}, {@code state.change.logger}) are set to {@code warn} (the quorum
 * controller's to {@code error}) before the broker's classes create their loggers, because a broker logs
 * hundreds of lines at INFO while it starts. This also quietens Kafka clients created afterwards in this JVM.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /**
     * slf4j-simple levels applied unless the user set them. The controller is one notch quieter because it logs
     * its routine activation at WARN on every start.
     */
    private static final Map<String, String> QUIET_LOG_LEVELS = Map.of(
            "kafka", "warn",
            "org.apache.kafka", "warn",
            "state.change.logger", "warn",
            "org.apache.kafka.controller.QuorumController", "error");

    private final KafkaRaftServer server;
    private final DataDirectory directory;
    private final Path dataDir;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, DataDirectory directory, Path dataDir, String bootstrapServers) {
        this.server = server;
        this.directory = directory;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a single-node broker on {@code dataDir} with {@link Settings#defaults()}; see the class contract. */
    public static EmbeddedKafkaBroker start(Path dataDir) {
        return start(dataDir, Settings.defaults());
    }

    /**
     * Starts a single-node broker on {@code dataDir} and two fresh loopback ports, formatting the directory first if
     * it was never formatted, and blocks until the broker answers clients.
     *
     * @throws StartupException if the directory cannot be formatted, the broker fails to start, or it does not
     *                          answer within {@link Settings#startTimeout()}
     */
    public static EmbeddedKafkaBroker start(Path dataDir, Settings settings) {
        Objects.requireNonNull(dataDir, "dataDir");
        int[] ports = freeLoopbackPorts(2);
        return start(ClusterNode.standalone(dataDir.toAbsolutePath().normalize(), ports[0], ports[1]), settings);
    }

    /**
     * Starts {@code node}, formatting its data directory first if it was never formatted, and blocks until it
     * answers clients.
     *
     * @throws StartupException as {@link #start(Path, Settings)}
     */
    public static EmbeddedKafkaBroker start(ClusterNode node, Settings settings) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(settings, "settings");
        Path dir = node.dataDir().toAbsolutePath().normalize();
        quietKafkaLogging();
        long startNanos = System.nanoTime();
        DataDirectory directory = DataDirectory.lock(dir);
        String bootstrap = node.bootstrapServers();
        KafkaRaftServer server;
        boolean formatted;
        try {
            Map<String, String> config = new LinkedHashMap<>(node.config());
            config.put("log.dirs", dir.toString());
            config.putAll(settings.overrides());
            directory.requireClusterOf(node);
            formatted = directory.formatIfNeeded(node, config);
            server = startServer(dir, config);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, directory, dir, bootstrap);
        try {
            awaitAnswers(bootstrap, settings.startTimeout());
        } catch (RuntimeException e) {
            broker.close();
            throw new StartupException(dir, "the broker did not answer clients at " + bootstrap
                    + " (waited up to " + settings.startTimeout() + ")", e);
        }
        log.info("Kafka node {} of {} ready at {} in {} ms ({} data dir {})", node.nodeId(), node.clusterSize(), bootstrap,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                formatted ? "formatted new" : "resumed", dir);
        return broker;
    }

    /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}; changes on every start. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The directory holding the metadata log and all topic data. */
    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down and waits until it has; the data directory is kept. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            directory.close();
        }
        log.info("Kafka broker at {} stopped in {} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static KafkaRaftServer startServer(Path dir, Map<String, String> config) {
        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new StartupException(dir, "the broker configuration was refused", e);
        }
        try {
            server.startup();
            return server;
        } catch (RuntimeException e) {
            // A half-started server still holds Kafka's own directory lock and its sockets.
            shutDownAfterFailure(server, e);
            throw new StartupException(dir, "the broker failed to start", e);
        }
    }

    private static void awaitAnswers(String bootstrap, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long timeoutMillis = Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
        Map<String, Object> clientConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "crucible-embedded-broker-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5_000, timeoutMillis),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        try (Admin admin = Admin.create(clientConfig)) {
            // The admin client retries retriable errors (connection refused, broker fenced) until its API timeout,
            // so a single pair of calls bounded by the deadline suffices.
            if (admin.describeCluster().nodes().get(remainingMillis(deadline), TimeUnit.MILLISECONDS).isEmpty()) {
                throw new IllegalStateException("describeCluster returned no nodes");
            }
            admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        }
    }

    private static void shutDownAfterFailure(KafkaRaftServer server, RuntimeException failure) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void quietKafkaLogging() {
        // slf4j-simple reads a logger's level from system properties when the logger is created, so this works
        // as long as it runs before the broker's classes create theirs, even if slf4j is already initialised.
        QUIET_LOG_LEVELS.forEach((logger, level) -> {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, level);
            }
        });
    }

    private static int[] freeLoopbackPorts(int count) {
        // The ports are released before Kafka binds them; a race with another process is possible but rare, and
        // surfaces as a StartupException caused by a BindException. All sockets stay open until every port is
        // chosen so that the ports differ.
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                DataDirectory.closeQuietly(socket);
            }
        }
    }

    /**
     * Knobs of an embedded broker.
     *
     * @param overrides    broker properties applied last, over {@link BrokerDefaults} and the node's listener,
     *                     quorum and directory settings; keys that would break that layout are refused
     * @param startTimeout how long {@code start} waits for the node to answer
     */
    public record Settings(Map<String, String> overrides, Duration startTimeout) {

        private static final Set<String> RESERVED = Set.of("process.roles", "node.id", "log.dirs", "log.dir",
                "listeners", "advertised.listeners", "controller.listener.names", "controller.quorum.voters",
                "controller.quorum.bootstrap.servers", "inter.broker.listener.name");

        public Settings {
            Objects.requireNonNull(overrides, "overrides");
            Objects.requireNonNull(startTimeout, "startTimeout");
            overrides = Map.copyOf(overrides);
            for (String key : overrides.keySet()) {
                if (RESERVED.contains(key)) {
                    throw new IllegalArgumentException("broker property '" + key
                            + "' is managed by EmbeddedKafkaBroker and cannot be overridden");
                }
            }
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
            }
        }

        /** No overrides; a minute to start, generous for a loaded two-core machine. */
        public static Settings defaults() {
            return new Settings(Map.of(), Duration.ofMinutes(1));
        }

        /** These settings plus one broker property (replacing an earlier value of the same key). */
        public Settings withOverride(String key, String value) {
            Map<String, String> merged = new LinkedHashMap<>(overrides);
            merged.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return new Settings(merged, startTimeout);
        }

        public Settings withStartTimeout(Duration timeout) {
            return new Settings(overrides, timeout);
        }
    }

    /** The broker could not be started on {@link #dataDir()}. */
    public static final class StartupException extends RuntimeException {

        private final transient Path dataDir;

        StartupException(Path dataDir, String reason, Throwable cause) {
            super("Embedded Kafka broker on " + dataDir + ": " + reason, cause);
            this.dataDir = dataDir;
        }

        public Path dataDir() {
            return dataDir;
        }
    }
}
