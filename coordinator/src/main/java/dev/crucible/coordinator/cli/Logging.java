package dev.crucible.coordinator.cli;

/**
 * The CLI's logging: Crucible's own warnings and errors, and nothing of Kafka's chatter below WARN, unless
 * the user set slf4j-simple properties (e.g. {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=info}).
 */
final class Logging {
    private Logging() {
    }

    static void quietByDefault() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        // closing the in-process broker makes its controller channel warn about an already closed client
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
