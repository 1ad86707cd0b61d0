package dev.prompttracker.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.read.ListAppender;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.util.SafeCloseable;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.adapter.mail.OutboxMailSender;
import dev.prompttracker.adapter.mail.SenderAddress;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's code logs through {@link System.Logger}; slf4j-jdk-platform-logging hands each call to
 * logback under the same logger name, so levels, the request id and the console line are those of SLF4J
 * callers.
 */
class LoggingRouteTest {
    private static final String PRODUCT = "dev.prompttracker";

    @TempDir
    Path folder;
    // Attached below the root: other tests in this JVM (S3Mock's Spring Boot) may reconfigure the root.
    private final Logger product = (Logger) LoggerFactory.getLogger(PRODUCT);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void capture() {
        levelBefore = product.getLevel();
        product.setLevel(Level.INFO);
        captured.start();
        product.addAppender(captured);
    }

    @AfterEach
    void release() {
        product.detachAppender(captured);
        captured.stop();
        product.setLevel(levelBefore);
    }

    @Test
    void theJdksLoggerFinderIsSlf4js() {
        assertThat(System.LoggerFinder.getLoggerFinder().getClass().getName())
                .isEqualTo("org.slf4j.jdk.platform.logging.SLF4JSystemLoggerFinder");
    }

    @Test
    void anAdaptersLineReachesLogbackUnderItsClassNameAndPrintsAsTheConsoleLine() {
        OutboxMailSender outbox = new OutboxMailSender(folder, new SenderAddress("Tracker", "noreply@example.com"),
                Clock.systemUTC());
        MailMessage message = new MailMessage(Email.parse("reader@example.com"), "Hello", "text");
        outbox.send(message, "job-1");
        outbox.send(message, "job-1");

        ILoggingEvent again = eventsOf(OutboxMailSender.class.getName()).getLast();
        assertThat(again.getLevel()).isEqualTo(Level.INFO);
        assertThat(again.getFormattedMessage()).isEqualTo("mail job-1 already in the outbox; not written again");
        assertThat(consoleLine(again)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO  \\[[^]]+] "
                + "req=- d\\.p\\.adapter\\.mail\\.OutboxMailSender - mail job-1 already in the outbox; not written again\\R");
    }

    @Test
    void levelsAreLogbacksAndWarningIsWarn() {
        System.Logger logger = System.getLogger(PRODUCT + ".Levels");
        assertThat(logger.isLoggable(System.Logger.Level.DEBUG)).isFalse();
        logger.log(System.Logger.Level.DEBUG, "not printed at INFO");
        logger.log(System.Logger.Level.WARNING, "printed");
        assertThat(eventsOf(PRODUCT + ".Levels")).singleElement()
                .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));

        product.setLevel(Level.DEBUG);
        assertThat(logger.isLoggable(System.Logger.Level.DEBUG)).isTrue();
    }

    @Test
    void theRequestIdAndTheCauseTravelWithTheLine() {
        ServiceRequestContext ctx = ServiceRequestContext.of(HttpRequest.of(HttpMethod.GET, "/api/prompts"));
        String line;
        ILoggingEvent event;
        try (SafeCloseable ignored = ctx.push()) {
            System.getLogger(PRODUCT + ".Failing").log(System.Logger.Level.ERROR, () -> "request failed",
                    new IllegalStateException("boom"));
            event = eventsOf(PRODUCT + ".Failing").getFirst();
            line = consoleLine(event); // the console appender prints on the logging thread, inside the request
        }
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("boom");
        assertThat(line).contains(" ERROR [", " req=" + ctx.id().text() + " ", " - request failed");
    }

    @Test
    void aMessageBuiltByASupplierIsPrintedVerbatim() {
        // With {0} parameters the bridge would run MessageFormat (1234 → "1,234", a quote ' vanishes) and logback
        // would substitute "{}" once more; a built message takes neither route.
        String line = "203.0.113.9 GET /api/{}/it's 200 1234ms";
        System.getLogger(PRODUCT + ".access").log(System.Logger.Level.INFO, () -> line);
        assertThat(eventsOf(PRODUCT + ".access")).singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage()).isEqualTo(line));
    }

    private List<ILoggingEvent> eventsOf(String loggerName) {
        synchronized (captured) {
            return captured.list.stream().filter(event -> event.getLoggerName().equals(loggerName)).toList();
        }
    }

    /** The line the product's console appender prints for an event. */
    @SuppressWarnings("unchecked")
    private static String consoleLine(ILoggingEvent event) {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        configurator.configure(context);
        ConsoleAppender<ILoggingEvent> console =
                (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        return new String(((LayoutWrappingEncoder<ILoggingEvent>) console.getEncoder()).encode(event),
                StandardCharsets.UTF_8);
    }
}
