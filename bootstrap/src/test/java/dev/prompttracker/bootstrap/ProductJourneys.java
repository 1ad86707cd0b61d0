package dev.prompttracker.bootstrap;

import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.HttpHeaderNames;
import dev.prompttracker.proto.v1.GetProgressAnalyticsRequest;
import dev.prompttracker.proto.v1.GetProgressAnalyticsResponse;
import dev.prompttracker.proto.v1.GetProgressRequest;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import dev.prompttracker.proto.v1.ProgressServiceGrpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST flows of the prompt tracker and the handbook, as users drive them, written once and run
 * against every deployment of the product: the embedded defaults and full Cloudflare mode.
 */
final class ProductJourneys {
    static final String APP_ORIGIN = "https://app.example";
    static final String FRONTEND_URL = "https://handbook.example";
    static final String ADMINS = "root@example.com,editor@example.com";
    static final Pattern MAGIC_LINK = Pattern.compile("https://handbook\\.example/auth/verify\\?token=([A-Za-z0-9_-]+)");
    static final Pattern VERIFICATION_LINK =
            Pattern.compile("https://handbook\\.example/auth/verify-email\\?token=([A-Za-z0-9_-]+)");

    /** Where the product runs and how a test sees what it stored and sent there. */
    interface Deployment {
        /** Starts the product; a second start on the same deployment sees the same stores. */
        PromptTracker start();

        /** The keys of every stored blob. */
        List<String> blobKeys();

        /** The text of the first message sent to the address, waiting for the email worker. */
        String awaitEmailTo(String address, Duration timeout);

        int emailsSent();
    }

    /** Settings both journeys expect, on top of each deployment's own. */
    static Map<String, String> settings() {
        return Map.of("PORT", "0", "CORS_ALLOWED_ORIGINS", APP_ORIGIN, "FRONTEND_URL", FRONTEND_URL,
                "ADMIN_EMAILS", ADMINS);
    }

    private ProductJourneys() {
    }

    /** Register, log in, save a prompt with three responses, read it on both transports, share it, delete it. */
    static SavedPrompt savePromptWithResponsesAndShare(PromptTracker app, Deployment deployment) {
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
        assertThat(read.body().get("responses").findValuesAsText("content"))
                .containsExactlyInAnyOrder("A haiku by gpt-4o", "A haiku by claude", "A haiku by llama");
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
        var anonymous = rest.send("GET", "/api/prompts/" + id, null, null, Map.of("Origin", APP_ORIGIN));
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.header("access-control-allow-origin")).isEqualTo(APP_ORIGIN);
        assertThat(anonymous.body().get("responses")).hasSize(3);
        var feed = rest.get("/api/public/prompts", null);
        assertThat(feed.body().get("prompts").get(0).get("id").asText()).isEqualTo(id);

        assertThat(deployment.blobKeys()).hasSize(4).allMatch(name -> name.matches("(prompt|response)_\\d+_[a-z0-9]+"));
        return new SavedPrompt(token, id);
    }

    record SavedPrompt(String ownerToken, String id) {
    }

    /** Deleting a prompt deletes its responses and every blob behind them. */
    static void deletePrompt(PromptTracker app, Deployment deployment, SavedPrompt prompt) {
        RestClient rest = new RestClient(app.port());
        assertThat(rest.send("DELETE", "/api/prompts/" + prompt.id(), prompt.ownerToken(), null, Map.of()).status())
                .isEqualTo(200);
        assertThat(rest.get("/api/prompts/" + prompt.id(), prompt.ownerToken()).status()).isEqualTo(404);
        assertThat(deployment.blobKeys()).isEmpty();
    }

    /** Data, keys and logouts outlive the process: the restarted product still refuses a logged-out token. */
    static void dataKeysAndRevocationsSurviveARestart(Deployment deployment) {
        String token;
        String loggedOutToken;
        String promptId;
        try (PromptTracker app = deployment.start()) {
            RestClient rest = new RestClient(app.port());
            var auth = provenAccount(rest, deployment, "root", "root@example.com");
            assertThat(auth.body().at("/user/role").asText()).isEqualTo("ADMIN");
            token = auth.body().get("accessToken").asText();
            promptId = rest.post("/api/prompts", token, Map.of("content", "kept across restarts")).body().get("id").asText();
            loggedOutToken = rest.post("/api/auth/login", null, Map.of("login", "root", "password",
                    "correct horse battery")).body().get("accessToken").asText();
            assertThat(rest.post("/api/auth/logout", loggedOutToken, Map.of()).status()).isEqualTo(200);
        }
        try (PromptTracker app = deployment.start()) {
            RestClient rest = new RestClient(app.port());
            var read = rest.get("/api/prompts/" + promptId, token);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("content").asText()).isEqualTo("kept across restarts");
            assertThat(rest.get("/api/prompts", loggedOutToken).status()).isEqualTo(401);
        }
    }

    /**
     * The handbook: sign up, ask for a link (it goes through the queue to the email worker), sign in
     * with it once, record reading over REST, read it back over gRPC, and an admin sees the analytics.
     */
    static void readerSignsInByEmailAndAnAdminSeesTheirReading(PromptTracker app, Deployment deployment)
            throws Exception {
        RestClient rest = new RestClient(app.port());
        var signup = rest.post("/api/subscribers", null, Map.of("email", "Reader@Example.com", "firstName", "Ada",
                "utmSource", "newsletter"));
        assertThat(signup.status()).isEqualTo(200);
        var known = rest.post("/api/auth/magic-link", null, Map.of("email", "reader@example.com"));
        var unknown = rest.post("/api/auth/magic-link", null, Map.of("email", "nobody@example.com"));
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.body()).isEqualTo(unknown.body());

        String email = deployment.awaitEmailTo("reader@example.com", Duration.ofSeconds(20));
        assertThat(email).contains("Hi Ada,");
        Matcher link = MAGIC_LINK.matcher(email);
        assertThat(link.find()).isTrue();
        assertThat(deployment.emailsSent()).isEqualTo(1);

        var verified = rest.post("/api/auth/magic-link/verify", null, Map.of("token", link.group(1)));
        assertThat(verified.status()).isEqualTo(200);
        String reader = verified.body().get("accessToken").asText();
        assertThat(rest.post("/api/auth/magic-link/verify", null, Map.of("token", link.group(1))).status())
                .isEqualTo(401);

        var me = rest.get("/api/subscribers/me", reader);
        assertThat(me.body().get("emailsSent").asInt()).isEqualTo(1);
        for (int chapter = 1; chapter <= 3; chapter++) {
            var put = rest.send("PUT", "/api/progress/chapters/" + chapter, reader,
                    Map.of("completed", chapter < 3, "timeSpentSeconds", 100 * chapter, "videosWatched",
                            List.of("v" + chapter)), Map.of());
            assertThat(put.status()).isEqualTo(200);
        }
        assertThat(rest.send("PUT", "/api/progress/chapters/0", reader, Map.of(), Map.of()).status()).isEqualTo(400);
        concurrentReportsAllCount(rest, reader);
        assertThat(rest.post("/api/content/chapters/2/access", reader, Map.of("accessType", "VIEW")).status())
                .isEqualTo(200);

        var progress = GrpcClients.builder("http://127.0.0.1:" + app.port())
                .addHeader(HttpHeaderNames.AUTHORIZATION, "Bearer " + reader)
                .build(ProgressServiceGrpc.ProgressServiceBlockingStub.class)
                .getProgress(GetProgressRequest.getDefaultInstance());
        assertThat(progress.getSummary().getChaptersCompleted()).isEqualTo(2);
        assertThat(progress.getSummary().getTotalTimeSpentSeconds()).isEqualTo(600 + 5 * 16);

        assertThat(rest.get("/api/admin/analytics/progress", reader).status()).isEqualTo(403);
        var claimedAdmin = rest.post("/api/auth/register", null, Map.of("username", "editor", "email",
                "editor@example.com", "password", "correct horse battery"));
        assertThat(claimedAdmin.body().at("/user/role").asText()).as("an unproven address is no admin").isEqualTo("USER");
        assertThat(rest.get("/api/admin/analytics/progress", claimedAdmin.body().get("accessToken").asText()).status())
                .isEqualTo(403);
        String admin = proveAddress(rest, deployment, claimedAdmin, "editor@example.com").body().get("accessToken")
                .asText();
        var analytics = rest.get("/api/admin/analytics/progress", admin);
        assertThat(analytics.status()).isEqualTo(200);
        assertThat(analytics.body().get("chapters")).hasSize(4);
        assertThat(analytics.body().get("chapters").get(0).get("completionRate").asDouble()).isEqualTo(1.0);
        GetProgressAnalyticsResponse overGrpc = GrpcClients.builder("http://127.0.0.1:" + app.port())
                .addHeader(HttpHeaderNames.AUTHORIZATION, "Bearer " + admin)
                .build(ProgressServiceGrpc.ProgressServiceBlockingStub.class)
                .getProgressAnalytics(GetProgressAnalyticsRequest.getDefaultInstance());
        assertThat(overGrpc.getChaptersCount()).isEqualTo(4);
        var logs = rest.get("/api/admin/access-logs?chapterNumber=2", admin);
        assertThat(logs.body().get("entries").get(0).get("email").asText()).isEqualTo("reader@example.com");
        var subscribers = rest.get("/api/admin/subscribers?pageSize=10", admin);
        assertThat(subscribers.body().get("subscribers")).hasSize(1);
    }

    /** Registers with a password, then proves the address with the link the product mailed, from the same session. */
    static RestClient.Reply provenAccount(RestClient rest, Deployment deployment, String username, String email) {
        var registered = rest.post("/api/auth/register", null,
                Map.of("username", username, "email", email, "password", "correct horse battery"));
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body().at("/user/emailVerified").asBoolean()).isFalse();
        return proveAddress(rest, deployment, registered, email);
    }

    static RestClient.Reply proveAddress(RestClient rest, Deployment deployment, RestClient.Reply registered,
                                          String email) {
        Matcher link = VERIFICATION_LINK.matcher(deployment.awaitEmailTo(email, Duration.ofSeconds(20)));
        assertThat(link.find()).as("a verification link mailed to %s", email).isTrue();
        var proven = rest.post("/api/auth/email/verify", registered.body().get("accessToken").asText(),
                Map.of("token", link.group(1)));
        assertThat(proven.status()).isEqualTo(200);
        assertThat(proven.body().at("/user/emailVerified").asBoolean()).isTrue();
        return proven;
    }

    /** Sixteen reports for one chapter at once over HTTP, merged with version checks: none is lost. */
    private static void concurrentReportsAllCount(RestClient rest, String reader) throws Exception {
        int reports = 16;
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < reports; i++) {
                String video = "clip-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return rest.send("PUT", "/api/progress/chapters/9", reader,
                            Map.of("timeSpentSeconds", 5, "videosWatched", List.of(video)), Map.of()).status();
                }));
            }
            start.countDown();
            for (var result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        }
        var chapter = rest.get("/api/progress", reader).body().get("chapters").findParents("chapterNumber").stream()
                .filter(c -> c.get("chapterNumber").asInt() == 9).findFirst().orElseThrow();
        assertThat(chapter.get("timeSpentSeconds").asInt()).isEqualTo(5 * reports);
        assertThat(chapter.get("videosWatched")).hasSize(reports);
    }
}
