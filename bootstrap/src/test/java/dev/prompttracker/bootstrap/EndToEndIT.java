package dev.prompttracker.bootstrap;

import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.HttpHeaderNames;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product as {@code bootstrap} wires it (SQLite, files, argon2id, JWT) on a temporary data
 * directory, driven through its REST contract with a plain HTTP client, plus one gRPC read.
 */
class EndToEndIT {
    @TempDir
    Path dataDir;

    private PromptTracker start() {
        return PromptTracker.start(AppConfig.from(Environment.of(Map.of(
                "PORT", "0", "DATA_DIR", dataDir.toString(), "CORS_ALLOWED_ORIGINS", "https://app.example",
                "ADMIN_EMAILS", "root@example.com"))), Clock.systemUTC());
    }

    @Test
    void aNewUserSavesAPromptWithThreeResponsesAndSharesIt() throws Exception {
        try (PromptTracker app = start()) {
            RestClient rest = new RestClient(app.port());
            var registered = rest.post("/api/auth/register", null,
                    Map.of("username", "ada", "email", "Ada@Example.com", "password", "correct horse battery"));
            assertThat(registered.status()).isEqualTo(200);
            assertThat(registered.body().at("/user/email").asText()).isEqualTo("ada@example.com");

            var login = rest.post("/api/auth/login", null, Map.of("login", "ada", "password", "correct horse battery"));
            assertThat(login.status()).isEqualTo(200);
            String token = login.body().get("accessToken").asText();
            assertThat(login.body().get("expiresIn").asInt()).isEqualTo(900);

            var created = rest.post("/api/prompts", token, Map.of("title", "Haiku", "content",
                    "Write a haiku about SQLite", "tags", List.of("Poetry", "db")));
            assertThat(created.status()).isEqualTo(200);
            String id = created.body().get("id").asText();
            for (String model : List.of("gpt-4o", "claude", "llama")) {
                var response = rest.post("/api/prompts/" + id + "/responses", token,
                        Map.of("modelName", model, "content", "A haiku by " + model));
                assertThat(response.status()).isEqualTo(200);
            }

            var read = rest.get("/api/prompts/" + id, token);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("responses")).hasSize(3);
            assertThat(read.body().get("tags").toString()).isEqualTo("[\"poetry\",\"db\"]");

            Prompt overGrpc = GrpcClients.builder("http://127.0.0.1:" + app.port())
                    .addHeader(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                    .build(PromptServiceGrpc.PromptServiceBlockingStub.class)
                    .getPrompt(GetPromptRequest.newBuilder().setId(id).build());
            assertThat(overGrpc.getResponsesCount()).isEqualTo(3);
            assertThat(overGrpc.getContent()).isEqualTo("Write a haiku about SQLite");

            assertThat(rest.get("/api/prompts/" + id, null).status()).isEqualTo(404);
            var shared = rest.send("PATCH", "/api/prompts/" + id, token, Map.of("isPublic", true), Map.of());
            assertThat(shared.status()).isEqualTo(200);
            var anonymous = rest.send("GET", "/api/prompts/" + id, null, null, Map.of("Origin", "https://app.example"));
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.header("access-control-allow-origin")).isEqualTo("https://app.example");
            assertThat(anonymous.body().get("responses")).hasSize(3);
            var feed = rest.get("/api/public/prompts", null);
            assertThat(feed.body().get("prompts").get(0).get("id").asText()).isEqualTo(id);

            try (Stream<Path> blobs = Files.list(dataDir.resolve("blobs"))) {
                assertThat(blobs.map(p -> p.getFileName().toString()))
                        .hasSize(4).allMatch(name -> name.matches("(prompt|response)_\\d+_[a-z0-9]+"));
            }
            assertThat(rest.send("DELETE", "/api/prompts/" + id, token, null, Map.of()).status()).isEqualTo(200);
            try (Stream<Path> blobs = Files.list(dataDir.resolve("blobs"))) {
                assertThat(blobs).isEmpty();
            }
        }
    }

    @Test
    void dataKeysAndRevocationsSurviveARestart() {
        String token;
        String loggedOutToken;
        String promptId;
        try (PromptTracker app = start()) {
            RestClient rest = new RestClient(app.port());
            var auth = rest.post("/api/auth/register", null,
                    Map.of("username", "root", "email", "root@example.com", "password", "correct horse battery"));
            assertThat(auth.body().at("/user/role").asText()).isEqualTo("ADMIN");
            token = auth.body().get("accessToken").asText();
            promptId = rest.post("/api/prompts", token, Map.of("content", "kept across restarts")).body().get("id").asText();
            loggedOutToken = rest.post("/api/auth/login", null, Map.of("login", "root", "password",
                    "correct horse battery")).body().get("accessToken").asText();
            assertThat(rest.post("/api/auth/logout", loggedOutToken, Map.of()).status()).isEqualTo(200);
        }
        try (PromptTracker app = start()) {
            RestClient rest = new RestClient(app.port());
            var read = rest.get("/api/prompts/" + promptId, token);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("content").asText()).isEqualTo("kept across restarts");
            assertThat(rest.get("/api/prompts", loggedOutToken).status()).isEqualTo(401);
        }
    }
}
