package dev.prompttracker.bootstrap;

import com.linecorp.armeria.common.FlagsProvider;
import com.linecorp.armeria.common.util.TlsEngineType;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import java.time.Duration;

/**
 * Armeria's defaults where the product knows better; {@code -Dcom.linecorp.armeria.*} still overrides them.
 * The product serves plain HTTP (TLS ends in front of it) and its outbound calls do well with the JDK's
 * TLS, so Armeria need not probe at start-up for an OpenSSL native library the product does not ship.
 * Request metrics keep count, total and max but no in-process percentiles: Armeria's default keeps
 * several HDR histograms per route and status, over 20 MB of heap under load, and percentiles computed
 * per instance cannot be added up across instances anyway.
 */
public final class ProductArmeriaFlags implements FlagsProvider {
    @Override
    public int priority() {
        // Below the system-property provider (Integer.MAX_VALUE), above Armeria's defaults.
        return 0;
    }

    @Override
    public TlsEngineType tlsEngineType() {
        return TlsEngineType.JDK;
    }

    @Override
    public DistributionStatisticConfig distributionStatisticConfig() {
        return DistributionStatisticConfig.builder()
                .percentilesHistogram(false)
                .percentiles()
                .serviceLevelObjectives()
                .expiry(Duration.ofMinutes(3))
                .bufferLength(3)
                .build();
    }
}
