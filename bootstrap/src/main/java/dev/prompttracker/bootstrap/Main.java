package dev.prompttracker.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar prompt-tracker.jar}: serves the product on its configured (or embedded default) stores. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        AppConfig config;
        PromptTracker app;
        try {
            config = AppConfig.from(Environment.load(System.getenv(), Path.of(".dev.vars")));
            app = PromptTracker.start(config, Clock.systemUTC());
        } catch (ConfigurationError e) {
            LOG.error("configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            LOG.info("shutting down");
            app.close();
            stopped.countDown();
        }));
        LOG.info("prompt-tracker serving gRPC and REST on http://{}:{} (data in {}{})", config.bindAddress(),
                app.port(), config.dataDir(), config.docsEnabled() ? ", API docs at /docs" : "");
        stopped.await();
    }
}
