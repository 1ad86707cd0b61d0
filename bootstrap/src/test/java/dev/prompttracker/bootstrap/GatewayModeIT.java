package dev.prompttracker.bootstrap;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.prompttracker.adapter.mail.standin.SendGridStandIn;
import dev.prompttracker.cloudflare.workerd.WorkerdGateway;
import dev.prompttracker.domain.mail.MailMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private WorkerdGateway gateway;
    private SendGridStandIn sendGrid;
    private GatewayDeployment deployment;

    @BeforeEach
    void startGateway() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        gateway = WorkerdGateway.startForProduct(URI.create("http://127.0.0.1:" + port));
        sendGrid = SendGridStandIn.start(CloudflareStack.MAIL_KEY);
        deployment = new GatewayDeployment(port);
    }

    @AfterEach
    void stop() {
        if (sendGrid != null) {
            sendGrid.close();
        }
        if (gateway != null) {
            gateway.close();
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
        private final int port;

        GatewayDeployment(int port) {
            this.port = port;
        }

        @Override
        public PromptTracker start() {
            Map<String, String> env = new HashMap<>(ProductJourneys.settings());
            env.putAll(Map.ofEntries(
                    Map.entry("PORT", Integer.toString(port)),
                    Map.entry("DATA_DIR", folder.resolve("data").toString()),
                    Map.entry("METADATA_STORE", "d1"),
                    Map.entry("BLOB_STORE", "r2"),
                    Map.entry("CACHE_STORE", "kv"),
                    Map.entry("QUEUE", "cloudflare"),
                    Map.entry("MAILER", "sendgrid"),
                    Map.entry("CLOUDFLARE_TRANSPORT", "gateway"),
                    Map.entry("GATEWAY_URL", gateway.url().toString()),
                    Map.entry("GATEWAY_SECRET", WorkerdGateway.SECRET),
                    Map.entry("R2_BUCKET", CloudflareStack.BUCKET),
                    Map.entry("R2_ENDPOINT", S3.getServiceEndpoint()),
                    Map.entry("R2_ACCESS_KEY_ID", "r2-key"),
                    Map.entry("R2_SECRET_ACCESS_KEY", "r2-secret"),
                    Map.entry("SENDGRID_API_KEY", CloudflareStack.MAIL_KEY),
                    Map.entry("SENDGRID_BASE_URL", sendGrid.baseUrl().toString()),
                    Map.entry("METRICS_ENABLED", "true")));
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
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                Optional<MailMessage> sent = sendGrid.delivered().stream()
                        .filter(message -> message.to().value().equals(address)).findFirst();
                if (sent.isPresent()) {
                    return sent.get().textBody();
                }
                EmbeddedDeployment.pause();
            }
            throw new AssertionError("SendGrid got no email to " + address + " within " + timeout);
        }

        @Override
        public int emailsSent() {
            return sendGrid.delivered().size();
        }
    }
}
