package dev.crucible.coordinator.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Requests the in-process broker handled, by API, read from its request metrics over JMX: how many trials
 * each produce, fetch, share-fetch or acknowledgement carried is what decides the broker's CPU per trial.
 */
final class BrokerRequests {
    private static final String PATTERN = "kafka.network:type=RequestMetrics,name=RequestsPerSec,*";

    private BrokerRequests() {
    }

    /** Requests handled so far, by API name (all versions together); empty if the metrics are not there. */
    static Map<String, Long> snapshot() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(PATTERN), null)) {
                Object count = server.getAttribute(name, "Count");
                if (count instanceof Number n) {
                    counts.merge(name.getKeyProperty("request"), n.longValue(), Long::sum);
                }
            }
        } catch (JMException e) {
            return Map.of();
        }
        return counts;
    }

    /** {@code after - before}, only the APIs that were used. */
    static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> used = new TreeMap<>();
        after.forEach((api, count) -> {
            long delta = count - before.getOrDefault(api, 0L);
            if (delta > 0) {
                used.put(api, delta);
            }
        });
        return used;
    }

    static void print(PrintStream out, Map<String, Long> requests, long trials) {
        requests.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .forEach(e -> out.printf(Locale.ROOT, "    %-44s %,9d  %8.1f trials/request%n",
                        e.getKey(), e.getValue(), (double) trials / e.getValue()));
    }
}
