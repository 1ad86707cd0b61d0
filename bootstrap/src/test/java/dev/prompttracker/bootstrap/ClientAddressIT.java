package dev.prompttracker.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TRUSTED_PROXIES as the product wires it: the access log names the client the proxies forwarded. */
class ClientAddressIT {
    @TempDir
    Path dataDir;

    @Test
    void theAccessLogNamesTheForwardedClientOnlyBehindATrustedProxy() throws Exception {
        ListAppender<ILoggingEvent> access = new ListAppender<>();
        access.start();
        Logger logger = (Logger) LoggerFactory.getLogger("dev.prompttracker.access");
        Level level = logger.getLevel();
        // Other tests in this JVM (S3Mock's Spring Boot) may have reconfigured logging.
        logger.setLevel(Level.INFO);
        logger.addAppender(access);
        try {
            Map<String, String> env = new HashMap<>(ProductJourneys.settings());
            env.put("DATA_DIR", dataDir.toString());
            env.put("TRUSTED_PROXIES", "127.0.0.1/32");
            try (PromptTracker app = PromptTracker.start(AppConfig.from(Environment.of(env)), Clock.systemUTC())) {
                RestClient rest = new RestClient(app.port());
                rest.send("GET", "/api/forwarded", null, null, Map.of("X-Forwarded-For", "203.0.113.9, 198.51.100.7"));
                rest.send("GET", "/api/direct", null, null, Map.of());
                List<String> lines = awaitLines(access, 2);
                assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("198.51.100.7 GET /api/forwarded 404"));
                assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("127.0.0.1 GET /api/direct 404"));
            }
        } finally {
            logger.detachAppender(access);
            logger.setLevel(level);
        }
    }

    /** The access log is written when a response has gone out, just after the client has it. */
    private static List<String> awaitLines(ListAppender<ILoggingEvent> access, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (access.list.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        synchronized (access.list) {
            return access.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
