package dev.crucible.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallDeadlinesTest {

    @Test
    void aCallThatEndsInTimeKeepsItsThreadUninterrupted() {
        try (CallDeadlines deadlines = new CallDeadlines()) {
            for (int i = 0; i < 1000; i++) {
                CallDeadlines.Deadline deadline = deadlines.start(Duration.ofMinutes(5));
                assertThat(deadline.finish()).isTrue();
            }
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void anOverrunCallIsInterruptedAndItsInterruptTakenBack() {
        try (CallDeadlines deadlines = new CallDeadlines()) {
            CallDeadlines.Deadline deadline = deadlines.start(Duration.ofMillis(20));

            assertThatThrownBy(() -> Thread.sleep(Duration.ofMinutes(1))).isInstanceOf(InterruptedException.class);
            assertThat(deadline.finish()).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void sweepsAgainForCallsStartedAfterAnIdleSpell() {
        try (CallDeadlines deadlines = new CallDeadlines()) {
            assertThat(deadlines.start(Duration.ofMinutes(5)).finish()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !deadlines.sweeping());
            CallDeadlines.Deadline deadline = deadlines.start(Duration.ofMillis(20));

            assertThatThrownBy(() -> Thread.sleep(Duration.ofMinutes(1))).isInstanceOf(InterruptedException.class);
            assertThat(deadline.finish()).isFalse();
        }
    }
}
