package dev.prompttracker.bootstrap;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.prompttracker.cloudflare.standin.Recorded;
import dev.prompttracker.domain.mail.MailMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
    private Deployment deployment;

    @BeforeEach
    void startStandIns() {
        stack = new CloudflareStack(folder.resolve("cloudflare"), S3.getServiceEndpoint());
        deployment = new Deployment();
    }

    @AfterEach
    void stopStandIns() {
        stack.close();
    }

    private final class Deployment implements ProductJourneys.Deployment {
        private final Path dataDir = folder.resolve("data");

        @Override
        public PromptTracker start() {
            Map<String, String> env = new HashMap<>(ProductJourneys.settings());
            env.putAll(stack.environment(dataDir));
            env.put("METRICS_ENABLED", "true");
            return PromptTracker.start(AppConfig.from(Environment.of(env)), Clock.systemUTC());
        }

        @Override
        public List<String> blobKeys() {
            S3Client s3 = S3.createS3ClientV2();
            return s3.listObjectsV2(b -> b.bucket(CloudflareStack.BUCKET)).contents().stream().map(S3Object::key).toList();
        }

        @Override
        public String awaitEmailTo(String address, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                Optional<MailMessage> sent = stack.sendGrid.delivered().stream()
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
            return stack.sendGrid.delivered().size();
        }
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

            String metrics = scrape(app.port());
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

    private static String scrape(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
