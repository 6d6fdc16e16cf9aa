package dev.crucible.coordinator.broker;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.crucible.coordinator.broker.EmbeddedKafkaBroker.StartupException;
import kafka.tools.StorageTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka node's data directory, held by this process from {@link #lock} to {@link #close}: formatted once, then
 * reused with every topic and record it has.
 *
 * <p>The lock is a file of our own taken before anything is read or written, because Kafka's own {@code .lock} is
 * taken by the broker's log manager only after the controller has opened the metadata log: a second node on the same
 * directory would briefly write to a live metadata log. It excludes other processes and other nodes of this JVM.
 */
final class DataDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private static final String META_PROPERTIES = "meta.properties";
    /** Kafka ignores plain files in a log directory; its own lock is {@code .lock}. */
    private static final String LOCK_FILE = ".crucible.lock";
    /** Release of the on-disk format; 4.4 is the first with {@code share.version=2} (KIP-1191 DLQ). */
    private static final String RELEASE_VERSION = "4.4";
    private static final String SHARE_VERSION = "share.version=2";

    private final Path dir;
    private final FileLock lock;

    private DataDirectory(Path dir, FileLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and locks it.
     *
     * @throws StartupException if it cannot be created or another node holds it
     */
    static DataDirectory lock(Path dir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataDirectory(dir, lock);
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

    boolean formatted() {
        return Files.exists(dir.resolve(META_PROPERTIES));
    }

    /**
     * Refuses a directory formatted for another cluster than {@code node}'s. Kafka itself would start on it and serve
     * the old cluster's metadata: partitions whose replicas are nodes that no longer exist, without leaders. A
     * standalone node's directory is its own whatever its ID.
     */
    void requireClusterOf(ClusterNode node) {
        if (node.dynamicQuorum() || !formatted()) {
            return;
        }
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve(META_PROPERTIES), StandardCharsets.UTF_8)) {
            meta.load(reader);
        } catch (IOException e) {
            throw new StartupException(dir, "could not read " + META_PROPERTIES, e);
        }
        String formattedFor = meta.getProperty("cluster.id");
        if (!node.clusterId().equals(formattedFor)) {
            throw new StartupException(dir, "formatted for cluster " + formattedFor + ", not for cluster " + node.clusterId()
                    + " of the controller quorum " + node.quorum().stream().map(ClusterNode.Voter::toString).toList()
                    + "; start it with the quorum (or --cluster-id) it was formatted with, or use another data directory", null);
        }
    }

    /**
     * Formats the directory for {@code node} (release 4.4, {@code share.version=2}) unless it already is: formatting
     * again would fail with "Invalid cluster.id", and a formatted directory is resumed as it is. Formatting never
     * deletes anything.
     *
     * @return whether it formatted
     */
    boolean formatIfNeeded(ClusterNode node, Map<String, String> config) {
        if (formatted()) {
            return false;
        }
        Path configFile = null;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            configFile = Files.createTempFile("crucible-kafka-format-", ".properties");
            writeProperties(configFile, config);
            List<String> args = new ArrayList<>(List.of("format", "--config", configFile.toString(),
                    "--release-version", RELEASE_VERSION, "--feature", SHARE_VERSION));
            args.addAll(node.formatArguments());
            int exitCode;
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(args.toArray(String[]::new), out);
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

    /** Releases the lock; the lock file stays so that locking never races with deleting. */
    @Override
    public void close() {
        closeQuietly(lock.channel());
    }

    private static void writeProperties(Path file, Map<String, String> config) throws IOException {
        Properties properties = new Properties();
        properties.putAll(config);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "crucible Kafka node, used only to format the data directory");
        }
    }

    static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            log.debug("Could not close {}", closeable, e);
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
}
