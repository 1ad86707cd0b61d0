package dev.prompttracker.bootstrap;

import dev.prompttracker.cloudflare.CloudflareSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Which store backs each port (SPEC's switches, each on its own) and the credentials the chosen
 * Cloudflare or provider adapters need. A switch set to a remote store without its credentials
 * stops the start with the name of the missing variable.
 */
public record CloudConfig(
        Metadata metadata, Blobs blobs, CacheStore cache, QueueStore queue, Mailer mailer,
        Optional<CloudflareSettings> cloudflare, Optional<String> d1DatabaseId, Optional<String> kvNamespaceId,
        Optional<String> queueId, Optional<String> deadLetterQueueId, Optional<R2> r2, Optional<R2Gateway> r2Gateway,
        Optional<SendGrid> sendGrid) {

    public enum Metadata { SQLITE, D1 }

    public enum Blobs { FILES, R2 }

    public enum CacheStore { LOCAL, KV }

    public enum QueueStore { LOCAL, CLOUDFLARE }

    public enum Mailer { OUTBOX, SENDGRID }

    /** How bodies reach R2: its S3 endpoint with the bucket's keys, or the gateway Worker's bucket binding. */
    public enum R2Transport { S3, GATEWAY }

    public record R2(URI endpoint, String bucket, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "R2[" + endpoint + ", bucket=" + bucket + ", credentials=(redacted)]";
        }
    }

    /** R2 through the gateway Worker: how to reach it, and the name its {@code wrangler.jsonc} binds the bucket to. */
    public record R2Gateway(CloudflareSettings gateway, String binding) {
    }

    public record SendGrid(URI baseUrl, String apiKey) {
        @Override
        public String toString() {
            return "SendGrid[" + baseUrl + ", apiKey=(redacted)]";
        }
    }

    static CloudConfig from(Environment env) {
        Metadata metadata = choice(env, "METADATA_STORE", Metadata.class, Metadata.SQLITE);
        Blobs blobs = choice(env, "BLOB_STORE", Blobs.class, Blobs.FILES);
        CacheStore cache = choice(env, "CACHE_STORE", CacheStore.class, CacheStore.LOCAL);
        QueueStore queue = choice(env, "QUEUE", QueueStore.class, QueueStore.LOCAL);
        Mailer mailer = choice(env, "MAILER", Mailer.class, Mailer.OUTBOX);

        boolean needsApi = metadata == Metadata.D1 || cache == CacheStore.KV || queue == QueueStore.CLOUDFLARE;
        CloudflareSettings.Transport transport = choice(env, "CLOUDFLARE_TRANSPORT", CloudflareSettings.Transport.class,
                CloudflareSettings.Transport.API);
        boolean gateway = transport == CloudflareSettings.Transport.GATEWAY;
        Optional<CloudflareSettings> cloudflare = Optional.empty();
        if (needsApi) {
            String because = needsApi(metadata, cache, queue);
            if (gateway) {
                cloudflare = Optional.of(gateway(env, because + " with CLOUDFLARE_TRANSPORT=gateway"));
            } else {
                int timeout = AppConfig.integer(env, "CLOUDFLARE_TIMEOUT_SECONDS", 10, 1, 30);
                String account = require(env, "CLOUDFLARE_ACCOUNT_ID", because);
                String token = require(env, "CLOUDFLARE_API_TOKEN", because);
                URI base = uri(env, "CLOUDFLARE_API_BASE_URL", CloudflareSettings.DEFAULT_BASE_URL.toString());
                // The standard account limit is 1200; accounts granted more (and the stand-ins) may go higher.
                int budget = AppConfig.integer(env, "CLOUDFLARE_REQUESTS_PER_5_MINUTES", 600, 1, 1_000_000);
                int anonymousPercent = AppConfig.integer(env, "CLOUDFLARE_ANONYMOUS_SHARE_PERCENT",
                        (int) Math.round(CloudflareSettings.DEFAULT_ANONYMOUS_SHARE * 100), 1, 100);
                cloudflare = Optional.of(new CloudflareSettings(base, account, token, Duration.ofSeconds(timeout),
                        budget, Duration.ofMinutes(5), Math.max(1, Math.min(50, budget / 30)), CloudflareSettings.MAX_ATTEMPTS,
                        anonymousPercent / 100.0));
            }
        }
        // Through the gateway, resources are named by the Worker's bindings (gateway/wrangler.jsonc).
        Optional<String> d1 = metadata == Metadata.D1 ? Optional.of(gateway ? env.get("D1_DATABASE_ID", "DB")
                : require(env, "D1_DATABASE_ID", "METADATA_STORE=d1")) : Optional.empty();
        Optional<String> kv = cache == CacheStore.KV ? Optional.of(gateway ? env.get("KV_NAMESPACE_ID", "KV")
                : require(env, "KV_NAMESPACE_ID", "CACHE_STORE=kv")) : Optional.empty();
        Optional<String> queueId = queue == QueueStore.CLOUDFLARE ? Optional.of(gateway
                ? env.get("QUEUE_ID", "EMAIL_QUEUE") : require(env, "QUEUE_ID", "QUEUE=cloudflare")) : Optional.empty();
        Optional<String> deadLetters = queue != QueueStore.CLOUDFLARE ? Optional.empty()
                : gateway ? Optional.of(env.get("QUEUE_DEAD_LETTER_ID", "EMAIL_DEAD_LETTERS")) : env.get("QUEUE_DEAD_LETTER_ID");

        R2Transport r2Transport = choice(env, "R2_TRANSPORT", R2Transport.class, R2Transport.S3);
        Optional<R2> r2 = Optional.empty();
        Optional<R2Gateway> r2Gateway = Optional.empty();
        if (blobs == Blobs.R2 && r2Transport == R2Transport.GATEWAY) {
            // The bucket is the Worker's to reach: R2_BUCKET names its binding, and no S3 keys are needed.
            r2Gateway = Optional.of(new R2Gateway(gateway(env, "BLOB_STORE=r2 with R2_TRANSPORT=gateway"),
                    env.get("R2_BUCKET", "BODIES")));
        } else if (blobs == Blobs.R2) {
            String bucket = require(env, "R2_BUCKET", "BLOB_STORE=r2");
            Optional<String> endpoint = env.get("R2_ENDPOINT");
            URI uri = endpoint.isPresent() ? uri(env, "R2_ENDPOINT", endpoint.get())
                    : URI.create("https://" + require(env, "CLOUDFLARE_ACCOUNT_ID",
                    "BLOB_STORE=r2 without R2_ENDPOINT") + ".r2.cloudflarestorage.com");
            r2 = Optional.of(new R2(uri, bucket, require(env, "R2_ACCESS_KEY_ID", "BLOB_STORE=r2"),
                    require(env, "R2_SECRET_ACCESS_KEY", "BLOB_STORE=r2")));
        }
        Optional<SendGrid> sendGrid = mailer == Mailer.SENDGRID
                ? Optional.of(new SendGrid(uri(env, "SENDGRID_BASE_URL", "https://api.sendgrid.com"),
                require(env, "SENDGRID_API_KEY", "MAILER=sendgrid")))
                : Optional.empty();
        return new CloudConfig(metadata, blobs, cache, queue, mailer, cloudflare, d1, kv, queueId, deadLetters, r2,
                r2Gateway, sendGrid);
    }

    /** The gateway Worker at GATEWAY_URL, signed with GATEWAY_SECRET; {@code because} names what needs it. */
    private static CloudflareSettings gateway(Environment env, String because) {
        int timeout = AppConfig.integer(env, "CLOUDFLARE_TIMEOUT_SECONDS", 10, 1, 30);
        String secret = require(env, "GATEWAY_SECRET", because);
        if (secret.length() < CloudflareSettings.MIN_GATEWAY_SECRET_LENGTH) {
            throw new ConfigurationError("GATEWAY_SECRET must be at least "
                    + CloudflareSettings.MIN_GATEWAY_SECRET_LENGTH + " characters (the one set with "
                    + "`wrangler secret put GATEWAY_SECRET`)");
        }
        URI url = uri(env, "GATEWAY_URL", require(env, "GATEWAY_URL", because));
        CloudflareSettings defaults = CloudflareSettings.gateway(url, secret);
        return new CloudflareSettings(url, defaults.accountId(), secret, Duration.ofSeconds(timeout),
                defaults.budgetPermits(), defaults.budgetWindow(), defaults.budgetBurst(), defaults.maxAttempts(),
                defaults.anonymousShare(), CloudflareSettings.Transport.GATEWAY);
    }

    private static String needsApi(Metadata metadata, CacheStore cache, QueueStore queue) {
        return metadata == Metadata.D1 ? "METADATA_STORE=d1" : cache == CacheStore.KV ? "CACHE_STORE=kv" : "QUEUE=cloudflare";
    }

    private static <E extends Enum<E>> E choice(Environment env, String name, Class<E> type, E fallback) {
        Optional<String> raw = env.get(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, raw.get().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigurationError(name + " must be one of: " + allowed);
        }
    }

    private static String require(Environment env, String name, String because) {
        return env.get(name).orElseThrow(() -> new ConfigurationError(because + " needs " + name));
    }

    private static URI uri(Environment env, String name, String fallback) {
        String text = env.get(name, fallback);
        try {
            URI uri = URI.create(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(name + " must be an http(s) URL");
        }
    }
}
