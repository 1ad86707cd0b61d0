package dev.prompttracker.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogConfiguratorTest {
    @Test
    void consoleLinesCarryTheRequestIdAndLibrariesAreQuiet() {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(context.getLogger("com.linecorp.armeria.server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.prompttracker.bootstrap").getEffectiveLevel()).isEqualTo(root.getLevel());
        @SuppressWarnings("unchecked")
        ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> console =
                (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root.getAppender("CONSOLE");
        assertThat(console.isStarted()).isTrue();
        Logger logger = context.getLogger("dev.prompttracker.bootstrap.Main");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "serving", null, null);
        String line = new String(((LayoutWrappingEncoder<ch.qos.logback.classic.spi.ILoggingEvent>) console.getEncoder())
                .encode(event), StandardCharsets.UTF_8);
        assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO  \\[[^]]+] req=- "
                + "dev\\.prompttracker\\.bootstrap\\.Main - serving\\R");
    }

    @Test
    void theRootLevelComesFromLogLevelAndFallsBackToInfo() {
        assertThat(LogConfigurator.rootLevel(null)).isEqualTo(Level.INFO);
        assertThat(LogConfigurator.rootLevel(" debug ")).isEqualTo(Level.DEBUG);
        assertThat(LogConfigurator.rootLevel("WARN")).isEqualTo(Level.WARN);
        assertThat(LogConfigurator.rootLevel("loud")).isEqualTo(Level.INFO);
    }
}
