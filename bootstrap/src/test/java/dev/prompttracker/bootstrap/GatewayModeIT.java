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
 * through the repository's gateway Worker on workerd (Cloudflare's Workers runtime, local D1, KV and
 * Queues), whose queue consumer pushes each email job back to the product; R2 on the S3 stand-in,
 * SendGrid on its stand-in. The shared product journeys run unchanged. Skipped where Node.js 22+
 * cannot be had.
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
