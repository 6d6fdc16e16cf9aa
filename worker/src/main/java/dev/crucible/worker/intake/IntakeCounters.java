package dev.crucible.worker.intake;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What a worker's consumers did, shared by its loops; the metrics registry will read these. */
final class IntakeCounters {
    final AtomicLong published = new AtomicLong();
    final AtomicInteger inFlight = new AtomicInteger();
}
