package dev.prompttracker.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppConfigTest {
    /** Made with {@code openssl rand -base64 32}. */
    static final String JWT_SECRET = "/IgMO5ZRZc+RzBfvpBlfaxZW0TA2ndDmR4FuvAWqEAA=";

    private static AppConfig config(Map<String, String> env) {
        return AppConfig.from(Environment.of(env));
    }

    @Test
    void withNothingSetItRunsOnTheEmbeddedDefaults() {
        AppConfig config = config(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(config.production()).isFalse();
        assertThat(config.corsAllowedOrigins()).containsExactly("http://localhost:3000", "http://localhost:5173");
        assertThat(config.maxRequestBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(config.frontendUrl().toString()).isEqualTo("http://localhost:8080");
        assertThat(config.docsEnabled()).isTrue();
        assertThat(config.metricsEnabled()).isTrue();
        assertThat(config.promptCache().enabled()).isTrue();
        assertThat(config.promptCache().timeToLive()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(config(Map.of("PROMPT_CACHE_SECONDS", "0")).promptCache().enabled()).isFalse();
    }

    @Test
    void honoursTheDocumentedVariables() {
        AppConfig config = config(Map.of("PORT", "9090", "DATA_DIR", "/tmp/pt", "CORS_ALLOWED_ORIGINS",
                "https://app.example.com, https://admin.example.com", "ADMIN_EMAILS", "Boss@Example.com",
                "FRONTEND_URL", "https://app.example.com/"));
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/pt"));
        assertThat(config.corsAllowedOrigins()).containsExactly("https://app.example.com", "https://admin.example.com");
        assertThat(config.adminEmails()).extracting(e -> e.value()).containsExactly("boss@example.com");
        assertThat(config.frontendUrl().toString()).isEqualTo("https://app.example.com");
    }

    @Test
    void productionRequiresASecretAndAnOriginAllowlist() {
        assertThatThrownBy(() -> config(Map.of("APP_ENV", "production", "CORS_ALLOWED_ORIGINS", "https://a.example")))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("JWT_SECRET")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> config(Map.of("APP_ENV", "production", "JWT_SECRET", JWT_SECRET)))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("CORS_ALLOWED_ORIGINS");
        AppConfig production = config(Map.of("APP_ENV", "production", "JWT_SECRET", JWT_SECRET,
                "CORS_ALLOWED_ORIGINS", "https://a.example"));
        assertThat(production.docsEnabled()).isFalse();
        assertThat(production.metricsEnabled()).as("/metrics is opt-in in production").isFalse();
    }

    @Test
    void originsMustBeExact() {
        for (String bad : new String[] {"https://*.example.com", "https://app.example.com/path", "app.example.com",
                "ftp://app.example.com", "https://user@app.example.com", "https://app.example.com.", "*,https://a.example"}) {
            assertThatThrownBy(() -> config(Map.of("CORS_ALLOWED_ORIGINS", bad))).as(bad)
                    .isInstanceOf(ConfigurationError.class).hasMessageContaining("CORS_ALLOWED_ORIGINS");
        }
        assertThat(config(Map.of("CORS_ALLOWED_ORIGINS", "*")).corsAllowedOrigins()).containsExactly("*");
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> config(Map.of("PORT", "eighty"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> config(Map.of("PORT", "70000"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> config(Map.of("ADMIN_EMAILS", "not-an-email"))).hasMessageContaining("ADMIN_EMAILS");
        assertThatThrownBy(() -> config(Map.of("FRONTEND_URL", "javascript:alert(1)"))).hasMessageContaining("FRONTEND_URL");
        assertThatThrownBy(() -> config(Map.of("METADATA_STORE", "postgres"))).hasMessageContaining("METADATA_STORE");
        assertThatThrownBy(() -> config(Map.of("APP_ENV", "prod"))).hasMessageContaining("APP_ENV");
        for (String bad : new String[] {"no-reply", "a@example.com, b@example.com", "Handbook <a@exa mple.com>",
                "Handbook\r\nBcc: x@example.com <a@example.com>"}) {
            assertThatThrownBy(() -> config(Map.of("MAIL_FROM", bad))).as(bad)
                    .isInstanceOf(ConfigurationError.class).hasMessageContaining("MAIL_FROM");
        }
    }

    @Test
    void logFormatIsTextOrJson() {
        assertThat(config(Map.of("LOG_FORMAT", "json"))).isNotNull();
        assertThat(config(Map.of("LOG_FORMAT", "TEXT"))).isNotNull();
        assertThatThrownBy(() -> config(Map.of("LOG_FORMAT", "logfmt")))
                .isInstanceOf(ConfigurationError.class).hasMessage("LOG_FORMAT must be text or json");
    }

    @Test
    void trustedProxiesAreCidrBlocksCheckedAtStartUp() throws Exception {
        assertThat(config(Map.of()).edgeSettings().trustedProxies().isEmpty()).as("none by default").isTrue();
        for (String env : new String[] {"development", "production"}) {
            var proxies = config(Map.of("APP_ENV", env, "JWT_SECRET", "x".repeat(40), "CORS_ALLOWED_ORIGINS",
                    "https://a.example", "TRUSTED_PROXIES", " 10.0.0.0/8 , 2001:db8::/32,192.0.2.7"))
                    .edgeSettings().trustedProxies();
            assertThat(proxies.contains(InetAddress.getByName("10.200.0.1"))).isTrue();
            assertThat(proxies.contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
            assertThat(proxies.contains(InetAddress.getByName("192.0.2.7"))).isTrue();
            assertThat(proxies.contains(InetAddress.getByName("192.0.2.8"))).isFalse();
            assertThat(proxies.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
        }
        for (String bad : new String[] {"10.0.0.0/33", "10.0.0.1/8", "proxy.internal", "10.0.0.0/", "10.0.0.0/8/8",
                "0.0.0.0/0", "::/0", "2001:db8::/129", "10.0.0.0/-8", "1.2.3.4:80", "[::1]/128", "10.0.0.0/8,nope"}) {
            for (String env : new String[] {"development", "production"}) {
                assertThatThrownBy(() -> config(Map.of("APP_ENV", env, "JWT_SECRET", "x".repeat(40),
                        "CORS_ALLOWED_ORIGINS", "https://a.example", "TRUSTED_PROXIES", bad))).as(bad)
                        .isInstanceOf(ConfigurationError.class).hasMessageStartingWith("TRUSTED_PROXIES: '");
            }
        }
    }

    @Test
    void devVarsAreReadAndTheRealEnvironmentWins(@TempDir Path folder) throws Exception {
        Path devVars = Files.writeString(folder.resolve(".dev.vars"), """
                # local overrides
                PORT=7070
                ADMIN_EMAILS="a@example.com"
                FRONTEND_URL = https://from-file.example
                """);
        Environment env = Environment.load(Map.of("PORT", "6060"), devVars);
        AppConfig config = AppConfig.from(env);
        assertThat(config.port()).isEqualTo(6060);
        assertThat(config.adminEmails()).extracting(e -> e.value()).containsExactly("a@example.com");
        assertThat(config.frontendUrl().toString()).isEqualTo("https://from-file.example");
        assertThatThrownBy(() -> Environment.parseDevVars("JUST_A_KEY")).isInstanceOf(ConfigurationError.class);
    }

    @Test
    void aShortJwtSecretStopsTheStartBeforeAnyPortOpens(@TempDir Path folder) {
        AppConfig config = config(Map.of("JWT_SECRET", "x".repeat(31), "DATA_DIR", folder.toString(), "PORT", "0"));
        assertThatThrownBy(() -> PromptTracker.start(config, Clock.systemUTC()))
                .isInstanceOf(ConfigurationError.class).hasMessageContaining("JWT_SECRET")
                .hasMessageContaining("openssl rand -base64 32");
        assertThat(folder.resolve("prompt-tracker.sqlite")).doesNotExist();
    }
}
