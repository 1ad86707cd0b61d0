package dev.prompttracker.bootstrap;

import com.linecorp.armeria.common.Flags;
import com.linecorp.armeria.common.util.TlsEngineType;
import com.linecorp.armeria.common.metric.MoreMeters;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProductArmeriaFlagsTest {
    @Test
    void armeriaFindsTheProductsFlagsAndUsesTheJdksTls() {
        assertThat(System.getProperty("com.linecorp.armeria.tlsEngineType")).as("no override in this run").isNull();
        assertThat(Flags.tlsEngineType()).isEqualTo(TlsEngineType.JDK);
    }

    @Test
    void requestTimersKeepNoPercentileHistograms() {
        // How Armeria's request metrics make their timers.
        Timer timer = MoreMeters.newTimer(new SimpleMeterRegistry(), "request.duration", List.of());
        timer.record(Duration.ofMillis(3));
        assertThat(Flags.distributionStatisticConfig().isPublishingPercentiles()).isFalse();
        assertThat(Flags.distributionStatisticConfig().isPublishingHistogram()).isFalse();
        assertThat(timer.takeSnapshot().percentileValues()).isEmpty();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
    }
}
