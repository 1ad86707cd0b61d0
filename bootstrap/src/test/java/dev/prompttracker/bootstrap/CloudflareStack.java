package dev.prompttracker.bootstrap;

import dev.prompttracker.adapter.mail.standin.SendGridStandIn;
import dev.prompttracker.cloudflare.standin.CloudflareStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything full Cloudflare mode talks to, on loopback: the Cloudflare API stand-in (a D1
 * database, a KV namespace, a queue and its dead-letter queue), an S3-compatible server for R2
 * (started by the test's S3Mock extension) and a SendGrid stand-in.
 */
final class CloudflareStack implements AutoCloseable {
    static final String ACCOUNT = "0123456789abcdef0123456789abcdef";
    static final String TOKEN = "test-api-token";
    static final String DATABASE = "d1-prompt-tracker";
    static final String NAMESPACE = "kv-prompt-tracker";
    static final String QUEUE = "queue-email-jobs";
    static final String DEAD_LETTERS = "queue-email-jobs-dlq";
    static final String BUCKET = "prompt-tracker-content";
    static final String MAIL_KEY = "SG.test-key";

    final CloudflareStandIn cloudflare;
    final SendGridStandIn sendGrid;
    private final String s3Endpoint;

    CloudflareStack(Path folder, String s3Endpoint) {
        this.s3Endpoint = s3Endpoint;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cloudflare = CloudflareStandIn.start(ACCOUNT, TOKEN, Clock.systemUTC(), folder);
        cloudflare.d1().create(DATABASE);
        cloudflare.kv().create(NAMESPACE);
        cloudflare.queues().create(DEAD_LETTERS, 3, null);
        cloudflare.queues().create(QUEUE, 3, DEAD_LETTERS);
        sendGrid = SendGridStandIn.start(MAIL_KEY);
    }

    /** The five switches on, with every credential they need. */
    Map<String, String> environment(Path dataDir) {
        Map<String, String> env = new HashMap<>(Map.ofEntries(
                Map.entry("PORT", "0"),
                Map.entry("DATA_DIR", dataDir.toString()),
                Map.entry("METADATA_STORE", "d1"),
                Map.entry("BLOB_STORE", "r2"),
                Map.entry("CACHE_STORE", "kv"),
                Map.entry("QUEUE", "cloudflare"),
                Map.entry("MAILER", "sendgrid"),
                Map.entry("CLOUDFLARE_API_BASE_URL", cloudflare.baseUrl().toString()),
                Map.entry("CLOUDFLARE_ACCOUNT_ID", ACCOUNT),
                Map.entry("CLOUDFLARE_API_TOKEN", TOKEN),
                Map.entry("CLOUDFLARE_REQUESTS_PER_5_MINUTES", "60000"),
                Map.entry("D1_DATABASE_ID", DATABASE),
                Map.entry("KV_NAMESPACE_ID", NAMESPACE),
                Map.entry("QUEUE_ID", QUEUE),
                Map.entry("QUEUE_DEAD_LETTER_ID", DEAD_LETTERS),
                Map.entry("R2_BUCKET", BUCKET),
                Map.entry("R2_ENDPOINT", s3Endpoint),
                Map.entry("R2_ACCESS_KEY_ID", "r2-key"),
                Map.entry("R2_SECRET_ACCESS_KEY", "r2-secret"),
                Map.entry("SENDGRID_API_KEY", MAIL_KEY),
                Map.entry("SENDGRID_BASE_URL", sendGrid.baseUrl().toString())));
        return env;
    }

    @Override
    public void close() {
        sendGrid.close();
        cloudflare.close();
    }
}
