package dev.prompttracker.bootstrap;

import com.linecorp.armeria.common.Flags;
import com.linecorp.armeria.common.util.TlsEngineType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProductArmeriaFlagsTest {
    @Test
    void armeriaFindsTheProductsFlagsAndUsesTheJdksTls() {
        assertThat(System.getProperty("com.linecorp.armeria.tlsEngineType")).as("no override in this run").isNull();
        assertThat(Flags.tlsEngineType()).isEqualTo(TlsEngineType.JDK);
    }
}
