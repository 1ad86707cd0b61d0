package dev.prompttracker.bootstrap;

import dev.prompttracker.adapter.d1.migration.Migration;
import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.r2.S3BlobStore;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator commands of the runnable jar, run against the stores the configuration selects:
 * {@code migrate status|apply}, {@code doctor} and {@code r2-cors}. Each returns a process exit code.
 */
final class Commands {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int CONFIGURATION = 2;
    static final int USAGE = 64;

    static final String USAGE_TEXT = """
            usage: java -jar prompt-tracker.jar [command]
              serve            serve gRPC and REST (the default)
              migrate status   list the migrations and whether each is applied to the metadata store
                               (only reads: works while the server runs)
              migrate apply    apply the pending migrations (the server also does this at start-up;
                               refused while a server uses the embedded database)
              doctor           check each configured store with one cheap call
              r2-cors          set the R2 bucket's CORS policy from CORS_ALLOWED_ORIGINS
            The stores are chosen by the same variables as the server (METADATA_STORE, BLOB_STORE, ...).""";

    private final AppConfig config;
    private final Environment env;
    private final Clock clock;
    private final PrintStream out;

    private Commands(AppConfig config, Environment env, Clock clock, PrintStream out) {
        this.config = config;
        this.env = env;
        this.clock = clock;
        this.out = out;
    }

    /** Runs one command; {@code serve} is not one of them (the caller starts the server). */
    static int run(List<String> args, Environment env, Clock clock, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !isCommand(args)) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Commands commands;
        try {
            commands = new Commands(AppConfig.from(env), env, clock, out);
        } catch (ConfigurationError e) {
            err.println("configuration error: " + e.getMessage());
            return CONFIGURATION;
        }
        try {
            return switch (args.getFirst()) {
                case "migrate" -> "status".equals(args.get(1)) ? commands.migrationStatus() : commands.migrate(err);
                case "doctor" -> commands.doctor();
                default -> commands.bucketCors(err);
            };
        } catch (RuntimeException e) {
            err.println(args.getFirst() + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    static boolean isCommand(List<String> args) {
        return switch (args.getFirst()) {
            case "migrate" -> args.size() == 2 && List.of("status", "apply").contains(args.get(1));
            case "doctor", "r2-cors" -> args.size() == 1;
            default -> false;
        };
    }

    private int migrationStatus() {
        List<Migration> known = MigrationSource.fromClasspath();
        List<Migrator.Status> status;
        if (config.stores().metadata() == CloudConfig.Metadata.SQLITE && !Files.exists(config.databaseFile())) {
            // Not created yet, and looking must not create it.
            status = Migrator.status(known, List.of());
        } else {
            try (SqlExecutor sql = Stores.openMetadataForReading(config, clock)) {
                status = new Migrator(sql).status(known);
            }
        }
        out.println("migrations on " + metadataName() + ":");
        for (Migrator.Status migration : status) {
            out.println(switch (migration.state()) {
                case APPLIED -> "  applied  " + migration.name();
                case PENDING -> "  pending  " + migration.name();
                case APPLIED_UNKNOWN -> "  applied  " + migration.name() + "  (unknown to this build)";
            });
        }
        long unknown = status.stream().filter(m -> m.state() == Migrator.State.APPLIED_UNKNOWN).count();
        if (unknown > 0) {
            out.println(unknown + " applied migration(s) unknown to this build: the database was migrated by a newer"
                    + " build or by wrangler");
        }
        return OK;
    }

    private int migrate(PrintStream err) {
        DatabaseLock lock;
        try {
            lock = DatabaseLock.acquireFor(config, "prompt-tracker migrate apply", clock.instant()).orElse(null);
        } catch (DatabaseLock.InUse e) {
            err.println(e.getMessage() + "; stop it first, or let the server apply migrations at start-up");
            return FAILED;
        }
        // A null resource (D1: no lock here) is skipped at close.
        try (lock; SqlExecutor sql = Stores.openMetadata(config, clock)) {
            List<String> applied = new Migrator(sql).apply(MigrationSource.fromClasspath());
            out.println(applied.isEmpty() ? "no pending migrations on " + metadataName()
                    : "applied to " + metadataName() + ": " + String.join(", ", applied));
            return OK;
        } catch (Migrator.MigrationFailed e) {
            out.println("applied before the failure: " + String.join(", ", e.appliedBefore()));
            throw e;
        }
    }

    private int doctor() {
        boolean allWorking = true;
        try (Stores stores = Stores.open(config, clock, null)) {
            for (Map.Entry<String, Runnable> probe : stores.probes.entrySet()) {
                Optional<String> failure = attempt(probe.getValue());
                allWorking &= failure.isEmpty();
                out.println(String.format("%-22s %s", probe.getKey(), failure.map(f -> "FAILED: " + f).orElse("ok")));
            }
            if (allWorking) {
                long pending = new Migrator(stores.sql).status(MigrationSource.fromClasspath()).stream()
                        .filter(status -> !status.applied()).count();
                out.println(String.format("%-22s %s", "migrations", pending == 0 ? "up to date"
                        : pending + " pending (applied at the next start, or by `migrate apply`)"));
            }
        }
        return allWorking ? OK : FAILED;
    }

    private int bucketCors(PrintStream err) {
        if (config.stores().blobs() != CloudConfig.Blobs.R2) {
            err.println("r2-cors needs BLOB_STORE=r2 (blobs are in local files now)");
            return CONFIGURATION;
        }
        if (config.stores().r2Gateway().isPresent()) {
            err.println("r2-cors needs R2_TRANSPORT=s3 (it sets the bucket's CORS with its S3 keys); the product serves "
                    + "every body through its own API, so no browser reads the bucket (`npx wrangler r2 bucket cors` "
                    + "sets it if something else needs it)");
            return CONFIGURATION;
        }
        if (env.get("CORS_ALLOWED_ORIGINS").isEmpty()) {
            // The development default (localhost origins) has no place on a real bucket.
            err.println("r2-cors needs CORS_ALLOWED_ORIGINS set to the exact origins the browser app is served from");
            return CONFIGURATION;
        }
        try (Stores stores = Stores.open(config, clock, null)) {
            S3BlobStore bucket = stores.objectStore().orElseThrow();
            bucket.applyCors(config.corsAllowedOrigins());
            out.println("bucket CORS set: GET and HEAD from " + String.join(", ", config.corsAllowedOrigins()));
            return OK;
        }
    }

    private String metadataName() {
        return config.stores().metadata() == CloudConfig.Metadata.D1
                ? "D1 database " + config.stores().d1DatabaseId().orElseThrow()
                : "SQLite " + config.databaseFile();
    }

    private static Optional<String> attempt(Runnable probe) {
        try {
            probe.run();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
