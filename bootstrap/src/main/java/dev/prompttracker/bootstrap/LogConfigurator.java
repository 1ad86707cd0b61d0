package dev.prompttracker.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import net.logstash.logback.encoder.LogstashEncoder;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The product's logging, set up in code rather than from an XML file: reading logback XML was a fifth
 * of the start-up's main-thread work. One console line per event with the request id, as text or, with
 * {@code LOG_FORMAT=json}, as one JSON object; the root level from {@code LOG_LEVEL}; chatty libraries
 * at WARN. Both variables are read like the rest of the configuration (see {@link Environment}). A file
 * named by {@code -Dlogback.configurationFile} still takes over.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] req=%reqId %logger{36} - %msg%n";
    private static final Map<String, Level> LIBRARY_LEVELS = Map.of(
            "io.netty", Level.WARN,
            "com.linecorp.armeria", Level.WARN,
            // Its one warning says to prefer reflection v1 over v1alpha; the edge serves both on purpose.
            "com.linecorp.armeria.server.grpc.GrpcServiceBuilder", Level.ERROR,
            "org.jooq", Level.WARN,
            // Micrometer cannot introspect the virtual-thread executor; nothing is wrong.
            "io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics", Level.ERROR);

    /** {@code LOG_FORMAT}: how each event is written to the console. */
    enum Format {
        TEXT, JSON;

        static Format parse(Optional<String> configured) {
            return switch (configured.orElse("text").toLowerCase(Locale.ROOT)) {
                case "text" -> TEXT;
                case "json" -> JSON;
                default -> throw new ConfigurationError("LOG_FORMAT must be text or json");
            };
        }
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        return configure(context, environment(Path.of(".dev.vars")));
    }

    ExecutionStatus configure(LoggerContext context, Environment env) {
        Format format;
        try {
            format = Format.parse(env.get("LOG_FORMAT"));
        } catch (ConfigurationError e) {
            // AppConfig refuses the value and stops the start; that message must still be readable.
            format = Format.TEXT;
        }
        Encoder<ILoggingEvent> encoder = format == Format.JSON ? jsonEncoder() : textEncoder(context);
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(env.get("LOG_LEVEL").orElse(null)));
        root.addAppender(console);
        LIBRARY_LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static Level rootLevel(String configured) {
        return configured == null || configured.isBlank() ? Level.INFO : Level.toLevel(configured.strip(), Level.INFO);
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("reqId", RequestIdConverter::new);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setLayout(layout);
        return encoder;
    }

    /**
     * Logstash's field names ({@code @timestamp}, {@code level}, {@code logger_name}, {@code message},
     * {@code stack_trace}, …), which log shippers recognise; an event's key-value pairs as fields of their
     * own (the access log's {@code route}, {@code status}, {@code latency_ms}); {@code request_id}.
     */
    private static Encoder<ILoggingEvent> jsonEncoder() {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.addProvider(new RequestIdJsonProvider());
        return encoder;
    }

    /** Like {@code Main}'s: the process environment over {@code devVars}; a broken file is Main's to report. */
    static Environment environment(Path devVars) {
        try {
            return Environment.load(System.getenv(), devVars);
        } catch (ConfigurationError | UncheckedIOException e) {
            return Environment.of(System.getenv());
        }
    }
}
