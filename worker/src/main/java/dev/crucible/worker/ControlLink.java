package dev.crucible.worker;

import dev.crucible.common.control.ControlChannel;
import dev.crucible.common.control.ControlMessage;
import dev.crucible.common.control.ModelPause;
import dev.crucible.common.control.SweepCommand;
import dev.crucible.worker.policy.FleetPauses;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker takes from the control topic and gives to it: cancelled sweeps (their queued trials are skipped)
 * and model pauses shared by the fleet. Logs each pause another worker announced, once, so an operator reading
 * any worker's log sees why a model's trials end as errors.
 */
final class ControlLink implements FleetPauses {
    private static final Logger log = LoggerFactory.getLogger(ControlLink.class);

    private final ControlChannel channel;
    private final String workerId;
    private final InstantSource clock;

    ControlLink(ControlChannel channel, String workerId, InstantSource clock) {
        this.channel = channel;
        this.workerId = workerId;
        this.clock = clock;
        channel.onMessage(this::observe);
    }

    boolean cancelled(String sweepId) {
        return channel.cancelled(sweepId);
    }

    @Override
    public Optional<Pause> find(String policy) {
        return channel.modelPause(policy, clock.millis()).map(p -> new Pause(p.reason(), p.untilMs(), p.by()));
    }

    @Override
    public void announce(String policy, String modelId, String reason, long untilMs) {
        try {
            channel.publish(new ModelPause(policy, modelId, reason, untilMs, workerId, clock.millis()));
        } catch (RuntimeException e) {
            log.warn("could not tell the fleet that {} is paused ({}); other workers will find out by their own calls", policy, e.getMessage());
        }
    }

    private void observe(ControlMessage message) {
        switch (message) {
            case ModelPause pause when !workerId.equals(pause.by()) && pause.activeAt(clock.millis()) ->
                    log.warn("{} paused across the fleet until {} (found by worker {}): {}. This worker calls it no more; its trials end "
                            + "as quota_exhausted errors, which `crucible resume <sweepId> --retry-failed` runs again once the quota is "
                            + "back. Other models go on.", pause.policy(), Instant.ofEpochMilli(pause.untilMs()), pause.by(), pause.reason());
            case SweepCommand command when command.action() == SweepCommand.Action.CANCEL ->
                    log.info("sweep {} cancelled: its queued trials are acknowledged as skipped, not run", command.sweepId());
            default -> {
            }
        }
    }
}
