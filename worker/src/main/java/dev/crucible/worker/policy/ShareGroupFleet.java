package dev.crucible.worker.policy;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live worker count, read from the workers' share group ({@code Admin.describeShareGroups}) every
 * {@code refresh}: each worker runs several share consumers, so members are counted by worker, from their
 * client IDs ({@code <workerId>-trials-<n>}). Until the first read answers, and whenever the group cannot be
 * described, the last count stands (at first 1, this worker). A worker that joins or leaves changes every
 * worker's share within one refresh; in between, mock-llm's and the providers' 429s and reset headers are
 * what keep the fleet under the limit.
 *
 * <p>Thread-safe; {@link #liveWorkers()} never blocks. {@link #close()} stops the refresh thread.
 */
public final class ShareGroupFleet implements FleetShare, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShareGroupFleet.class);
    private static final Pattern CONSUMER_SUFFIX = Pattern.compile("-trials-\\d+$");

    private final Admin admin;
    private final String group;
    private final AtomicInteger live = new AtomicInteger(1);
    private final Thread refresher;
    private volatile boolean closed;

    private ShareGroupFleet(Admin admin, String group, Duration refresh) {
        this.admin = admin;
        this.group = group;
        this.refresher = Thread.ofPlatform().daemon().name("fleet-share-" + group).unstarted(() -> loop(refresh));
    }

    public static ShareGroupFleet start(String bootstrapServers, String group, Duration refresh, Map<String, Object> clientOverrides) {
        Map<String, Object> props = new java.util.HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        props.putAll(clientOverrides);
        ShareGroupFleet fleet = new ShareGroupFleet(Admin.create(props), group, refresh);
        fleet.refresher.start();
        return fleet;
    }

    @Override
    public int liveWorkers() {
        return live.get();
    }

    /** Distinct workers among share-group members. */
    static int workers(Collection<ShareMemberDescription> members) {
        return Math.max(1, members.stream().map(m -> CONSUMER_SUFFIX.matcher(m.clientId()).replaceFirst(""))
                .collect(Collectors.toSet()).size());
    }

    private void loop(Duration refresh) {
        while (!closed) {
            try {
                ShareGroupDescription description = admin.describeShareGroups(List.of(group)).describedGroups().get(group)
                        .get(refresh.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                int count = workers(description.members());
                int before = live.getAndSet(count);
                if (before != count) {
                    log.info("share group {}: {} live workers; each takes 1/{} of every account limit", group, count, count);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!closed) {
                    log.debug("cannot describe share group {} (keeping {} workers): {}", group, live.get(), e.toString());
                }
            }
            try {
                Thread.sleep(refresh);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        refresher.interrupt();
        try {
            refresher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
