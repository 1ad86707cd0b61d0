package dev.prompttracker.bootstrap;

import com.linecorp.armeria.common.FlagsProvider;
import com.linecorp.armeria.common.util.TlsEngineType;

/**
 * Armeria's defaults where the product knows better; {@code -Dcom.linecorp.armeria.*} still overrides them.
 * The product serves plain HTTP (TLS ends in front of it) and its outbound calls do well with the JDK's
 * TLS, so Armeria need not probe at start-up for an OpenSSL native library the product does not ship.
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
}
