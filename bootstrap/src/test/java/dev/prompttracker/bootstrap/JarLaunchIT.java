package dev.prompttracker.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable jar as a new user starts it: {@code java -jar bootstrap/target/prompt-tracker.jar}
 * in an empty folder, no configuration but the port; migrations applied into wrangler's table.
 */
class JarLaunchIT {
    @TempDir
    Path workDir;

    @Test
    void theJarStartsOnTheEmbeddedDefaultsAndStopsGracefully() throws Exception {
        Path jar = Path.of("target", "prompt-tracker.jar").toAbsolutePath();
        assertThat(jar).exists();
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("server.log").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().remove("DATA_DIR");
        builder.environment().remove("JWT_SECRET");
        Process server = builder.start();
        try {
            waitForHealth(port, Duration.ofSeconds(60));
            RestClient rest = new RestClient(port);
            var registered = rest.post("/api/auth/register", null,
                    Map.of("username", "newuser", "email", "new@example.com", "password", "correct horse battery"));
            assertThat(registered.status()).isEqualTo(200);
            String token = registered.body().get("accessToken").asText();
            assertThat(rest.post("/api/prompts", token, Map.of("content", "from the jar")).status()).isEqualTo(200);
            EmbeddedDeployment.assertOwnerOnly(workDir.resolve("data"));
        } finally {
            server.destroy();
            // The first run of a DATA_DIR also assembles the JVM's class-data cache as it stops.
            assertThat(server.waitFor(120, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        Path data = workDir.resolve("data");
        assertThat(data.resolve("jwt-secret")).exists();
        List<String> migrations = new ArrayList<>();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("prompt-tracker.sqlite"));
             var rows = connection.createStatement().executeQuery("SELECT name, applied_at FROM d1_migrations ORDER BY id")) {
            while (rows.next()) {
                migrations.add(rows.getString(1));
                assertThat(rows.getString(2)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            }
        }
        assertThat(migrations).contains("0001_prompt_tracker.sql");
        String log = Files.readString(workDir.resolve("server.log"));
        assertThat(log).contains("serving gRPC and REST").doesNotContain("Exception");
    }

    @Test
    void withLogFormatJsonEveryLineIsOneJsonObjectAndTheAccessLineCarriesRouteStatusAndLatency() throws Exception {
        Path jar = Path.of("target", "prompt-tracker.jar").toAbsolutePath();
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Path logFile = workDir.resolve("server.jsonl");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectOutput(logFile.toFile())
                .redirectError(workDir.resolve("jvm-stderr.log").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("LOG_FORMAT", "json");
        builder.environment().remove("LOG_LEVEL");
        builder.environment().remove("DATA_DIR");
        builder.environment().remove("JWT_SECRET");
        Process server = builder.start();
        String requestId;
        try {
            waitForHealth(port, Duration.ofSeconds(60));
            RestClient.Reply registered = new RestClient(port).post("/api/auth/register", null,
                    Map.of("username", "jsonlogs", "email", "json@example.com", "password", "correct horse battery"));
            assertThat(registered.status()).isEqualTo(200);
            requestId = registered.header("x-request-id");
            assertThat(requestId).isNotBlank();
        } finally {
            server.destroy();
            assertThat(server.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(logFile)) {
            JsonNode event = json.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.get("@timestamp").asText()).as(line).isNotBlank();
            assertThat(event.get("level").asText()).as(line).isIn("ERROR", "WARN", "INFO");
            assertThat(event.get("logger_name").asText()).as(line).isNotBlank();
            assertThat(event.has("message")).as(line).isTrue();
            lines.add(event);
        }
        assertThat(lines).anySatisfy(event -> assertThat(event.get("message").asText()).contains("serving gRPC and REST"));
        List<JsonNode> accessLines = lines.stream()
                .filter(event -> event.get("logger_name").asText().equals("dev.prompttracker.access"))
                .filter(event -> requestId.equals(event.path("request_id").asText()))
                .toList();
        assertThat(accessLines).as("one access line, with the id of the response's x-request-id").hasSize(1);
        JsonNode access = accessLines.getFirst();
        assertThat(access.get("method").asText()).isEqualTo("POST");
        assertThat(access.get("route").asText()).isEqualTo("/api/auth/register");
        assertThat(access.get("status").asInt()).isEqualTo(200);
        assertThat(access.get("latency_ms").isNumber()).isTrue();
        assertThat(access.get("latency_ms").asDouble()).isPositive();
        assertThat(access.get("message").asText()).contains("POST /api/auth/register 200");
    }

    @Test
    void aLogFormatOtherThanTextOrJsonStopsTheStartNamingTheVariable() throws Exception {
        Path jar = Path.of("target", "prompt-tracker.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(freePort()));
        builder.environment().put("LOG_FORMAT", "yaml");
        builder.environment().remove("DATA_DIR");
        String said = exitsWithCode(builder, 2);
        assertThat(said).contains("configuration error: LOG_FORMAT must be text or json").doesNotContain("serving");
    }

    @Test
    void theJarRefusesAPassphraseAsJwtSecretAndAKeyFileOthersCanRead() throws Exception {
        Path jar = Path.of("target", "prompt-tracker.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        String passphrase = "correct horse battery staple and some more words";
        ProcessBuilder withPassphrase = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(workDir.toFile()).redirectErrorStream(true);
        withPassphrase.environment().put("PORT", Integer.toString(freePort()));
        withPassphrase.environment().remove("DATA_DIR");
        withPassphrase.environment().put("JWT_SECRET", passphrase);
        String said = exitsWithCode(withPassphrase, 2);
        assertThat(said).contains("JWT_SECRET", "openssl rand -base64 32").doesNotContain(passphrase, "serving");

        Path keyFile = Files.createDirectories(workDir.resolve("data")).resolve("jwt-secret");
        Files.writeString(keyFile, AppConfigTest.JWT_SECRET);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        ProcessBuilder withLooseKey = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(workDir.toFile()).redirectErrorStream(true);
        withLooseKey.environment().put("PORT", Integer.toString(freePort()));
        withLooseKey.environment().remove("DATA_DIR");
        withLooseKey.environment().remove("JWT_SECRET");
        String told = exitsWithCode(withLooseKey, 2);
        assertThat(told).contains("chmod 600 " + keyFile.toRealPath()).doesNotContain("serving");
    }

    /** Runs the process to its end (one that keeps serving fails the test instead of hanging it); returns its output. */
    private String exitsWithCode(ProcessBuilder builder, int expected) throws Exception {
        Path output = Files.createTempFile(workDir, "output-", ".log");
        Process process = builder.redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself: %s", Files.readString(output)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String said = Files.readString(output);
        assertThat(process.exitValue()).as(said).isEqualTo(expected);
        return said;
    }

    @Test
    void theJarRunsTheOperatorCommandsAndExitsWithTheirStatus() throws Exception {
        Path jar = Path.of("target", "prompt-tracker.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");

        ProcessBuilder migrate = new ProcessBuilder(java, "-jar", jar.toString(), "migrate", "apply")
                .directory(workDir.toFile()).redirectErrorStream(true);
        migrate.environment().remove("DATA_DIR");
        Process migration = migrate.start();
        String migrated = new String(migration.getInputStream().readAllBytes());
        assertThat(migration.waitFor()).as(migrated).isZero();
        assertThat(migrated).contains("applied to SQLite", "0001_prompt_tracker.sql");

        ProcessBuilder doctor = new ProcessBuilder(java, "-jar", jar.toString(), "doctor")
                .directory(workDir.toFile()).redirectErrorStream(true);
        doctor.environment().remove("DATA_DIR");
        Process check = doctor.start();
        String report = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(report).isZero();
        assertThat(report).containsPattern("metadata \\(sqlite\\) +ok").contains("up to date");

        ProcessBuilder wrong = new ProcessBuilder(java, "-jar", jar.toString(), "doctor")
                .directory(workDir.toFile()).redirectErrorStream(true);
        wrong.environment().put("METADATA_STORE", "d1");
        wrong.environment().remove("CLOUDFLARE_ACCOUNT_ID");
        Process refused = wrong.start();
        String error = new String(refused.getInputStream().readAllBytes());
        assertThat(refused.waitFor()).isEqualTo(Commands.CONFIGURATION);
        assertThat(error).contains("METADATA_STORE=d1 needs CLOUDFLARE_ACCOUNT_ID");
    }

    @Test
    void migrateStatusWorksBesideTheRunningJarAndApplyIsRefused() throws Exception {
        Path jar = Path.of("target", "prompt-tracker.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("server.log").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().remove("DATA_DIR");
        Process server = builder.start();
        try {
            waitForHealth(port, Duration.ofSeconds(60));
            Command status = command(java, jar, "migrate", "status");
            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.output()).contains("applied  0001_prompt_tracker.sql").doesNotContain("pending");

            Command apply = command(java, jar, "migrate", "apply");
            assertThat(apply.exitCode()).as(apply.output()).isEqualTo(Commands.FAILED);
            // The launcher serves from a child JVM: the lock names the process that holds it.
            long holder = server.children().findFirst().map(ProcessHandle::pid).orElse(server.pid());
            assertThat(apply.output()).contains("is in use by a running prompt-tracker server (pid " + holder,
                    "stop it first").doesNotContain("Exception");
            waitForHealth(port, Duration.ofSeconds(5));
        } finally {
            server.destroy();
            assertThat(server.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }
        Command afterwards = command(java, jar, "migrate", "apply");
        assertThat(afterwards.exitCode()).as(afterwards.output()).isZero();
        assertThat(afterwards.output()).contains("no pending migrations");
    }

    private record Command(int exitCode, String output) {
    }

    private Command command(String java, Path jar, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().remove("DATA_DIR");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Command(process.waitFor(), output);
    }

    @Test
    void everyPromptAnswered200SurvivesAKill9RightAfter() throws Exception {
        Path jar = Path.of("target", "prompt-tracker.jar").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("crash.log").toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().remove("DATA_DIR");
        String body = "Keep this prompt through a crash. ".repeat(60);
        Map<String, String> created = new ConcurrentHashMap<>();
        String token;
        Process server = builder.start();
        try {
            waitForHealth(port, Duration.ofSeconds(60));
            RestClient rest = new RestClient(port);
            token = rest.post("/api/auth/register", null, Map.of("username", "durable", "email", "durable@example.com",
                    "password", "correct horse battery")).body().get("accessToken").asText();
            try (var writers = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 8; i++) {
                    int writer = i;
                    writers.submit(() -> {
                        for (int n = 0; n < 1000 && server.isAlive(); n++) {
                            try {
                                var reply = rest.post("/api/prompts", token, Map.of("title", "w" + writer + "-" + n,
                                        "content", body));
                                if (reply.status() == 200) {
                                    created.put(reply.body().get("id").asText(), "w" + writer + "-" + n);
                                }
                            } catch (RuntimeException connectionLost) {
                                return;
                            }
                        }
                    });
                }
                // Let the writers get going, then kill the server mid-stream, without any warning.
                Instant until = Instant.now().plusSeconds(20);
                while (created.size() < 50 && Instant.now().isBefore(until)) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                // kill -9 the serving JVM (the launcher's child) and the launcher at once: waiting for the child
                // to notice its launcher is gone would let the restart below find the old server still listening.
                List<ProcessHandle> tree = new java.util.ArrayList<>(server.descendants().toList());
                tree.forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
                for (ProcessHandle process : tree) {
                    process.onExit().get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            server.destroyForcibly();
        }
        assertThat(created).hasSizeGreaterThanOrEqualTo(50);

        Process restarted = builder.redirectOutput(workDir.resolve("restart.log").toFile()).start();
        try {
            waitForHealth(port, Duration.ofSeconds(60));
            RestClient rest = new RestClient(port);
            for (Map.Entry<String, String> prompt : created.entrySet()) {
                var read = rest.get("/api/prompts/" + prompt.getKey(), token);
                assertThat(read.status()).as(prompt.getValue()).isEqualTo(200);
                assertThat(read.body().get("content").asText()).isEqualTo(body);
            }
        } finally {
            restarted.destroy();
            restarted.waitFor(120, TimeUnit.SECONDS);
        }
    }

    private static void waitForHealth(int port, Duration timeout) throws Exception {
        waitForHealth(port, timeout, () -> true);
    }

    /** Polls {@code /healthz} until it answers 200, giving up at the deadline or once {@code alive} is false. */
    static void waitForHealth(int port, Duration timeout, java.util.function.BooleanSupplier alive) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && alive.getAsBoolean()) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("the server did not become healthy within " + timeout);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
