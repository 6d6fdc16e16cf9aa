package io.micrometer.core.instrument.binder.kafka;

import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Micrometer's Kafka client binder for a share consumer ({@code kafka_consumer_share_*}, {@code kafka_consumer_*}),
 * which {@link KafkaClientMetrics} does not take (it knows producers, consumers and admin clients). It lives in
 * Micrometer's package only because the binder's general constructor is package-private; this class is the
 * whole of that arrangement, and Crucible's meters stay in {@code dev.crucible.worker.observe}.
 *
 * <p>The supplier is read again at every refresh, so it may follow a consumer that is replaced.
 */
public final class ShareConsumerClientMetrics extends KafkaMetrics {

    public ShareConsumerClientMetrics(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        super(metrics, Tags.empty());
    }
}
