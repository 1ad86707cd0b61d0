package dev.prompttracker.bootstrap;

import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.HttpHeaderNames;
import dev.prompttracker.proto.v1.GetProgressAnalyticsRequest;
import dev.prompttracker.proto.v1.GetProgressAnalyticsResponse;
import dev.prompttracker.proto.v1.GetProgressRequest;
import dev.prompttracker.proto.v1.ProgressServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handbook as a new user meets it on the embedded defaults: sign up, ask for a link, find the
 * email in DATA_DIR/outbox (written by the worker running in the server), sign in with it, record
 * reading, and an admin sees the analytics, over REST and gRPC.
 */
class ContentEndToEndIT {
    private static final Pattern LINK = Pattern.compile("https://handbook\\.example/auth/verify\\?token=([A-Za-z0-9_-]{43})");

    @TempDir
    Path dataDir;

    @Test
    void aReaderSignsInFromTheOutboxAndAnAdminSeesTheirReading() throws Exception {
        try (PromptTracker app = PromptTracker.start(AppConfig.from(Environment.of(Map.of(
                "PORT", "0", "DATA_DIR", dataDir.toString(), "FRONTEND_URL", "https://handbook.example",
                "ADMIN_EMAILS", "editor@example.com"))), Clock.systemUTC())) {
            RestClient rest = new RestClient(app.port());

            var signup = rest.post("/api/subscribers", null, Map.of("email", "Reader@Example.com", "firstName", "Ada",
                    "utmSource", "newsletter"));
            assertThat(signup.status()).isEqualTo(200);
            var known = rest.post("/api/auth/magic-link", null, Map.of("email", "reader@example.com"));
            var unknown = rest.post("/api/auth/magic-link", null, Map.of("email", "nobody@example.com"));
            assertThat(known.status()).isEqualTo(200);
            assertThat(known.body()).isEqualTo(unknown.body());

            String eml = awaitOutboxFile(Duration.ofSeconds(20));
            assertThat(eml).contains("To: reader@example.com", "Hi Ada,");
            Matcher link = LINK.matcher(eml);
            assertThat(link.find()).isTrue();
            try (Stream<Path> files = Files.list(dataDir.resolve("outbox"))) {
                assertThat(files).hasSize(1);
            }

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
            concurrentReportsOnSqliteAllCount(rest, reader);
            assertThat(rest.post("/api/content/chapters/2/access", reader, Map.of("accessType", "VIEW")).status())
                    .isEqualTo(200);

            var progress = GrpcClients.builder("http://127.0.0.1:" + app.port())
                    .addHeader(HttpHeaderNames.AUTHORIZATION, "Bearer " + reader)
                    .build(ProgressServiceGrpc.ProgressServiceBlockingStub.class)
                    .getProgress(GetProgressRequest.getDefaultInstance());
            assertThat(progress.getSummary().getChaptersCompleted()).isEqualTo(2);
            assertThat(progress.getSummary().getTotalTimeSpentSeconds()).isEqualTo(600 + 5 * 16);

            assertThat(rest.get("/api/admin/analytics/progress", reader).status()).isEqualTo(403);
            String admin = rest.post("/api/auth/register", null, Map.of("username", "editor", "email",
                    "editor@example.com", "password", "correct horse battery")).body().get("accessToken").asText();
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
    }

    /** Sixteen reports for one chapter at once over HTTP, merged on SQLite with version checks: none is lost. */
    private static void concurrentReportsOnSqliteAllCount(RestClient rest, String reader) throws Exception {
        int reports = 16;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
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

    private String awaitOutboxFile(Duration timeout) throws IOException, InterruptedException {
        Path outbox = dataDir.resolve("outbox");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.isDirectory(outbox)) {
                try (Stream<Path> files = Files.list(outbox)) {
                    Optional<Path> eml = files.filter(f -> f.toString().endsWith(".eml")).findFirst();
                    if (eml.isPresent()) {
                        return Files.readString(eml.get());
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no email reached the outbox within " + timeout);
    }
}
