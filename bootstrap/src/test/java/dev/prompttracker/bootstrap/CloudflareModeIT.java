package dev.prompttracker.bootstrap;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product in full Cloudflare mode (METADATA_STORE=d1, BLOB_STORE=r2, CACHE_STORE=kv,
 * QUEUE=cloudflare, MAILER=sendgrid) against the in-process stand-ins, through the same REST flows
 * as on the embedded defaults, plus what each request costs in Cloudflare calls.
 */
class CloudflareModeIT {
    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(CloudflareStack.BUCKET).build();

    @TempDir
    Path folder;
    private CloudflareStack stack;
    private CloudflareDeployment deployment;

    @BeforeEach
    void startStandIns() {
        stack = new CloudflareStack(folder.resolve("cloudflare"), S3.getServiceEndpoint());
        deployment = new CloudflareDeployment(stack, S3, folder.resolve("data"));
    }

    @AfterEach
    void stopStandIns() {
        stack.close();
    }

    @Test
    void promptsLiveInD1AndR2AndReadingOneCostsOneD1Call() throws Exception {
        try (PromptTracker app = deployment.start()) {
            ProductJourneys.SavedPrompt prompt = ProductJourneys.savePromptWithResponsesAndShare(app, deployment);
            RestClient rest = new RestClient(app.port());

            // A write drops the prompt from the in-process cache, so the next read assembles it again.
            assertThat(rest.post("/api/prompts/" + prompt.id() + "/responses", prompt.ownerToken(),
                    java.util.Map.of("modelName", "mistral", "content", "A fourth haiku")).status()).isEqualTo(200);
            String route = "/api/prompts/:id";
            Map<String, Double> before = CloudflareDeployment.storeCalls(app.port(), route);
            var read = rest.get("/api/prompts/" + prompt.id(), prompt.ownerToken());
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("responses")).hasSize(4);
            // The token is checked in process and there is no KV read: one D1 query, and the bodies from R2.
            Map<String, Double> assembled = CloudflareDeployment.storeCalls(app.port(), route);
            assertThat(CloudflareDeployment.newCalls(before, assembled)).containsEntry("d1 read", 1.0)
                    .containsOnlyKeys("d1 read", "r2 GetObject");
            assertThat(rest.get("/api/prompts/" + prompt.id(), null).status()).isEqualTo(200);
            assertThat(CloudflareDeployment.newCalls(assembled, CloudflareDeployment.storeCalls(app.port(), route)))
                    .as("a hot prompt is served from memory").isEmpty();

            String metrics = CloudflareDeployment.scrapeMetrics(app.port());
            assertThat(metrics.lines().filter(line -> line.startsWith("store_calls_total{")
                    && line.contains("route=\"/api/prompts/:id\"") && line.contains("service=\"d1\"")
                    && line.contains("operation=\"read\"")))
                    .as(metrics).isNotEmpty();
            assertThat(metrics.lines().filter(line -> line.startsWith("store_calls_total{")
                    && line.contains("route=\"/api/prompts/:id\"") && line.contains("service=\"r2\"")
                    && line.contains("operation=\"GetObject\"")))
                    .as(metrics).isNotEmpty();

            ProductJourneys.deletePrompt(app, deployment, prompt);
        }
        assertThat(Files.exists(folder.resolve("data").resolve("blobs"))).isFalse();
    }

    @Test
    void twoInstancesOnOneDatabaseSeeEachOthersWritesWithinTheCacheSeconds() {
        Map<String, String> twoSeconds = Map.of("PROMPT_CACHE_SECONDS", "2");
        try (PromptTracker here = deployment.start(twoSeconds); PromptTracker there = deployment.start(twoSeconds)) {
            ProductJourneys.SavedPrompt prompt = ProductJourneys.savePromptWithResponsesAndShare(here, deployment);
            RestClient atHere = new RestClient(here.port());
            RestClient atThere = new RestClient(there.port());
            String path = "/api/prompts/" + prompt.id();
            assertThat(atThere.get(path, prompt.ownerToken()).body().get("responses")).hasSize(3);
            assertThat(atThere.get("/api/prompts", prompt.ownerToken()).body().get("prompts")).hasSize(1);

            Instant written = Instant.now();
            assertThat(atHere.post(path + "/responses", prompt.ownerToken(),
                    Map.of("modelName", "mistral", "content", "A fourth haiku")).status()).isEqualTo(200);
            var second = atHere.post("/api/prompts", prompt.ownerToken(),
                    Map.of("title", "Second", "content", "Another prompt"));
            assertThat(second.status()).isEqualTo(200);
            assertThat(atHere.get(path, prompt.ownerToken()).body().get("responses"))
                    .as("the writing instance sees its write at once").hasSize(4);

            Duration bound = Duration.ofSeconds(2).plusMillis(1_500);
            Duration seenAfter = awaitSeen(() -> atThere.get(path, prompt.ownerToken()).body().get("responses").size() == 4
                    && atThere.get("/api/prompts", prompt.ownerToken()).body().get("prompts").size() == 2,
                    written, bound);
            assertThat(seenAfter).as("the other instance's staleness is bounded by PROMPT_CACHE_SECONDS")
                    .isLessThanOrEqualTo(bound);

            // The stand-ins outlive the test: leave no blob behind for the next one.
            assertThat(atHere.send("DELETE", "/api/prompts/" + second.body().get("id").asText(), prompt.ownerToken(),
                    null, Map.of()).status()).isEqualTo(200);
            ProductJourneys.deletePrompt(here, deployment, prompt);
        }
    }

    /** How long after {@code since} the condition first held, polling until {@code bound} (then failing). */
    private static Duration awaitSeen(java.util.function.BooleanSupplier condition, Instant since, Duration bound) {
        while (!condition.getAsBoolean()) {
            if (Duration.between(since, Instant.now()).compareTo(bound) > 0) {
                throw new AssertionError("the other instance still served the old prompt after " + bound);
            }
            EmbeddedDeployment.pause();
        }
        return Duration.between(since, Instant.now());
    }

    @Test
    void dataKeysAndRevocationsSurviveARestart() {
        ProductJourneys.dataKeysAndRevocationsSurviveARestart(deployment);
    }

    @Test
    void magicLinksGoThroughCloudflareQueuesToSendGrid() throws Exception {
        try (PromptTracker app = deployment.start()) {
            ProductJourneys.readerSignsInByEmailAndAnAdminSeesTheirReading(app, deployment);
        }
        assertThat(stack.cloudflare.queues().backlog(CloudflareStack.QUEUE)).isZero();
        assertThat(stack.cloudflare.journal()).anySatisfy(call ->
                assertThat(call.path()).endsWith("/queues/" + CloudflareStack.QUEUE + "/messages/pull"));
    }
}
