package dev.prompttracker.bootstrap;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.prompttracker.adapter.mail.standin.SendGridStandIn;
import dev.prompttracker.domain.mail.MailMessage;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The product in process in full Cloudflare mode against a {@link CloudflareStack}, metrics on. */
final class CloudflareDeployment implements ProductJourneys.Deployment {
    /** Plain HTTP/1.1: a fresh client per scrape would try an h2c upgrade each time. */
    private static final HttpClient METRICS_CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CloudflareStack stack;
    private final S3MockExtension s3;
    private final Path dataDir;

    CloudflareDeployment(CloudflareStack stack, S3MockExtension s3, Path dataDir) {
        this.stack = stack;
        this.s3 = s3;
        this.dataDir = dataDir;
    }

    @Override
    public PromptTracker start() {
        return start(Map.of());
    }

    PromptTracker start(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(ProductJourneys.settings());
        env.putAll(stack.environment(dataDir));
        env.put("METRICS_ENABLED", "true");
        env.putAll(overrides);
        return PromptTracker.start(AppConfig.from(Environment.of(env)), Clock.systemUTC());
    }

    @Override
    public List<String> blobKeys() {
        S3Client client = s3.createS3ClientV2();
        return client.listObjectsV2(b -> b.bucket(CloudflareStack.BUCKET)).contents().stream().map(S3Object::key)
                .toList();
    }

    @Override
    public String awaitEmailTo(String address, Duration timeout) {
        return awaitEmailTo(stack.sendGrid, address, timeout);
    }

    /** The text of the first email the SendGrid stand-in took for {@code address}, waiting up to {@code timeout}. */
    static String awaitEmailTo(SendGridStandIn sendGrid, String address, Duration timeout) {
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
        return stack.sendGrid.delivered().size();
    }

    /** The product's Prometheus page. */
    static String scrapeMetrics(int port) throws Exception {
        HttpResponse<String> response = METRICS_CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /**
     * The product's own count of store calls made for {@code route} ({@code store_calls_total}), as
     * {@code "service operation"} → calls: unlike the stand-in's journal, it leaves out background work.
     */
    static Map<String, Double> storeCalls(int port, String route) throws Exception {
        Map<String, Double> calls = new java.util.TreeMap<>();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile(
                "^store_calls_total\\{([^}]*)}\\s+(\\S+)$", java.util.regex.Pattern.MULTILINE)
                .matcher(scrapeMetrics(port));
        while (line.find()) {
            Map<String, String> labels = new HashMap<>();
            java.util.regex.Matcher label = java.util.regex.Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(line.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (route.equals(labels.get("route"))) {
                calls.merge(labels.get("service") + " " + labels.get("operation"), Double.parseDouble(line.group(2)),
                        Double::sum);
            }
        }
        return calls;
    }

    /** What {@code after} counted beyond {@code before}, calls that did not move left out. */
    static Map<String, Double> newCalls(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> added = new java.util.TreeMap<>();
        after.forEach((call, count) -> {
            double delta = count - before.getOrDefault(call, 0.0);
            if (delta != 0) {
                added.put(call, delta);
            }
        });
        return added;
    }
}
