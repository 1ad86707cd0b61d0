package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store switches and the credentials each chosen remote store needs. */
class CloudConfigTest {
    private static final Map<String, String> ALL_REMOTE = Map.ofEntries(
            Map.entry("METADATA_STORE", "d1"), Map.entry("BLOB_STORE", "r2"), Map.entry("CACHE_STORE", "kv"),
            Map.entry("QUEUE", "cloudflare"), Map.entry("MAILER", "sendgrid"),
            Map.entry("CLOUDFLARE_ACCOUNT_ID", "acc123"), Map.entry("CLOUDFLARE_API_TOKEN", "secret-token"),
            Map.entry("D1_DATABASE_ID", "db"), Map.entry("KV_NAMESPACE_ID", "ns"), Map.entry("QUEUE_ID", "q"),
            Map.entry("R2_BUCKET", "bucket"), Map.entry("R2_ACCESS_KEY_ID", "key"),
            Map.entry("R2_SECRET_ACCESS_KEY", "r2-secret"), Map.entry("SENDGRID_API_KEY", "SG.secret"));

    private static CloudConfig config(Map<String, String> env) {
        return CloudConfig.from(Environment.of(env));
    }

    private static Map<String, String> without(String name) {
        Map<String, String> env = new HashMap<>(ALL_REMOTE);
        env.remove(name);
        return env;
    }

    @Test
    void withNothingSetEveryPortUsesItsEmbeddedStoreAndNeedsNoAccount() {
        CloudConfig config = config(Map.of());
        assertThat(config.metadata()).isEqualTo(CloudConfig.Metadata.SQLITE);
        assertThat(config.blobs()).isEqualTo(CloudConfig.Blobs.FILES);
        assertThat(config.cache()).isEqualTo(CloudConfig.CacheStore.LOCAL);
        assertThat(config.queue()).isEqualTo(CloudConfig.QueueStore.LOCAL);
        assertThat(config.mailer()).isEqualTo(CloudConfig.Mailer.OUTBOX);
        assertThat(config.cloudflare()).isEmpty();
    }

    @Test
    void allFiveSwitchesTogetherWithTheirDefaults() {
        CloudConfig config = config(ALL_REMOTE);
        assertThat(config.cloudflare()).hasValueSatisfying(api -> {
            assertThat(api.baseUrl()).isEqualTo(URI.create("https://api.cloudflare.com/client/v4"));
            assertThat(api.budgetPermits()).isEqualTo(600);
            assertThat(api.budgetWindow()).isEqualTo(Duration.ofMinutes(5));
            assertThat(api.timeout()).isEqualTo(Duration.ofSeconds(10));
        });
        assertThat(config.r2()).hasValueSatisfying(r2 ->
                assertThat(r2.endpoint()).isEqualTo(URI.create("https://acc123.r2.cloudflarestorage.com")));
        assertThat(config.sendGrid()).hasValueSatisfying(sendGrid ->
                assertThat(sendGrid.baseUrl()).isEqualTo(URI.create("https://api.sendgrid.com")));
        assertThat(config.toString()).doesNotContain("secret-token", "r2-secret", "SG.secret");
    }

    @Test
    void eachSwitchIsIndependent() {
        CloudConfig onlyBlobs = config(Map.of("BLOB_STORE", "r2", "R2_BUCKET", "b", "R2_ENDPOINT", "http://127.0.0.1:9000",
                "R2_ACCESS_KEY_ID", "k", "R2_SECRET_ACCESS_KEY", "s"));
        assertThat(onlyBlobs.blobs()).isEqualTo(CloudConfig.Blobs.R2);
        assertThat(onlyBlobs.metadata()).isEqualTo(CloudConfig.Metadata.SQLITE);
        assertThat(onlyBlobs.cloudflare()).as("no Cloudflare API call is needed for R2 alone").isEmpty();
        CloudConfig onlyMail = config(Map.of("MAILER", "sendgrid", "SENDGRID_API_KEY", "SG.k"));
        assertThat(onlyMail.cloudflare()).isEmpty();
        assertThat(onlyMail.mailer()).isEqualTo(CloudConfig.Mailer.SENDGRID);
    }

    @Test
    void aMissingCredentialStopsTheStartNamingTheVariable() {
        Map<String, String> expectations = Map.of(
                "CLOUDFLARE_ACCOUNT_ID", "METADATA_STORE=d1 needs CLOUDFLARE_ACCOUNT_ID",
                "CLOUDFLARE_API_TOKEN", "METADATA_STORE=d1 needs CLOUDFLARE_API_TOKEN",
                "D1_DATABASE_ID", "METADATA_STORE=d1 needs D1_DATABASE_ID",
                "KV_NAMESPACE_ID", "CACHE_STORE=kv needs KV_NAMESPACE_ID",
                "QUEUE_ID", "QUEUE=cloudflare needs QUEUE_ID",
                "R2_BUCKET", "BLOB_STORE=r2 needs R2_BUCKET",
                "R2_ACCESS_KEY_ID", "BLOB_STORE=r2 needs R2_ACCESS_KEY_ID",
                "R2_SECRET_ACCESS_KEY", "BLOB_STORE=r2 needs R2_SECRET_ACCESS_KEY",
                "SENDGRID_API_KEY", "MAILER=sendgrid needs SENDGRID_API_KEY");
        expectations.forEach((variable, message) -> assertThatThrownBy(() -> config(without(variable)))
                .as(variable).isInstanceOf(ConfigurationError.class).hasMessage(message));
        assertThatThrownBy(() -> config(Map.of("CACHE_STORE", "kv", "KV_NAMESPACE_ID", "ns")))
                .isInstanceOf(ConfigurationError.class).hasMessage("CACHE_STORE=kv needs CLOUDFLARE_ACCOUNT_ID");
    }

    @Test
    void unknownChoicesAndBadUrlsAreRefusedWithTheAllowedValues() {
        assertThatThrownBy(() -> config(Map.of("METADATA_STORE", "postgres")))
                .isInstanceOf(ConfigurationError.class).hasMessage("METADATA_STORE must be one of: sqlite, d1");
        assertThatThrownBy(() -> config(Map.of("QUEUE", "sqs")))
                .isInstanceOf(ConfigurationError.class).hasMessage("QUEUE must be one of: local, cloudflare");
        Map<String, String> badUrl = new HashMap<>(ALL_REMOTE);
        badUrl.put("CLOUDFLARE_API_BASE_URL", "file:///etc/passwd");
        assertThatThrownBy(() -> config(badUrl)).isInstanceOf(ConfigurationError.class)
                .hasMessage("CLOUDFLARE_API_BASE_URL must be an http(s) URL");
        Map<String, String> badBudget = new HashMap<>(ALL_REMOTE);
        badBudget.put("CLOUDFLARE_REQUESTS_PER_5_MINUTES", "0");
        assertThatThrownBy(() -> config(badBudget)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("CLOUDFLARE_REQUESTS_PER_5_MINUTES");
    }

    @Test
    void throughTheGatewayTheWorkersUrlAndSecretReplaceTheAccountAndItsBindingsNameTheResources() {
        Map<String, String> env = Map.of("METADATA_STORE", "d1", "CACHE_STORE", "kv", "QUEUE", "cloudflare",
                "CLOUDFLARE_TRANSPORT", "gateway", "GATEWAY_URL", "https://gateway.example.workers.dev",
                "GATEWAY_SECRET", "s".repeat(40));
        CloudConfig config = config(env);
        assertThat(config.cloudflare()).hasValueSatisfying(gateway -> {
            assertThat(gateway.transport()).isEqualTo(dev.prompttracker.cloudflare.CloudflareSettings.Transport.GATEWAY);
            assertThat(gateway.baseUrl()).isEqualTo(URI.create("https://gateway.example.workers.dev"));
            assertThat(gateway.spendsAccountBudget()).isFalse();
        });
        assertThat(config.d1DatabaseId()).contains("DB");
        assertThat(config.kvNamespaceId()).contains("KV");
        assertThat(config.queueId()).contains("EMAIL_QUEUE");
        assertThat(config.deadLetterQueueId()).contains("EMAIL_DEAD_LETTERS");
        assertThat(config.toString()).doesNotContain("s".repeat(40));
    }

    @Test
    void r2ThroughTheGatewayNeedsTheWorkersUrlAndSecretAndNoS3Keys() {
        Map<String, String> env = Map.of("BLOB_STORE", "r2", "R2_TRANSPORT", "gateway",
                "GATEWAY_URL", "https://gateway.example.workers.dev", "GATEWAY_SECRET", "s".repeat(40));
        CloudConfig config = config(env);
        assertThat(config.r2()).as("no S3 endpoint or keys").isEmpty();
        assertThat(config.r2Gateway()).hasValueSatisfying(r2 -> {
            assertThat(r2.binding()).isEqualTo("BODIES");
            assertThat(r2.gateway().baseUrl()).isEqualTo(URI.create("https://gateway.example.workers.dev"));
            assertThat(r2.gateway().spendsAccountBudget()).isFalse();
        });
        assertThat(config.cloudflare()).as("nothing else is remote").isEmpty();
        assertThat(config.toString()).doesNotContain("s".repeat(40));

        Map<String, String> named = new HashMap<>(env);
        named.put("R2_BUCKET", "OTHER_BODIES");
        assertThat(config(named).r2Gateway()).hasValueSatisfying(r2 -> assertThat(r2.binding()).isEqualTo("OTHER_BODIES"));
        assertThat(config(ALL_REMOTE).r2Gateway()).as("the S3 endpoint is the default").isEmpty();
    }

    @Test
    void everythingThroughTheGatewayIsOneSetOfGatewaySettings() {
        Map<String, String> env = Map.of("METADATA_STORE", "d1", "BLOB_STORE", "r2", "CLOUDFLARE_TRANSPORT", "gateway",
                "R2_TRANSPORT", "gateway", "GATEWAY_URL", "https://gateway.example.workers.dev",
                "GATEWAY_SECRET", "s".repeat(40), "CLOUDFLARE_TIMEOUT_SECONDS", "7");
        CloudConfig config = config(env);
        assertThat(config.r2Gateway().orElseThrow().gateway()).isEqualTo(config.cloudflare().orElseThrow());
        assertThat(config.cloudflare().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void r2ThroughTheGatewayNamesWhatItMisses() {
        Map<String, String> base = Map.of("BLOB_STORE", "r2", "R2_TRANSPORT", "gateway",
                "GATEWAY_URL", "https://gateway.example.workers.dev", "GATEWAY_SECRET", "s".repeat(40));
        Map<String, String> noUrl = new HashMap<>(base);
        noUrl.remove("GATEWAY_URL");
        assertThatThrownBy(() -> config(noUrl)).isInstanceOf(ConfigurationError.class)
                .hasMessage("BLOB_STORE=r2 with R2_TRANSPORT=gateway needs GATEWAY_URL");
        Map<String, String> noSecret = new HashMap<>(base);
        noSecret.remove("GATEWAY_SECRET");
        assertThatThrownBy(() -> config(noSecret)).isInstanceOf(ConfigurationError.class)
                .hasMessage("BLOB_STORE=r2 with R2_TRANSPORT=gateway needs GATEWAY_SECRET");
        Map<String, String> shortSecret = new HashMap<>(base);
        shortSecret.put("GATEWAY_SECRET", "short");
        assertThatThrownBy(() -> config(shortSecret)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("GATEWAY_SECRET must be at least 32 characters");
        Map<String, String> badUrl = new HashMap<>(base);
        badUrl.put("GATEWAY_URL", "gateway.example.workers.dev");
        assertThatThrownBy(() -> config(badUrl)).isInstanceOf(ConfigurationError.class)
                .hasMessage("GATEWAY_URL must be an http(s) URL");
        Map<String, String> unknown = new HashMap<>(base);
        unknown.put("R2_TRANSPORT", "binding");
        assertThatThrownBy(() -> config(unknown)).isInstanceOf(ConfigurationError.class)
                .hasMessage("R2_TRANSPORT must be one of: s3, gateway");
    }

    @Test
    void theGatewayNeedsItsUrlAndASecretLongEnoughToSignWith() {
        Map<String, String> base = Map.of("METADATA_STORE", "d1", "CLOUDFLARE_TRANSPORT", "gateway",
                "GATEWAY_URL", "https://gateway.example.workers.dev", "GATEWAY_SECRET", "s".repeat(40));
        Map<String, String> noUrl = new HashMap<>(base);
        noUrl.remove("GATEWAY_URL");
        assertThatThrownBy(() -> config(noUrl)).isInstanceOf(ConfigurationError.class)
                .hasMessage("METADATA_STORE=d1 with CLOUDFLARE_TRANSPORT=gateway needs GATEWAY_URL");
        Map<String, String> noSecret = new HashMap<>(base);
        noSecret.remove("GATEWAY_SECRET");
        assertThatThrownBy(() -> config(noSecret)).isInstanceOf(ConfigurationError.class)
                .hasMessage("METADATA_STORE=d1 with CLOUDFLARE_TRANSPORT=gateway needs GATEWAY_SECRET");
        Map<String, String> shortSecret = new HashMap<>(base);
        shortSecret.put("GATEWAY_SECRET", "short");
        assertThatThrownBy(() -> config(shortSecret)).isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("at least 32 characters");
        Map<String, String> unknown = new HashMap<>(base);
        unknown.put("CLOUDFLARE_TRANSPORT", "binding");
        assertThatThrownBy(() -> config(unknown)).isInstanceOf(ConfigurationError.class)
                .hasMessage("CLOUDFLARE_TRANSPORT must be one of: api, gateway");
    }
}
