package dev.crucible.coordinator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one run of the bare Kafka trip measured ({@link BareTrip}).
 *
 * @param trips          records sent, each to make the trip once
 * @param trialBytes     payload size of a trials-like record
 * @param resultBytes    payload size of a result record
 * @param elapsed        from the first send to the last result counted
 * @param cpu            CPU time of this JVM (broker, clients, GC, JIT) during {@code elapsed}
 * @param gc             collection time the JVM's collectors reported during {@code elapsed}
 * @param jit            compilation time the JIT reported during {@code elapsed}
 * @param cpuByRole      that CPU time by the role of the thread that spent it, named as in the sweep
 * @param brokerRequests requests the broker handled during {@code elapsed}, by API
 * @param otherCores     cores kept busy by other processes on the machine during {@code elapsed}, if known
 * @param polled         records the share consumers were handed (redeliveries included)
 * @param redelivered    of those, records handed over a second time or more (0 expected)
 * @param accepted       records ACCEPTed once their result was acknowledged
 * @param failed         results the broker did not acknowledge, their records RELEASEd (0 expected)
 * @param distinct       distinct keys the counting consumer read from the results topic
 * @param resultRecords  records the results topic holds at the end (duplicates included)
 */
record BareTripMeasurement(long trips, int trialBytes, int resultBytes, Duration elapsed, Duration cpu, Duration gc, Duration jit,
                           Map<String, Duration> cpuByRole, Map<String, Long> brokerRequests, OptionalDouble otherCores,
                           long polled, long redelivered, long accepted, long failed, long distinct, long resultRecords) {

    double tripsPerSecond() {
        return trips / (elapsed.toNanos() / 1e9);
    }

    /** What departs from "every record made the trip exactly once"; empty when each did. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        check(problems, "records handed to the share consumers", polled);
        check(problems, "records ACCEPTed after their result's ack", accepted);
        check(problems, "distinct keys counted on the results topic", distinct);
        check(problems, "records on the results topic", resultRecords);
        if (redelivered > 0) {
            problems.add(redelivered + " records delivered more than once");
        }
        if (failed > 0) {
            problems.add(failed + " results not acknowledged by the broker");
        }
        return problems;
    }

    private void check(List<String> problems, String what, long count) {
        if (count != trips) {
            problems.add(what + ": " + count + ", expected " + trips);
        }
    }
}
