package dev.crucible.coordinator.aggregate;

import dev.crucible.common.result.ResultStatus;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.common.wire.Json;
import dev.crucible.common.wire.MalformedMessageException;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a sweep's results topic and the dead-letter topic from the beginning, counts every trial once, and
 * streams each first result of a trial to {@code results.jsonl}. A trial the broker dead-lettered (its
 * deliveries exhausted) is finished too, unless and until a result for it arrives (after {@code crucible dlq
 * replay}); those without a result go to {@code dead-letters.jsonl}. It keeps two bits per trial and counts per
 * (model, condition) cell, so a million-trial sweep costs about 250 KB of state here. Stateless across
 * restarts: rebuilding is re-reading the topics.
 *
 * <p>Runs on its own thread from {@link #start}. {@link #awaitCounted} blocks until enough trials are counted;
 * once {@link #isComplete()}, the thread finishes and {@link #finish} publishes the files.
 */
public final class Aggregator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Aggregator.class);

    private final TrialPlan plan;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Path resultsFile;
    private final Path partialFile;
    private final OutputStream out;
    private final BitSet seen;
    /** Dead-lettered trials that have no result. */
    private final BitSet dead;
    private final Path deadLettersFile;
    private final Path deadLettersPartial;
    private final OutputStream deadOut;
    private final String deadLetterTopic;
    private final Tally tally;
    private final Spend spend;
    /** Trials whose counted result has status error: a later result replaces it ({@code resume --retry-failed}). */
    private final BitSet failed;
    /** Trials whose error result was replaced: results.jsonl keeps only their last line. */
    private final BitSet replaced;
    /** Trials republished by {@link #retrying}, awaiting their new result (or dead letter). */
    private final BitSet retrying;
    private final boolean stayOpen;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object progress = new Object();
    private Map<TopicPartition, Long> catchUpTargets;
    private volatile boolean caughtUp;
    private volatile long counted;
    private volatile long deadLettered;
    private volatile long undecodableDeadLetters;
    private volatile long errors;
    private volatile long duplicates;
    private volatile long skipped;
    private volatile long retriesOutstanding;
    private volatile long foreign;
    private volatile boolean closing;

    private Aggregator(TrialPlan plan, KafkaConsumer<String, byte[]> consumer, Path resultsFile, String deadLetterTopic, boolean stayOpen)
            throws IOException {
        this.plan = plan;
        this.consumer = consumer;
        this.resultsFile = resultsFile;
        this.partialFile = resultsFile.resolveSibling(resultsFile.getFileName() + ".partial");
        Files.createDirectories(resultsFile.getParent());
        this.out = new BufferedOutputStream(Files.newOutputStream(partialFile), 1 << 16);
        this.seen = new BitSet((int) Math.min(plan.size(), Integer.MAX_VALUE));
        this.dead = new BitSet();
        this.deadLetterTopic = deadLetterTopic;
        this.deadLettersFile = resultsFile.resolveSibling("dead-letters.jsonl");
        this.deadLettersPartial = resultsFile.resolveSibling("dead-letters.jsonl.partial");
        this.deadOut = new BufferedOutputStream(Files.newOutputStream(deadLettersPartial), 1 << 12);
        this.tally = new Tally(plan);
        this.spend = new Spend(plan);
        this.failed = new BitSet();
        this.replaced = new BitSet();
        this.retrying = new BitSet();
        this.stayOpen = stayOpen;
        this.thread = Thread.ofPlatform().name("aggregator").unstarted(this::consume);
    }

    /** Reads {@code resultsTopic} and, when not null, {@code deadLetterTopic}, both from the beginning, until complete. */
    public static Aggregator start(String bootstrapServers, String resultsTopic, String deadLetterTopic, TrialPlan plan, Path resultsFile) {
        return start(bootstrapServers, resultsTopic, deadLetterTopic, plan, resultsFile, false);
    }

    /**
     * @param stayOpen keep reading after every trial is counted, until {@link #finishAsRead} or {@link #close}: a
     *                 coordinator that may still republish failed trials ({@link #retrying}) needs their new results
     */
    public static Aggregator start(String bootstrapServers, String resultsTopic, String deadLetterTopic, TrialPlan plan, Path resultsFile,
            boolean stayOpen) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "aggregator-" + resultsTopic);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new java.util.ArrayList<>(consumer.partitionsFor(resultsTopic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
        if (deadLetterTopic != null) {
            consumer.partitionsFor(deadLetterTopic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).forEach(partitions::add);
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        try {
            Aggregator aggregator = new Aggregator(plan, consumer, resultsFile, deadLetterTopic, stayOpen);
            aggregator.catchUpTargets = consumer.endOffsets(partitions);
            aggregator.thread.start();
            return aggregator;
        } catch (IOException e) {
            consumer.close();
            throw new UncheckedIOException("cannot write " + resultsFile, e);
        }
    }

    private void consume() {
        try {
            while (!closing && (stayOpen || counted() < plan.size())) {
                for (ConsumerRecord<String, byte[]> message : consumer.poll(Duration.ofMillis(100))) {
                    count(message);
                }
                if (!caughtUp && catchUpTargets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    signal();
                }
            }
            out.flush();
            deadOut.flush();
        } catch (WakeupException e) {
            if (!closing) {
                failure.set(e);
            }
        } catch (Throwable e) {
            failure.set(e);
            log.error("aggregator stopped", e);
        } finally {
            caughtUp = true;
            signal();
        }
    }

    private void count(ConsumerRecord<String, byte[]> message) throws IOException {
        if (message.topic().equals(deadLetterTopic)) {
            deadLetter(message);
            return;
        }
        TrialResult result;
        try {
            result = Json.read(message.value(), TrialResult.class);
        } catch (MalformedMessageException e) {
            foreign++;
            log.warn("ignoring undecodable result at {}-{}@{}: {}", message.topic(), message.partition(), message.offset(), e.getMessage());
            return;
        }
        long index = result.trialIndex();
        if (index < 0 || index >= plan.size() || !plan.trial(index).trialId().equals(result.trialId())) {
            foreign++;
            log.warn("ignoring result for trial {} (index {}): not a trial of this sweep", result.trialId(), index);
            return;
        }
        spend.add(result);
        tally.spend(result);
        synchronized (seen) {
            if (seen.get((int) index) && failed.get((int) index)) {
                replaceError(result, message.value());
                return;
            }
            if (seen.get((int) index)) {
                // a trial executed twice (a worker died between publishing and acknowledging): count it once
                duplicates++;
                return;
            }
            seen.set((int) index);
            if (result.status() == ResultStatus.ERROR) {
                failed.set((int) index);
            }
            if (dead.get((int) index)) {
                // a replayed dead letter came back with a result: it is a counted result now
                dead.clear((int) index);
                deadLettered--;
                tally.deadLetter(result.model(), result.conditionId(), -1);
            }
        }
        tally.add(result);
        if (result.status() == ResultStatus.SKIPPED) {
            skipped++;
        } else if (result.harmful() == null) {
            errors++;
        }
        out.write(message.value());
        out.write('\n');
        counted++;
        if (counted % 1024 == 0 || counted() >= plan.size()) {
            signal();
        }
    }

    /**
     * A later result of a trial whose counted result is an error takes its place: the tally moves the trial out of
     * the errors, and results.jsonl will keep the later line only. Called holding the {@code seen} lock.
     */
    private void replaceError(TrialResult result, byte[] line) throws IOException {
        int index = (int) result.trialIndex();
        tally.removeError(result.model(), result.conditionId());
        errors--;
        tally.add(result);
        if (result.status() == ResultStatus.SKIPPED) {
            skipped++;
        } else if (result.harmful() == null) {
            errors++;
        }
        if (result.status() != ResultStatus.ERROR) {
            failed.clear(index);
        }
        replaced.set(index);
        settleRetry(index);
        out.write(line);
        out.write('\n');
        signal();
    }

    private void settleRetry(int index) {
        if (retrying.get(index)) {
            retrying.clear(index);
            retriesOutstanding--;
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> message) throws IOException {
        DeadLetter letter = DeadLetter.decode(message).orElse(null);
        if (letter == null) {
            undecodableDeadLetters++;
            return;
        }
        if (!letter.belongsTo(plan)) {
            return;
        }
        int index = (int) letter.trial().index();
        synchronized (seen) {
            // a retried trial that exhausted its deliveries keeps its earlier error result
            settleRetry(index);
            if (seen.get(index) || dead.get(index)) {
                signal();
                return;
            }
            dead.set(index);
        }
        tally.deadLetter(letter.trial().model().id(), letter.trial().condition().id(), +1);
        deadOut.write(Json.write(letter.line()));
        deadOut.write('\n');
        deadLettered++;
        signal();
    }

    private void signal() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Blocks until at least {@code trials} are finished (see {@link #counted()}), the aggregator failed, or the timeout passed. */
    public boolean awaitCounted(long trials, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (counted() < trials && failure.get() == null && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
            }
        }
        throwIfFailed();
        return counted() >= trials;
    }

    /** Blocks until the results that were in the topic when this aggregator started are counted. */
    public void awaitCaughtUp() throws InterruptedException {
        synchronized (progress) {
            while (!caughtUp) {
                progress.wait(50);
            }
        }
        throwIfFailed();
    }

    /** True when trial {@code index} already has a result; meaningful for what was read so far. */
    public boolean hasResult(long index) {
        synchronized (seen) {
            return seen.get((int) index);
        }
    }

    /** Indexes of trials whose counted result has status error, as read so far, in order. */
    public long[] failedTrials() {
        synchronized (seen) {
            return failed.stream().asLongStream().toArray();
        }
    }

    /**
     * Marks a trial about to be published again ({@code resume --retry-failed}): it is outstanding until its new result
     * (which replaces the error) or a dead letter arrives. Start the aggregator with {@code stayOpen} to use this.
     */
    public void retrying(long index) {
        synchronized (seen) {
            if (!retrying.get((int) index)) {
                retrying.set((int) index);
                retriesOutstanding++;
            }
        }
    }

    /** Trials marked {@link #retrying} that have neither a new result nor a dead letter yet. */
    public long retriesOutstanding() {
        return retriesOutstanding;
    }

    /** Blocks until at most {@code outstanding} retries are outstanding, the aggregator failed, or the timeout passed. */
    public boolean awaitRetries(long outstanding, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (retriesOutstanding > outstanding && failure.get() == null && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
            }
        }
        throwIfFailed();
        return retriesOutstanding <= outstanding;
    }

    /** Results that say the trial was skipped (its sweep was cancelled). */
    public long skipped() {
        return skipped;
    }

    /** Tokens and cost per model so far, in plan order. */
    public List<ModelSpend> spend() {
        return spend.byModel();
    }

    /** Every trial has a result or was dead-lettered. */
    public boolean isComplete() {
        return counted() >= plan.size();
    }

    /**
     * Trials finished: those with a result plus those dead-lettered without one. The fan-out's window counts
     * both as no longer outstanding.
     */
    public long counted() {
        return counted + deadLettered;
    }

    /** Trials with a result. */
    public long results() {
        return counted;
    }

    /** Dead-lettered trials that have no result. */
    public long deadLettered() {
        return deadLettered;
    }

    /** Dead-letter records that are not trial messages (poison messages the workers rejected), of any sweep. */
    public long undecodableDeadLetters() {
        return undecodableDeadLetters;
    }

    /** Trials whose result is an error, or whose classifier could not decide. */
    public long errors() {
        return errors;
    }

    public long duplicates() {
        return duplicates;
    }

    /** What is counted now; safe from any thread while the aggregator runs. */
    public SweepSnapshot snapshot() {
        return new SweepSnapshot(plan.sweep().sweepId(), plan.models().stream().anyMatch(m -> m.simulated()), plan.size(),
                counted, deadLettered, errors, duplicates, tally.rates(), tally.awareness(), skipped, spend.byModel());
    }

    /**
     * For a report of whatever the topics hold (the sweep may be unfinished): waits until what was in them at
     * start is read, stops reading, and finishes as {@link #finish} does.
     */
    public List<HarmRate> finishAsRead() throws InterruptedException {
        awaitCaughtUp();
        closing = true;
        return finish();
    }

    /** Moves results.jsonl into place and returns the harm rates; call once complete. */
    public List<HarmRate> finish() throws InterruptedException {
        thread.join();
        throwIfFailed();
        try {
            out.close();
            if (!replaced.isEmpty()) {
                keepLastLinesOfReplaced();
            }
            Files.move(partialFile, resultsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            deadOut.close();
            writeDeadLetters();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + resultsFile, e);
        }
        return tally.rates();
    }

    /**
     * A trial whose error result was replaced has several lines; only its last is its result. Two streaming passes,
     * holding line numbers of replaced trials only; run only when something was replaced.
     */
    private void keepLastLinesOfReplaced() throws IOException {
        Map<Integer, Long> lastLine = new HashMap<>();
        long number = 0;
        try (var lines = Files.newBufferedReader(partialFile)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine(), number++) {
                int index = (int) Json.mapper().readTree(line).get("trialIndex").asLong();
                if (replaced.get(index)) {
                    lastLine.put(index, number);
                }
            }
        }
        Path kept = partialFile.resolveSibling(partialFile.getFileName() + ".kept");
        number = 0;
        try (var lines = Files.newBufferedReader(partialFile); var writer = Files.newBufferedWriter(kept)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine(), number++) {
                int index = (int) Json.mapper().readTree(line).get("trialIndex").asLong();
                if (!replaced.get(index) || lastLine.get(index) == number) {
                    writer.write(line);
                    writer.write('\n');
                }
            }
        }
        Files.move(kept, partialFile, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Keeps the dead-letter lines of trials that still have no result (a result may have come after). Streamed
     * through a second file: a sweep whose every trial was dead-lettered has as many lines as trials.
     */
    private void writeDeadLetters() throws IOException {
        Path kept = resultsFile.resolveSibling("dead-letters.jsonl.kept");
        try (BufferedReader in = Files.newBufferedReader(deadLettersPartial, StandardCharsets.UTF_8);
             BufferedWriter keep = Files.newBufferedWriter(kept, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                long index = Json.mapper().readTree(line).get("trialIndex").asLong();
                if (dead.get((int) index)) {
                    keep.write(line);
                    keep.write('\n');
                }
            }
        }
        Files.delete(deadLettersPartial);
        Files.move(kept, deadLettersFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void throwIfFailed() {
        Throwable cause = failure.get();
        if (cause != null) {
            throw new IllegalStateException("aggregator failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        try {
            out.close();
            deadOut.close();
        } catch (IOException e) {
            log.warn("cannot close {}: {}", partialFile, e.toString());
        }
    }
}
