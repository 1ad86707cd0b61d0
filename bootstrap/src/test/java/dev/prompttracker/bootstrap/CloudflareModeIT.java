package dev.prompttracker.bootstrap;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.prompttracker.cloudflare.standin.Recorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
            stack.cloudflare.clearJournal();
            var read = rest.get("/api/prompts/" + prompt.id(), prompt.ownerToken());
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("responses")).hasSize(4);
            // The token is checked in process and there is no KV read: one D1 query, and the bodies from R2.
            assertThat(cloudflareCalls()).singleElement().satisfies(call -> {
                assertThat(call.method()).isEqualTo("POST");
                assertThat(call.path()).endsWith("/d1/database/" + CloudflareStack.DATABASE + "/query");
            });
            stack.cloudflare.clearJournal();
            assertThat(rest.get("/api/prompts/" + prompt.id(), null).status()).isEqualTo(200);
            assertThat(cloudflareCalls()).as("a hot prompt is served from memory").isEmpty();

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

    /** The email worker polls the queue in the background; every other call was made for the request. */
    private List<Recorded> cloudflareCalls() {
        return stack.cloudflare.journal().stream().filter(call -> !call.path().contains("/queues/")).toList();
    }
}
