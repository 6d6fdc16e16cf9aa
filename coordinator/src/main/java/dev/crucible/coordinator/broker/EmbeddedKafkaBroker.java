package dev.crucible.coordinator.broker;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM: the broker of
 * {@code crucible run} in local mode and of the test suite.
 *
 * <p><b>Blocking.</b> {@link #start(Path)} blocks until the broker answers {@code describeCluster} and
 * {@code listTopics} over its PLAINTEXT listener (typically about two seconds), or throws
 * {@link StartupException} naming the data directory once {@link Settings#startTimeout()} has passed.
 * {@link #close()} blocks until the broker and controller have shut down and released the data directory.
 *
 * <p><b>Threading.</b> Start and close from any thread; {@link #close()} is idempotent and safe to call
 * concurrently. The broker runs on its own threads. Start-up errors are thrown, but some faults Kafka deems fatal
 * once running (a corrupt metadata log, for instance) halt the JVM, as they would halt a standalone broker.
 *
 * <p><b>Disk.</b> Everything lives under the data directory: the KRaft metadata log, every topic's log
 * segments, committed consumer offsets and share-group state. The directory is formatted (with
 * {@code kafka.tools.StorageTool}, release 4.4, so {@code share.version=2} and with it the broker-side
 * dead-letter queue) only when it holds no {@code meta.properties} yet; a later start on the same directory
 * resumes with every topic and record it had. Formatting never deletes anything. Ports are not kept: each start
 * binds two fresh loopback ports, so clients must read {@link #bootstrapServers()} after every start. Kafka's
 * default retention (7 days) still applies to resumed data. One broker at a time may use a directory: a second
 * {@code start} on a directory in use, from this JVM or another process, throws {@link StartupException}.
 *
 * <p><b>Logging.</b> Unless already set by the user, the slf4j-simple levels of Kafka's loggers
 * ({@code kafka}, {@code org.apache.kafka}, {@code state.change.logger}) are set to {@code warn} (the quorum
 * controller's to {@code error}) before the broker's classes create their loggers, because a broker logs
 * hundreds of lines at INFO while it starts. This also quietens Kafka clients created afterwards in this JVM.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String META_PROPERTIES = "meta.properties";
    /** Kafka ignores plain files in a log directory; its own lock is {@code .lock}. */
    private static final String LOCK_FILE = ".crucible.lock";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String NODE_ID = "1";
    /** Release of the on-disk format; 4.4 is the first with {@code share.version=2} (KIP-1191 DLQ). */
    private static final String RELEASE_VERSION = "4.4";
    private static final String SHARE_VERSION = "share.version=2";
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
    private final FileLock lock;
    private final Path dataDir;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, FileLock lock, Path dataDir, String bootstrapServers) {
        this.server = server;
        this.lock = lock;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on {@code dataDir} with {@link Settings#defaults()}; see the class contract. */
    public static EmbeddedKafkaBroker start(Path dataDir) {
        return start(dataDir, Settings.defaults());
    }

    /**
     * Starts a broker on {@code dataDir}, formatting the directory first if it was never formatted, and blocks
     * until the broker answers clients.
     *
     * @throws StartupException if the directory cannot be formatted, the broker fails to start, or it does not
     *                          answer within {@link Settings#startTimeout()}
     */
    public static EmbeddedKafkaBroker start(Path dataDir, Settings settings) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(settings, "settings");
        Path dir = dataDir.toAbsolutePath().normalize();
        quietKafkaLogging();
        long startNanos = System.nanoTime();
        FileLock lock = lockDataDir(dir);
        String bootstrap;
        KafkaRaftServer server;
        boolean formatted;
        try {
            int[] ports = freeLoopbackPorts(2);
            bootstrap = "127.0.0.1:" + ports[0];
            Map<String, String> config = brokerConfig(dir, ports[0], ports[1], settings);
            formatted = formatIfNeeded(dir, config);
            server = startServer(dir, config);
        } catch (RuntimeException e) {
            releaseQuietly(lock);
            throw e;
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, lock, dir, bootstrap);
        try {
            awaitAnswers(bootstrap, settings.startTimeout());
        } catch (RuntimeException e) {
            broker.close();
            throw new StartupException(dir, "the broker did not answer clients at " + bootstrap
                    + " (waited up to " + settings.startTimeout() + ")", e);
        }
        log.info("Kafka broker ready at {} in {} ms ({} data dir {})", bootstrap,
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
            releaseQuietly(lock);
        }
        log.info("Kafka broker at {} stopped in {} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /**
     * Broker settings for a single node that are not about this process's ports or directories: internal topics
     * that fit one replica, share-group limits sized for LLM calls, and small-heap cleaner buffers. Exposed so a
     * containerised test broker can be configured the same way.
     */
    public static Map<String, String> singleNodeDefaults() {
        Map<String, String> config = new LinkedHashMap<>();
        // Internal topics default to 3 replicas and 50 partitions; with one broker the former never become
        // available (a consumer then receives nothing) and the latter only slow the first use of a group.
        for (String topic : new String[] {"offsets.topic", "share.coordinator.state.topic"}) {
            config.put(topic + ".replication.factor", "1");
            config.put(topic + ".num.partitions", "1");
        }
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner allocates this buffer on the heap up front; the 128 MiB default dwarfs the broker itself.
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        // A misspelt topic name must fail loudly rather than create an empty topic nobody consumes.
        config.put("auto.create.topics.enable", "false");
        // Share groups spread one partition over all their consumers, and a partition held by a hung consumer
        // idles until its session times out, so fewer partitions than consumers is the safe default.
        config.put("num.partitions", "1");
        // A group may only ask for record locks up to this bound; a long LLM call must not outlive its lock.
        config.put("group.share.max.record.lock.duration.ms", String.valueOf(Duration.ofMinutes(10).toMillis()));
        // lets a group choose short locks, so trials of a killed worker come back in seconds (fault tests)
        config.put("group.share.min.record.lock.duration.ms", "1000");
        // a dead worker's partitions sit idle until its session times out (45 s by default): local workers
        // heartbeat every second, so ten seconds is ample
        config.put("group.share.min.session.timeout.ms", "6000");
        config.put("group.share.session.timeout.ms", "10000");
        // A share consumer receives its assignment on a heartbeat; the 5 s default made a new consumer wait
        // about 5 s for its first trial, 1 s brings that to about 1 s.
        config.put("group.share.min.heartbeat.interval.ms", "1000");
        config.put("group.share.heartbeat.interval.ms", "1000");
        return config;
    }

    private static Map<String, String> brokerConfig(Path dir, int brokerPort, int controllerPort,
                                                    Settings settings) {
        Map<String, String> config = new LinkedHashMap<>(singleNodeDefaults());
        config.put("process.roles", "broker,controller");
        config.put("node.id", NODE_ID);
        config.put("log.dirs", dir.toString());
        config.put("listeners", BROKER_LISTENER + "://127.0.0.1:" + brokerPort + ","
                + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + brokerPort);
        config.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", BROKER_LISTENER);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        // A dynamic quorum (formatted --standalone) keeps the voter set in the metadata log, so the controller
        // port is free to change between starts; static controller.quorum.voters would pin it.
        config.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        config.putAll(settings.overrides());
        return config;
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

    /**
     * Kafka's own {@code .lock} is taken by the broker's log manager only after the controller has opened the
     * metadata log, so a second broker on the same directory would briefly write to a live metadata log. This
     * lock is taken before anything is read or written.
     */
    private static FileLock lockDataDir(Path dir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // Held by another broker in this JVM; reported below like one in another process.
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException(dir, "could not create or lock the data directory", e);
        }
        closeQuietly(channel);
        throw new StartupException(dir, "the data directory is in use by another broker", null);
    }

    private static void releaseQuietly(FileLock lock) {
        // Closing the channel releases the lock; the file stays so that locking never races with deleting.
        closeQuietly(lock.channel());
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            log.debug("Could not close {}", closeable, e);
        }
    }

    private static boolean formatIfNeeded(Path dir, Map<String, String> config) {
        if (Files.exists(dir.resolve(META_PROPERTIES))) {
            // Formatting again would fail with "Invalid cluster.id"; the existing cluster is resumed instead.
            return false;
        }
        Path configFile = null;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            configFile = Files.createTempFile("crucible-kafka-format-", ".properties");
            writeProperties(configFile, config);
            String[] args = {"format", "--standalone", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", configFile.toString(), "--release-version", RELEASE_VERSION,
                "--feature", SHARE_VERSION};
            int exitCode;
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(args, out);
            }
            if (exitCode != 0) {
                throw new StartupException(dir, "formatting failed with exit code " + exitCode + ": "
                        + output.toString(StandardCharsets.UTF_8).strip(), null);
            }
            log.debug("Formatted {}: {}", dir, output.toString(StandardCharsets.UTF_8).strip());
            return true;
        } catch (IOException e) {
            throw new StartupException(dir, "could not prepare the directory for formatting", e);
        } catch (StartupException e) {
            throw e;
        } catch (RuntimeException e) {
            // StorageTool reports bad settings by throwing (TerseFailure) rather than through its exit code.
            throw new StartupException(dir, "formatting failed: " + e.getMessage() + " "
                    + output.toString(StandardCharsets.UTF_8).strip(), e);
        } finally {
            deleteQuietly(configFile);
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
                closeQuietly(socket);
            }
        }
    }

    private static void writeProperties(Path file, Map<String, String> config) throws IOException {
        Properties properties = new Properties();
        properties.putAll(config);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "crucible embedded broker, used only to format the data directory");
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Could not delete {}", file, e);
        }
    }

    /**
     * Knobs of an embedded broker.
     *
     * @param overrides    broker properties applied last, over {@link #singleNodeDefaults()} and the listener and
     *                     directory settings; keys that would break the single-node layout are refused
     * @param startTimeout how long {@link #start(Path, Settings)} waits for the broker to answer
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
