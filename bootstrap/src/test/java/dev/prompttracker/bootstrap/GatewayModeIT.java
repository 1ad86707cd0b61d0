package dev.prompttracker.bootstrap;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product with all five switches on and CLOUDFLARE_TRANSPORT=gateway: D1, KV and the email queue
 * through the repository's gateway Worker on workerd (Cloudflare's Workers runtime, local D1, KV,
 * Queues and R2), whose queue consumer pushes each email job back to the product; R2 on the S3
 * stand-in, or with R2_TRANSPORT=gateway through the Worker too; SendGrid on its stand-in. The shared
 * product journeys run unchanged. Skipped where Node.js 22+ cannot be had.
 */
class GatewayModeIT {
    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(CloudflareStack.BUCKET).build();

    @TempDir
    Path folder;
    private GatewayStack stack;
    private GatewayDeployment deployment;

    @BeforeEach
    void startGateway() {
        stack = new GatewayStack();
        deployment = new GatewayDeployment();
    }

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aUserSavesAPromptWithThreeResponsesSharesItAndDeletesIt() {
        try (PromptTracker app = deployment.start()) {
            ProductJourneys.SavedPrompt prompt = ProductJourneys.savePromptWithResponsesAndShare(app, deployment);
            assertThat(deployment.blobKeys()).isNotEmpty();
            ProductJourneys.deletePrompt(app, deployment, prompt);
        }
    }

    @Test
    void aReaderSignsInByALinkTheQueuePushedAndAnAdminSeesTheirReading() throws Exception {
        try (PromptTracker app = deployment.start()) {
            ProductJourneys.readerSignsInByEmailAndAnAdminSeesTheirReading(app, deployment);
        }
    }

    @Test
    void dataKeysAndRevocationsSurviveARestart() {
        ProductJourneys.dataKeysAndRevocationsSurviveARestart(deployment);
    }

    @Test
    void withR2TransportGatewayTheBodiesGoThroughTheWorkerToo() throws Exception {
        Map<String, String> env = new HashMap<>(ProductJourneys.settings());
        env.putAll(stack.environment(folder.resolve("data"), stack.gateway.url(), Optional.empty()));
        // Every store through the one Worker; no prompt cache, so each read reaches R2.
        env.putAll(Map.of("BLOB_STORE", "r2", "R2_TRANSPORT", "gateway", "PROMPT_CACHE_SECONDS", "0"));
        try (PromptTracker app = PromptTracker.start(AppConfig.from(Environment.of(env)), Clock.systemUTC())) {
            RestClient rest = new RestClient(app.port());
            String token = rest.post("/api/auth/register", null, Map.of("username", "grace", "email",
                    "grace@example.com", "password", "correct horse battery")).body().get("accessToken").asText();
            var created = rest.post("/api/prompts", token, Map.of("title", "Bodies", "content", "Kept in R2 ✓"));
            assertThat(created.status()).isEqualTo(200);
            String id = created.body().get("id").asText();
            assertThat(rest.post("/api/prompts/" + id + "/responses", token,
                    Map.of("modelName", "m", "content", "An answer, also in R2")).status()).isEqualTo(200);
            assertThat(CloudflareDeployment.storeCalls(app.port(), "/api/prompts")).containsEntry("r2 PutObject", 1.0);

            var read = rest.get("/api/prompts/" + id, token);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("content").asText()).isEqualTo("Kept in R2 ✓");
            assertThat(read.body().get("responses").findValuesAsText("content")).containsExactly("An answer, also in R2");
            assertThat(rest.send("DELETE", "/api/prompts/" + id, token, null, Map.of()).status()).isEqualTo(200);
            assertThat(CloudflareDeployment.storeCalls(app.port(), "/api/prompts/:id"))
                    .containsEntry("r2 GetObject", 2.0).containsEntry("r2 DeleteObject", 2.0);
            assertThat(deployment.blobKeys()).as("nothing went to the S3 endpoint").isEmpty();
        }
    }

    /** The product on a port chosen before the gateway started, so the gateway knows where to push. */
    private final class GatewayDeployment implements ProductJourneys.Deployment {
        @Override
        public PromptTracker start() {
            Map<String, String> env = new HashMap<>(ProductJourneys.settings());
            env.putAll(stack.environment(folder.resolve("data"), stack.gateway.url(),
                    Optional.of(S3.getServiceEndpoint())));
            return PromptTracker.start(AppConfig.from(Environment.of(env)), Clock.systemUTC());
        }

        @Override
        public List<String> blobKeys() {
            S3Client client = S3.createS3ClientV2();
            return client.listObjectsV2(b -> b.bucket(CloudflareStack.BUCKET)).contents().stream().map(S3Object::key)
                    .toList();
        }

        @Override
        public String awaitEmailTo(String address, Duration timeout) {
            return stack.awaitEmailTo(address, timeout);
        }

        @Override
        public int emailsSent() {
            return stack.sendGrid.delivered().size();
        }
    }
}
