package dev.prompttracker.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product on its embedded defaults in a temporary data directory, for a browser: the links it
 * mails point at its own base URL ({@code FRONTEND_URL}), so they open in its web app.
 */
final class WebProduct implements AutoCloseable {
    static final String ADMIN = "root@example.com";
    static final String PASSWORD = "correct horse battery";
    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(20);

    private final PromptTracker app;
    private final Path outbox;
    private final String baseUrl;
    private final RestClient rest;

    private WebProduct(PromptTracker app, Path outbox, String baseUrl) {
        this.app = app;
        this.outbox = outbox;
        this.baseUrl = baseUrl;
        this.rest = new RestClient(app.port());
    }

    /**
     * FRONTEND_URL must carry the port before the start, and PORT=0 would only tell it after: so a free
     * port is chosen first, and another one if something took it in between.
     */
    static WebProduct start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    static WebProduct start(Path dataDir, Map<String, String> settings) {
        EmbeddedDeployment deployment = new EmbeddedDeployment(dataDir);
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            String baseUrl = "http://127.0.0.1:" + port;
            try {
                Map<String, String> env = new HashMap<>(settings);
                env.putAll(Map.of("PORT", String.valueOf(port), "FRONTEND_URL", baseUrl, "ADMIN_EMAILS", ADMIN));
                PromptTracker app = deployment.start(env);
                return new WebProduct(app, dataDir.resolve("outbox"), baseUrl);
            } catch (RuntimeException e) {
                if (attempt == 3 || !causedByBind(e)) {
                    throw e;
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The absolute URL of a path of the product, e.g. {@code url("/signin")}. */
    String url(String path) {
        return baseUrl + path;
    }

    RestClient rest() {
        return rest;
    }

    /**
     * The link {@code {FRONTEND_URL}{path}?token=…} from a message to the address, waiting for the
     * email worker to write it to the outbox.
     */
    String awaitLink(String address, String path) {
        Pattern link = Pattern.compile(Pattern.quote(baseUrl + path) + "\\?token=[A-Za-z0-9_-]+");
        Instant deadline = Instant.now().plus(MAIL_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> found = messages().stream()
                    .filter(text -> text.contains("To: " + address))
                    .map(link::matcher)
                    .filter(Matcher::find)
                    .map(Matcher::group)
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            EmbeddedDeployment.pause();
        }
        throw new AssertionError("no link to " + baseUrl + path + " was mailed to " + address + " within " + MAIL_TIMEOUT);
    }

    private List<String> messages() {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).map(WebProduct::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String token(String link) {
        return link.substring(link.indexOf("?token=") + "?token=".length());
    }

    /** Registers over REST and proves the address with the mailed link; returns an access token. */
    String provenAccount(String username, String email) {
        var registered = rest.post("/api/auth/register", null,
                Map.of("username", username, "email", email, "password", PASSWORD));
        assertThat(registered.status()).as("register %s", username).isEqualTo(200);
        var proven = rest.post("/api/auth/email/verify", registered.body().get("accessToken").asText(),
                Map.of("token", token(awaitLink(email, "/auth/verify-email"))));
        assertThat(proven.status()).as("prove %s", email).isEqualTo(200);
        return proven.body().get("accessToken").asText();
    }

    /** Registers over REST with {@link #PASSWORD}, address unproven; returns an access token. */
    String account(String username, String email) {
        var registered = rest.post("/api/auth/register", null,
                Map.of("username", username, "email", email, "password", PASSWORD));
        assertThat(registered.status()).as("register %s", username).isEqualTo(200);
        return registered.body().get("accessToken").asText();
    }

    /** A handbook subscriber signed in by a mailed link, who has read chapter 1 and begun chapter 2. */
    String readingSubscriber(String email, String firstName) {
        subscribe(email, firstName);
        assertThat(rest.post("/api/auth/magic-link", null, Map.of("email", email)).status()).isEqualTo(200);
        var signedIn = rest.post("/api/auth/magic-link/verify", null,
                Map.of("token", token(awaitLink(email, "/auth/verify"))));
        assertThat(signedIn.status()).isEqualTo(200);
        String token = signedIn.body().get("accessToken").asText();
        recordReading(token);
        return token;
    }

    /** The handbook is open to subscribers only. */
    void subscribe(String email, String firstName) {
        assertThat(rest.post("/api/subscribers", null, Map.of("email", email, "firstName", firstName)).status())
                .as("subscribe %s", email).isEqualTo(200);
    }

    /** Chapter 1 read, chapter 2 begun, by a subscriber. */
    void recordReading(String token) {
        assertThat(rest.send("PUT", "/api/progress/chapters/1", token,
                Map.of("completed", true, "timeSpentSeconds", 600, "videosWatched", List.of("intro")), Map.of()).status())
                .isEqualTo(200);
        assertThat(rest.send("PUT", "/api/progress/chapters/2", token,
                Map.of("completed", false, "timeSpentSeconds", 120), Map.of()).status()).isEqualTo(200);
    }

    String createPrompt(String token, String title, String content, List<String> tags, boolean isPublic) {
        var created = rest.post("/api/prompts", token,
                Map.of("title", title, "content", content, "tags", tags, "isPublic", isPublic));
        assertThat(created.status()).as("create prompt %s", title).isEqualTo(200);
        return created.body().get("id").asText();
    }

    void addResponse(String token, String promptId, String model, String content, boolean markdown) {
        var added = rest.post("/api/prompts/" + promptId + "/responses", token,
                Map.of("modelName", model, "content", content, "isMarkdown", markdown));
        assertThat(added.status()).as("add response by %s", model).isEqualTo(200);
    }

    @Override
    public void close() {
        app.close();
    }
}
