package dev.prompttracker.bootstrap;

import dev.prompttracker.adapter.d1.migration.MigrationSource;
import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.sun.net.httpserver.HttpServer;
import dev.prompttracker.adapter.d1.sql.D1SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar's operator commands against the embedded stores and against the Cloudflare stand-ins. */
class CommandsTest {
    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(CloudflareStack.BUCKET).build();

    @TempDir
    Path folder;
    private CloudflareStack stack;
    private Path dataDir;

    @BeforeEach
    void startStandIns() {
        dataDir = folder.resolve("data");
        stack = new CloudflareStack(folder.resolve("cloudflare"), S3.getServiceEndpoint());
    }

    @AfterEach
    void stopStandIns() {
        stack.close();
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Commands.run(List.of(args), Environment.of(env), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> local() {
        return Map.of("DATA_DIR", dataDir.toString());
    }

    @Test
    void migrateListsThenAppliesTheMigrationsToLocalSqlite() {
        Outcome before = run(local(), "migrate", "status");
        assertThat(before.exitCode()).isZero();
        assertThat(before.out()).contains("pending  0001_prompt_tracker.sql", "pending  0002_content_product.sql")
                .doesNotContain("applied  ");

        Outcome apply = run(local(), "migrate", "apply");
        assertThat(apply.exitCode()).isZero();
        assertThat(apply.out()).contains("0001_prompt_tracker.sql, 0002_content_product.sql");

        assertThat(run(local(), "migrate", "status").out()).contains("applied  0001_prompt_tracker.sql")
                .doesNotContain("pending");
        assertThat(run(local(), "migrate", "apply").out()).contains("no pending migrations");
    }

    @Test
    void migrateAppliesToD1ThroughTheApiWithOneCallPerFile() {
        Map<String, String> env = stack.environment(dataDir);
        stack.cloudflare.clearJournal();
        Outcome apply = run(env, "migrate", "apply");
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("applied to D1 database " + CloudflareStack.DATABASE);
        long queries = stack.cloudflare.journal().stream().filter(call -> call.path().contains("/d1/")).count();
        // Reading d1_migrations, then one call per migration file with its bookkeeping insert.
        assertThat(queries).isLessThanOrEqualTo(2 + MigrationSource.fromClasspath().size());

        Outcome status = run(env, "migrate", "status");
        assertThat(status.out()).contains("applied  0002_content_product.sql").doesNotContain("pending");
    }

    @Test
    void statusWorksWhileAServerHoldsTheDatabase() {
        try (PromptTracker server = new EmbeddedDeployment(dataDir).start()) {
            Outcome status = run(local(), "migrate", "status");
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("applied  0001_prompt_tracker.sql", "applied  0002_content_product.sql")
                    .doesNotContain("pending");
            assertThat(new RestClient(server.port()).get("/healthz", null).status()).isEqualTo(200);
        }
    }

    @Test
    void applyAgainstARunningServersDatabaseIsRefusedAndChangesNothing() throws Exception {
        Path database = dataDir.resolve("prompt-tracker.sqlite");
        try (PromptTracker server = new EmbeddedDeployment(dataDir).start()) {
            String before = schemaAndMigrations(database);
            Outcome apply = run(local(), "migrate", "apply");
            assertThat(apply.exitCode()).isEqualTo(Commands.FAILED);
            assertThat(apply.err()).contains("the database " + database + " is in use by a running prompt-tracker",
                    "stop it first, or let the server apply migrations at start-up").doesNotContain("Exception");
            assertThat(apply.out()).isEmpty();
            assertThat(schemaAndMigrations(database)).isEqualTo(before);
        }
        // Once the server has stopped, the same command goes ahead.
        Outcome afterwards = run(local(), "migrate", "apply");
        assertThat(afterwards.exitCode()).as(afterwards.err()).isZero();
        assertThat(afterwards.out()).contains("no pending migrations");
    }

    @Test
    void statusMarksAppliedMigrationsThisBuildDoesNotKnowOnSqlite() throws Exception {
        assertThat(run(local(), "migrate", "apply").exitCode()).isZero();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("prompt-tracker.sqlite"));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO d1_migrations (name) VALUES ('0009_future.sql')");
        }
        Outcome status = run(local(), "migrate", "status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("applied  0001_prompt_tracker.sql", "applied  0009_future.sql  (unknown to this build)")
                .doesNotContain("0001_prompt_tracker.sql  (unknown");
    }

    @Test
    void statusMarksAppliedMigrationsThisBuildDoesNotKnowOnD1() {
        Map<String, String> env = stack.environment(dataDir);
        assertThat(run(env, "migrate", "apply").exitCode()).isZero();
        // As wrangler records a file of a newer migrations folder.
        new D1SqlExecutor(stack.cloudflare.client(Clock.systemUTC()), CloudflareStack.DATABASE)
                .write(SqlStatement.of("INSERT INTO d1_migrations (name) VALUES (?)", "0009_future.sql"));
        Outcome status = run(env, "migrate", "status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("applied  0002_content_product.sql", "applied  0009_future.sql  (unknown to this build)")
                .doesNotContain("pending");
    }

    /** The schema and the bookkeeping rows, read through a connection of the test's own. */
    private static String schemaAndMigrations(Path database) throws Exception {
        StringBuilder state = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement()) {
            for (String query : List.of("SELECT type, name, sql FROM sqlite_master ORDER BY name",
                    "SELECT id, name, applied_at FROM d1_migrations ORDER BY id")) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    while (rows.next()) {
                        state.append(rows.getString(1)).append('|').append(rows.getString(2)).append('|')
                                .append(rows.getString(3)).append('\n');
                    }
                }
            }
        }
        return state.toString();
    }

    @Test
    void doctorReportsEveryConfiguredStoreWorking() {
        Outcome outcome = run(stack.environment(dataDir), "doctor");
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("metadata \\(d1\\) +ok").containsPattern("blobs \\(r2\\) +ok")
                .containsPattern("quotas \\(kv\\) +ok").containsPattern("queue \\(cloudflare\\) +ok")
                .containsPattern("mail \\(sendgrid\\) +ok")
                .contains(MigrationSource.fromClasspath().size() + " pending");
    }

    @Test
    void doctorNamesTheStoresThatDoNotWork() {
        Map<String, String> env = new HashMap<>(stack.environment(dataDir));
        env.put("CLOUDFLARE_API_TOKEN", "revoked-token");
        env.put("SENDGRID_API_KEY", "SG.wrong");
        Outcome outcome = run(env, "doctor");
        assertThat(outcome.exitCode()).isEqualTo(Commands.FAILED);
        assertThat(outcome.out()).containsPattern("metadata \\(d1\\) +FAILED")
                .containsPattern("quotas \\(kv\\) +FAILED").containsPattern("queue \\(cloudflare\\) +FAILED")
                .containsPattern("mail \\(sendgrid\\) +FAILED").containsPattern("blobs \\(r2\\) +ok")
                .doesNotContain("revoked-token", "SG.wrong");
    }

    @Test
    void doctorOnTheEmbeddedDefaultsNeedsNoAccount() {
        Outcome outcome = run(local(), "doctor");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).containsPattern("metadata \\(sqlite\\) +ok").containsPattern("mail \\(outbox\\) +ok");
    }

    @Test
    void r2CorsSendsTheBucketPolicyFromTheAllowedOrigins() throws Exception {
        // S3Mock has no bucket CORS, so a recording server takes R2's place for this one call.
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer r2 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        r2.createContext("/", exchange -> {
            try (exchange) {
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        r2.start();
        try {
            Map<String, String> env = new HashMap<>(stack.environment(dataDir));
            env.put("CORS_ALLOWED_ORIGINS", "https://app.example,https://admin.example");
            env.put("R2_ENDPOINT", "http://127.0.0.1:" + r2.getAddress().getPort());
            Outcome outcome = run(env, "r2-cors");
            assertThat(outcome.exitCode()).as(outcome.err()).isZero();
            assertThat(outcome.out()).contains("https://app.example, https://admin.example");
            assertThat(seen).singleElement().asString()
                    .startsWith("PUT /" + CloudflareStack.BUCKET + "?cors")
                    .contains("<AllowedOrigin>https://app.example</AllowedOrigin>",
                            "<AllowedOrigin>https://admin.example</AllowedOrigin>", "<AllowedMethod>GET</AllowedMethod>");
        } finally {
            r2.stop(0);
        }
    }

    @Test
    void r2CorsRefusesWhenBlobsAreNotInR2OrNoOriginIsAllowed() {
        assertThat(run(local(), "r2-cors").err()).contains("needs BLOB_STORE=r2");
        assertThat(run(stack.environment(dataDir), "r2-cors").err()).contains("needs CORS_ALLOWED_ORIGINS");
    }

    @Test
    void r2CorsRefusesWhenBodiesGoThroughTheGatewayWhichHoldsNoS3Keys() {
        Map<String, String> env = new HashMap<>(local());
        env.putAll(Map.of("BLOB_STORE", "r2", "R2_TRANSPORT", "gateway", "GATEWAY_URL", "http://127.0.0.1:9",
                "GATEWAY_SECRET", "s".repeat(40), "CORS_ALLOWED_ORIGINS", "https://app.example"));
        Outcome outcome = run(env, "r2-cors");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("r2-cors needs R2_TRANSPORT=s3", "serves every body through its own API");
    }

    @Test
    void aMissingCredentialIsAConfigurationErrorNamingTheVariable() {
        Map<String, String> env = new HashMap<>(stack.environment(dataDir));
        env.remove("D1_DATABASE_ID");
        Outcome outcome = run(env, "doctor");
        assertThat(outcome.exitCode()).isEqualTo(Commands.CONFIGURATION);
        assertThat(outcome.err()).contains("METADATA_STORE=d1 needs D1_DATABASE_ID");
    }

    @Test
    void anUnknownCommandPrintsTheUsage() {
        Outcome outcome = run(local(), "migrate", "sideways");
        assertThat(outcome.exitCode()).isEqualTo(Commands.USAGE);
        assertThat(outcome.err()).contains("migrate status", "doctor", "r2-cors");
    }
}
