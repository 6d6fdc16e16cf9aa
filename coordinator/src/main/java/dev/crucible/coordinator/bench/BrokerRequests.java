package dev.crucible.coordinator.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    /** The busiest APIs of the sweep and of the bare trip, each with how many trials (trips) one request carried. */
    static void print(PrintStream out, Map<String, Long> sweep, long trials, Map<String, Long> bare, long trips) {
        Set<String> apis = new LinkedHashSet<>(busiest(sweep));
        apis.addAll(busiest(bare));
        for (String api : apis) {
            out.printf(Locale.ROOT, "    %-44s %,9d  %8.1f trials/request  | %,9d  %8.1f trips/request%n", api,
                    sweep.getOrDefault(api, 0L), per(trials, sweep.get(api)), bare.getOrDefault(api, 0L), per(trips, bare.get(api)));
        }
    }

    private static List<String> busiest(Map<String, Long> requests) {
        return requests.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static double per(long trials, Long requests) {
        return requests == null || requests == 0 ? 0 : (double) trials / requests;
    }
}
