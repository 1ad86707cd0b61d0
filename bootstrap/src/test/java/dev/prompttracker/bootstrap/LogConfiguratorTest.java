package dev.prompttracker.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.util.SafeCloseable;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void withLogFormatJsonEachEventIsOneJsonObjectWithTheRequestIdAndItsKeyValuePairs() throws Exception {
        Encoder<ILoggingEvent> encoder = consoleEncoder(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "debug"));
        LoggerContext context = (LoggerContext) encoder.getContext();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
        Logger access = context.getLogger(AccessLog.LOGGER);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), access, Level.INFO, "{} {}", null,
                new Object[] {"GET", 200});
        event.addKeyValuePair(new KeyValuePair("route", "/api/prompts/:id"));
        event.addKeyValuePair(new KeyValuePair("status", 200));
        ServiceRequestContext request = ServiceRequestContext.of(HttpRequest.of(HttpMethod.GET, "/api/prompts/1"));
        String line;
        try (SafeCloseable ignored = request.push()) {
            line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        }

        assertThat(line).endsWith("\n").hasLineCount(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}.+");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("logger_name").asText()).isEqualTo(AccessLog.LOGGER);
        assertThat(json.get("message").asText()).isEqualTo("GET 200");
        assertThat(json.get("request_id").asText()).isEqualTo(request.id().text());
        assertThat(json.get("route").asText()).isEqualTo("/api/prompts/:id");
        assertThat(json.get("status").isInt()).isTrue();

        LoggingEvent outside = new LoggingEvent(Logger.class.getName(), context.getLogger("x"), Level.WARN, "idle",
                null, null);
        JsonNode idle = new ObjectMapper().readTree(encoder.encode(outside));
        assertThat(idle.get("message").asText()).isEqualTo("idle");
        assertThat(idle.has("request_id")).as("no request, no id").isFalse();
    }

    @Test
    void aBadLogFormatLeavesTextLinesSoThatTheConfigurationErrorCanBeRead() {
        assertThat(consoleEncoder(Map.of("LOG_FORMAT", "yaml"))).isInstanceOf(LayoutWrappingEncoder.class);
    }

    @Test
    void logFormatAndLogLevelAreReadFromDevVarsLikeEveryOtherSetting(@TempDir Path folder) throws Exception {
        assumeTrue(System.getenv("LOG_FORMAT") == null && System.getenv("LOG_LEVEL") == null, "the real environment wins");
        Path devVars = Files.writeString(folder.resolve(".dev.vars"), "LOG_FORMAT=json\nLOG_LEVEL=warn\n");
        Environment env = LogConfigurator.environment(devVars);
        assertThat(env.get("LOG_FORMAT")).contains("json");
        assertThat(env.get("LOG_LEVEL")).contains("warn");
        assertThat(LogConfigurator.environment(Files.writeString(folder.resolve("broken"), "no equals sign\n")).get("LOG_FORMAT"))
                .as("a broken file is Main's to report; logging starts on the process environment").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Encoder<ILoggingEvent> consoleEncoder(Map<String, String> env) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's provider gives the product's context
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        assertThat(configurator.configure(context, Environment.of(env)))
                .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return ((ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"))
                .getEncoder();
    }

    @Test
    void theRootLevelComesFromLogLevelAndFallsBackToInfo() {
        assertThat(LogConfigurator.rootLevel(null)).isEqualTo(Level.INFO);
        assertThat(LogConfigurator.rootLevel(" debug ")).isEqualTo(Level.DEBUG);
        assertThat(LogConfigurator.rootLevel("WARN")).isEqualTo(Level.WARN);
        assertThat(LogConfigurator.rootLevel("loud")).isEqualTo(Level.INFO);
    }
}
