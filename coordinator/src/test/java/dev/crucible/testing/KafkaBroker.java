package dev.crucible.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import dev.crucible.coordinator.broker.BrokerDefaults;
import dev.crucible.coordinator.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * JUnit extension giving tests a real Kafka broker with share groups enabled: one broker for the whole test run,
 * started the first time a test asks for a {@link Connection} parameter and stopped when the run ends.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBroker.class)
 * class SomethingIT {
 *     @Test
 *     void doesSomething(KafkaBroker.Connection kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * <p>The broker is, in this order: the external broker named by the system property {@value #BOOTSTRAP_PROPERTY}
 * (nothing is started or stopped); a Testcontainers {@code apache/kafka:4.4.0} container when Docker is available;
 * otherwise an in-process {@link EmbeddedKafkaBroker} on a fresh temporary directory, deleted afterwards. Tests
 * share the broker, so they must use unique topic and group names.
 */
public final class KafkaBroker implements ParameterResolver {

    /** System property naming an external broker's bootstrap servers, e.g. {@code -Dkafka.bootstrap=host:9092}. */
    public static final String BOOTSTRAP_PROPERTY = "kafka.bootstrap";

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String IMAGE = "apache/kafka:4.4.0";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBroker.class);

    /** Where the tests' broker is, and which kind it is. */
    public record Connection(String bootstrapServers, Backend backend) {
    }

    /** The kinds of broker the extension can provide, in order of preference. */
    public enum Backend { EXTERNAL, TESTCONTAINERS, EMBEDDED }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Connection.class;
    }

    @Override
    public Connection resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store outlives every test class and closes its AutoCloseable values when the run ends.
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(RunningBroker.class, key -> RunningBroker.start(), RunningBroker.class)
                .connection();
    }

    private record RunningBroker(Connection connection, Runnable stop) implements AutoCloseable {

        static RunningBroker start() {
            String external = System.getProperty(BOOTSTRAP_PROPERTY, "").strip();
            if (!external.isEmpty()) {
                log.info("Tests use the external Kafka broker at {}", external);
                return new RunningBroker(new Connection(external, Backend.EXTERNAL), () -> { });
            }
            // Testcontainers logs a missing Docker at ERROR, yet here that is the expected case, reported below.
            String detectionLog = "org.slf4j.simpleLogger.log.org.testcontainers.dockerclient";
            if (System.getProperty(detectionLog) == null) {
                System.setProperty(detectionLog, "off");
            }
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return startContainer();
            }
            log.info("Docker is not available (-D{}=info shows why)", detectionLog);
            return startEmbedded();
        }

        private static RunningBroker startContainer() {
            KafkaContainer container = new KafkaContainer(IMAGE);
            // Same tuning as the embedded broker; the image formats its storage at the newest release, which
            // already enables share.version=2.
            BrokerDefaults.singleNode().forEach((key, value) -> container.withEnv(envName(key), value));
            container.start();
            log.info("Tests use a Testcontainers Kafka broker ({}) at {}", IMAGE, container.getBootstrapServers());
            return new RunningBroker(new Connection(container.getBootstrapServers(), Backend.TESTCONTAINERS),
                    container::stop);
        }

        private static RunningBroker startEmbedded() {
            Path dataDir;
            try {
                dataDir = Files.createTempDirectory("crucible-test-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
            log.info("Tests use an in-process Kafka broker at {} (no Docker, no -D{})",
                    broker.bootstrapServers(), BOOTSTRAP_PROPERTY);
            return new RunningBroker(new Connection(broker.bootstrapServers(), Backend.EMBEDDED), () -> {
                broker.close();
                deleteRecursively(dataDir);
            });
        }

        /** The apache/kafka image maps {@code KAFKA_A_B} to {@code a.b}, {@code __} to {@code _}, {@code ___} to {@code -}. */
        private static String envName(String brokerProperty) {
            return "KAFKA_" + brokerProperty.replace("_", "__").replace("-", "___").replace('.', '_')
                    .toUpperCase(Locale.ROOT);
        }

        @Override
        public void close() {
            stop.run();
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete the test broker's directory {}", root, e);
        }
    }
}
