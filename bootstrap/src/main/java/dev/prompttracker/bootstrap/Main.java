package dev.prompttracker.bootstrap;

import dev.prompttracker.adapter.http.HttpEdge;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar prompt-tracker.jar [serve]}: serves the product on its configured (or embedded
 * default) stores; with {@code migrate}, {@code doctor} or {@code r2-cors} runs that operator command instead.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Environment env = Environment.load(System.getenv(), Path.of(".dev.vars"));
        if (args.length > 0 && !(args.length == 1 && "serve".equals(args[0]))) {
            // The operator commands answer on the console: that is their whole output.
            System.exit(Commands.run(List.of(args), env, Clock.systemUTC(), System.out, System.err));
            return;
        }
        Launcher.followLauncher(env);
        Launcher.tightenRecording(env);
        // Logging first (set up in code, it is quick), so that no thread logs while it is being set up;
        // then the edge's one-time set-up, which overlaps with opening the stores.
        System.Logger log = System.getLogger(Main.class.getName());
        HttpEdge.warmUpInBackground();
        AppConfig config;
        PromptTracker app;
        try {
            config = AppConfig.from(env);
            app = PromptTracker.start(config, Clock.systemUTC());
        } catch (ConfigurationError e) {
            log.log(System.Logger.Level.ERROR, "configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            log.log(System.Logger.Level.INFO, "shutting down");
            app.close();
            stopped.countDown();
        }));
        log.log(System.Logger.Level.INFO, "prompt-tracker serving gRPC and REST on http://" + config.bindAddress() + ":"
                + app.port() + " (data in " + config.dataDir() + (config.docsEnabled() ? ", API docs at /docs" : "") + ")");
        if (Launcher.dropUnusableCache(env)) {
            log.log(System.Logger.Level.INFO, "the JVM could not use its class-data cache in " + ChildJvm.cacheFolder(env)
                    + " (another JDK build?); removed, the next start makes a new one");
        }
        stopped.await();
    }
}
