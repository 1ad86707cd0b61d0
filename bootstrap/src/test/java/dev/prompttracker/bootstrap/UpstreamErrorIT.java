package dev.prompttracker.bootstrap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RequestInfo;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.HttpHeaderNames;
import dev.prompttracker.cloudflare.CloudflareSettings;
import dev.prompttracker.cloudflare.standin.CloudflareStandIn;
import dev.prompttracker.cloudflare.standin.Faults;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What Cloudflare says when a D1 call fails (it can hold SQL, paths, tokens) reaches the product's
 * log, with the request id, and never a client: neither the problem document nor the gRPC status.
 */
class UpstreamErrorIT {
    private static final String SECRET = "token=sk_live_SECRET123 at /var/data/db.sqlite";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    private CloudflareStandIn cloudflare;
    private PromptTracker app;
    private RestClient rest;
    private String token;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void start() throws Exception {
        cloudflare = CloudflareStandIn.start(CloudflareStack.ACCOUNT, CloudflareStack.TOKEN, Clock.systemUTC(),
                Files.createDirectories(folder.resolve("cloudflare")));
        cloudflare.d1().create(CloudflareStack.DATABASE);
        Map<String, String> env = new HashMap<>(ProductJourneys.settings());
        env.putAll(Map.of("DATA_DIR", folder.resolve("data").toString(), "METADATA_STORE", "d1",
                "CLOUDFLARE_API_BASE_URL", cloudflare.baseUrl().toString(),
                "CLOUDFLARE_ACCOUNT_ID", CloudflareStack.ACCOUNT, "CLOUDFLARE_API_TOKEN", CloudflareStack.TOKEN,
                "CLOUDFLARE_REQUESTS_PER_5_MINUTES", "60000", "D1_DATABASE_ID", CloudflareStack.DATABASE,
                // The background read of revoked sessions would otherwise take a fault meant for a request.
                "REVOCATION_SYNC_SECONDS", "300", "PROMPT_CACHE_SECONDS", "1"));
        app = PromptTracker.start(AppConfig.from(Environment.of(env)), Clock.systemUTC());
        rest = new RestClient(app.port());
        token = rest.post("/api/auth/register", null, Map.of("username", "ada", "email", "ada@example.com",
                "password", "correct horse battery")).body().get("accessToken").asText();
        // The email worker reads and writes D1 for the verification email it sends; let it finish before faults
        // are armed: the email is out, and D1 has seen no call for a second.
        new EmbeddedDeployment(folder.resolve("data")).awaitEmailTo("ada@example.com", Duration.ofSeconds(20));
        for (int calls = -1, quiet = 0; quiet < 4; ) {
            Thread.sleep(250);
            int now = cloudflare.journal().size();
            quiet = now == calls ? quiet + 1 : 0;
            calls = now;
        }
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stop() {
        root.detachAppender(log);
        app.close();
        cloudflare.close();
    }

    /** The next D1 call (a prompt's insert: the token is checked in process) gets this error envelope. */
    private void nextD1CallFails(int status, int code, String message) throws Exception {
        String envelope = JSON.writeValueAsString(Map.of("success", false, "messages", List.of(),
                "errors", List.of(Map.of("code", code, "message", message))));
        cloudflare.faults().next("POST", "/d1/database/" + CloudflareStack.DATABASE + "/query",
                Faults.Fault.status(status, envelope));
    }

    private RestClient.Reply createOverRest() {
        return rest.post("/api/prompts", token, Map.of("content", "Write a haiku about D1"));
    }

    private StatusRuntimeException createOverGrpc() {
        var prompts = GrpcClients.builder("http://127.0.0.1:" + app.port())
                .addHeader(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                .build(PromptServiceGrpc.PromptServiceBlockingStub.class);
        return catchThrowableOfType(StatusRuntimeException.class, () -> prompts.createPrompt(
                CreatePromptRequest.newBuilder().setContent("Write a haiku about D1").build()));
    }

    /** The problem names the request (body and header) and says nothing of what D1 said. */
    private static String requestIdOf(RestClient.Reply reply) {
        assertThat(reply.body().toString()).doesNotContain("sk_live_SECRET123", "/var/data", "SQLITE", "constraint");
        String requestId = reply.body().path("requestId").asText();
        assertThat(requestId).isNotBlank().isEqualTo(reply.header("x-request-id"));
        return requestId;
    }

    /** The status and its details name the request and say nothing of what D1 said. */
    private static String requestIdOf(StatusRuntimeException error) throws InvalidProtocolBufferException {
        assertThat(String.valueOf(error.getStatus().getDescription()))
                .doesNotContain("sk_live_SECRET123", "/var/data", "SQLITE", "constraint");
        com.google.rpc.Status details = StatusProto.fromThrowable(error);
        assertThat(details).as("google.rpc.Status in grpc-status-details-bin").isNotNull();
        assertThat(details.toString()).doesNotContain("sk_live_SECRET123", "/var/data", "SQLITE", "constraint");
        var requestInfo = details.getDetailsList().stream().filter(any -> any.is(RequestInfo.class)).findFirst();
        assertThat(requestInfo).isPresent();
        return requestInfo.get().unpack(RequestInfo.class).getRequestId();
    }

    /** Exactly one log event holds what D1 said, and it names the request. */
    private void loggedOnceWith(String requestId) {
        List<String> events;
        synchronized (log) {
            events = log.list.stream().map(UpstreamErrorIT::text).filter(text -> text.contains(SECRET)).toList();
        }
        assertThat(events).singleElement().asString().contains(requestId);
        synchronized (log) {
            log.list.clear();
        }
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            text.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    @Test
    void aD1OutageIsAGeneric503AndLoggedWithTheRequestId() throws Exception {
        nextD1CallFails(500, 10013, "D1 internal error: " + SECRET);
        assertThat(createOverRest().status()).as("one failed attempt is ridden out").isEqualTo(200);

        d1IsDown();
        RestClient.Reply reply = createOverRest();
        assertThat(reply.status()).isEqualTo(503);
        loggedOnceWith(requestIdOf(reply));

        d1IsDown();
        StatusRuntimeException error = createOverGrpc();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        String requestId = requestIdOf(error);
        assertThat(error.getStatus().getDescription()).contains(requestId);
        loggedOnceWith(requestId);
    }

    @Test
    void whileD1IsDownARecentlyReadPromptIsStillServedAndOthersAre503() throws Exception {
        String id = createOverRest().body().get("id").asText();
        String other = createOverRest().body().get("id").asText();
        assertThat(rest.get("/api/prompts/" + id, token).status()).isEqualTo(200);
        Thread.sleep(1_200); // past the cache's time to live

        cloudflare.faults().next("POST", "/d1/database/" + CloudflareStack.DATABASE + "/query",
                Faults.Fault.serverError(503), 10_000);
        assertThat(rest.get("/api/prompts/" + id, token).status()).as("stale-if-error").isEqualTo(200);
        assertThat(rest.get("/api/prompts/" + other, token).status()).as("never read, nothing to stand in")
                .isEqualTo(503);
        for (int i = 0; i < 10; i++) {
            rest.get("/api/prompts/" + other, token);
        }
        int sent = cloudflare.journal().size();
        assertThat(rest.get("/api/prompts/" + other, token).status()).isEqualTo(503);
        assertThat(cloudflare.journal()).as("D1 is not called while its circuit is open").hasSize(sent);
        assertThat(rest.get("/api/prompts/" + id, token).status()).as("still stale-if-error").isEqualTo(200);
        cloudflare.faults().clear();
    }

    /** Every attempt of the next D1 call fails. */
    private void d1IsDown() throws Exception {
        for (int attempt = 0; attempt < CloudflareSettings.MAX_ATTEMPTS; attempt++) {
            nextD1CallFails(500, 10013, "D1 internal error: " + SECRET);
        }
    }

    @Test
    void aConstraintViolationIsAConflictInTheProductsOwnWords() throws Exception {
        String violation = "UNIQUE constraint failed: prompts.id: SQLITE_CONSTRAINT " + SECRET;
        nextD1CallFails(400, 7500, violation);
        RestClient.Reply reply = createOverRest();
        assertThat(reply.status()).isEqualTo(409);
        requestIdOf(reply);
        assertThat(reply.body().path("detail").asText()).isEqualTo("this prompt already exists");

        nextD1CallFails(400, 7500, violation);
        StatusRuntimeException error = createOverGrpc();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        requestIdOf(error);
        assertThat(error.getStatus().getDescription()).isEqualTo("this prompt already exists");
    }

    @Test
    void sqlD1RefusesIsAGeneric500AndLoggedWithTheRequestId() throws Exception {
        nextD1CallFails(400, 7500, "no such table: prompts: SQLITE_ERROR " + SECRET);
        RestClient.Reply reply = createOverRest();
        assertThat(reply.status()).isEqualTo(500);
        loggedOnceWith(requestIdOf(reply));

        nextD1CallFails(400, 7500, "no such table: prompts: SQLITE_ERROR " + SECRET);
        StatusRuntimeException error = createOverGrpc();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        loggedOnceWith(requestIdOf(error));
    }
}
