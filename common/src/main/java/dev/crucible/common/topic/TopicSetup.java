package dev.crucible.common.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Crucible's topics and configures the workers' share group. Idempotent: coordinators and workers
 * both call it on start, in any order, any number of times.
 */
public final class TopicSetup {
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEADER_POLL = Duration.ofMillis(50);

    private final Admin admin;
    private final Topics topics;

    public TopicSetup(Admin admin, Topics topics) {
        this.admin = admin;
        this.topics = topics;
    }

    /** The shared topics and the share group's configuration; per-sweep topics come with {@link #ensureSweep}. */
    public void ensureShared() {
        create(List.of(topics.sweepsTopic(), topics.trialsTopic(), topics.deadLettersTopic(), topics.controlTopic()));
        configureWorkerGroup();
    }

    public void ensureSweep(String sweepId) {
        create(List.of(topics.resultsTopic(sweepId)));
    }

    private void create(Collection<NewTopic> wanted) {
        List<Throwable> failures = new ArrayList<>();
        admin.createTopics(wanted).values().forEach((name, future) -> {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    failures.add(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            }
        });
        if (!failures.isEmpty()) {
            IllegalStateException error = new IllegalStateException("cannot create Crucible topics: " + failures.getFirst().getMessage(), failures.getFirst());
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
        awaitLeaders(wanted.stream().map(NewTopic::name).toList());
    }

    /**
     * A producer that writes to a partition before its leader is known can stall for its whole delivery timeout
     * (NOT_LEADER, then an out-of-order sequence on the retry), so a new topic is usable only once every
     * partition has a leader.
     */
    private void awaitLeaders(List<String> names) {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        while (true) {
            try {
                boolean ready = admin.describeTopics(names).allTopicNames().get().values().stream()
                        .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                // metadata of a just-created topic may not have propagated yet: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for leaders of " + names, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leader after " + LEADER_TIMEOUT);
            }
            try {
                Thread.sleep(LEADER_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for leaders of " + names, e);
            }
        }
    }

    /**
     * Group configs must be in place before the first worker joins: the default reset policy is
     * {@code latest}, which would skip every trial already queued.
     */
    private void configureWorkerGroup() {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, topics.workerGroup());
        List<AlterConfigOp> ops = List.of(
                set("share.auto.offset.reset", "earliest"),
                // trials are published in transactions with the fan-out checkpoint: an aborted range must never run
                set("share.isolation.level", "read_committed"),
                // a trial longer than its acquisition lock is renewed by its worker, never handed to a second one
                set("share.renew.acknowledge.enable", "true"),
                set("errors.deadletterqueue.topic.name", topics.deadLetters()),
                set("errors.deadletterqueue.copy.record.enable", "true"));
        try {
            admin.incrementalAlterConfigs(Map.of(group, ops)).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot configure share group " + topics.workerGroup() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring share group " + topics.workerGroup(), e);
        }
    }

    private static AlterConfigOp set(String key, String value) {
        return new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET);
    }
}
