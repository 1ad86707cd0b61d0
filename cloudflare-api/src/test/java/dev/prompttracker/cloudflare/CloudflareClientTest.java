package dev.prompttracker.cloudflare;

import dev.prompttracker.cloudflare.standin.CloudflareStandIn;
import dev.prompttracker.cloudflare.standin.Faults.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's envelope handling, retry policy, pause gate and budget against the stand-in with injected faults. */
class CloudflareClientTest {
    private static final String ACCOUNT = "acc123";
    private static final String TOKEN = "secret-token-value";
    @TempDir
    Path folder;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();
    private CloudflareStandIn standIn;
    private CloudflareClient client;

    @BeforeEach
    void start() {
        standIn = CloudflareStandIn.start(ACCOUNT, TOKEN, clock, folder);
        standIn.d1().create("db1");
        standIn.kv().create("ns1");
        client = client(new CloudflareSettings(standIn.baseUrl(), ACCOUNT, TOKEN, Duration.ofSeconds(2), 600,
                Duration.ofMinutes(5), 20, 3));
    }

    private CloudflareClient client(CloudflareSettings settings) {
        return new CloudflareClient(settings, clock, clock.sleeper(), (service, operation, status) -> calls.incrementAndGet());
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private static CloudflareRequest select(boolean retryable) {
        return CloudflareRequest.json("d1", "query", "POST", "/d1/database/db1/query",
                "{\"sql\":\"SELECT 1 AS one\"}".getBytes(StandardCharsets.UTF_8), retryable);
    }

    private int requestsTo(String pathPart) {
        return (int) standIn.journal().stream().filter(r -> r.path().contains(pathPart)).count();
    }

    @Test
    void returnsTheEnvelopesResultAndSendsTheBearerToken() {
        CloudflareResponse response = client.send(select(true));
        assertThat(response.result().get(0).path("results").get(0).path("one").asInt()).isEqualTo(1);
        assertThat(standIn.journal().getFirst().authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(standIn.journal().getFirst().path()).isEqualTo("/client/v4/accounts/acc123/d1/database/db1/query");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void aServiceThatKeepsFailingIsPausedAloneAndTriedAgainLater() {
        standIn.faults().next("POST", "/query", Fault.serverError(503), 1000);
        for (int i = 0; i < ServiceBreakers.MINIMUM_CALLS; i++) {
            assertThatThrownBy(() -> client.send(select(true))).isInstanceOf(CloudflareException.Unavailable.class)
                    .hasMessageContaining("503");
        }
        assertThat(client.isPaused("d1")).isTrue();
        int sent = requestsTo("/query");
        assertThatThrownBy(() -> client.send(select(true))).isInstanceOf(CloudflareException.Unavailable.class)
                .hasMessageContaining("d1 has been failing");
        assertThat(requestsTo("/query")).as("not sent while paused").isEqualTo(sent);
        assertThat(client.isPaused("kv")).isFalse();

        standIn.faults().clear();
        clock.advance(ServiceBreakers.OPEN_FOR.plusMillis(1));
        assertThat(client.send(select(true)).result()).as("a trial call, answered").isNotNull();
    }

    @Test
    void errorEnvelopesSurfaceWithTheirCodes() {
        CloudflareRequest badSql = CloudflareRequest.json("d1", "query", "POST", "/d1/database/db1/query",
                "{\"sql\":\"SELEKT\"}".getBytes(StandardCharsets.UTF_8), true);
        assertThatThrownBy(() -> client.send(badSql)).isInstanceOfSatisfying(CloudflareException.ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.hasCode(7500)).isTrue();
        });
        assertThat(requestsTo("/query")).as("a SQL error is not retried").isEqualTo(1);
        CloudflareRequest missing = CloudflareRequest.json("d1", "query", "POST", "/d1/database/nope/query",
                "{\"sql\":\"SELECT 1\"}".getBytes(StandardCharsets.UTF_8), true);
        assertThatThrownBy(() -> client.send(missing)).isInstanceOfSatisfying(CloudflareException.ApiError.class,
                e -> assertThat(e.hasCode(7404)).isTrue());
        CloudflareClient wrongToken = client(new CloudflareSettings(standIn.baseUrl(), ACCOUNT, "wrong", Duration.ofSeconds(2),
                600, Duration.ofMinutes(5), 20, 3));
        assertThatThrownBy(() -> wrongToken.send(select(true))).isInstanceOfSatisfying(CloudflareException.ApiError.class,
                e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aReadIsRetriedOnTransientFailuresWithinTheAttemptLimit() {
        standIn.faults().next("POST", "/query", Fault.serverError(503)).next("POST", "/query", Fault.serverError(502));
        assertThat(client.send(select(true)).status()).isEqualTo(200);
        assertThat(requestsTo("/query")).isEqualTo(3);

        standIn.clearJournal();
        standIn.faults().next("POST", "/query", Fault.serverError(503), 3);
        assertThatThrownBy(() -> client.send(select(true))).isInstanceOf(CloudflareException.Unavailable.class);
        assertThat(requestsTo("/query")).isEqualTo(3);
    }

    @Test
    void aWriteIsNeverResentAfterItMayHaveArrived() {
        standIn.faults().next("POST", "/query", Fault.serverError(503));
        assertThatThrownBy(() -> client.send(select(false))).isInstanceOf(CloudflareException.Unavailable.class);
        assertThat(requestsTo("/query")).isEqualTo(1);

        standIn.clearJournal();
        standIn.faults().next("POST", "/query", Fault.answerLost());
        assertThatThrownBy(() -> client.send(select(false))).isInstanceOf(CloudflareException.Unavailable.class)
                .hasMessageContaining("may or may not");
        assertThat(requestsTo("/query")).isEqualTo(1);
    }

    @Test
    void aSlowAnswerPastTheTimeoutIsUnavailableAndAResetReadIsRetried() {
        standIn.faults().next("POST", "/query", Fault.slowAnswer(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> client.send(select(false))).isInstanceOf(CloudflareException.Unavailable.class);
        standIn.faults().next("POST", "/query", Fault.connectionReset());
        assertThat(client.send(select(true)).status()).isEqualTo(200);
    }

    @Test
    void anAnswerWhoseBodyStallsAfterItsHeadersEndsAtTheTimeout() {
        CloudflareClient quick = client(new CloudflareSettings(standIn.baseUrl(), ACCOUNT, TOKEN, Duration.ofMillis(300),
                600, Duration.ofMinutes(5), 20, 3));
        standIn.faults().next("POST", "/query", Fault.stalledBody(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> quick.send(select(false))).isInstanceOf(CloudflareException.Unavailable.class)
                .hasMessageContaining("may or may not");
        standIn.faults().next("POST", "/query", Fault.stalledBody(Duration.ofSeconds(3)));
        assertThat(quick.send(select(true)).status()).as("a read is sent again").isEqualTo(200);
        assertThat(requestsTo("/query")).isEqualTo(3);
    }

    @Test
    void aMalformedEnvelopeIsUnavailableNotASuccess() {
        standIn.faults().next("POST", "/query", Fault.malformed(), 3);
        assertThatThrownBy(() -> client.send(select(false))).isInstanceOf(CloudflareException.Unavailable.class);
    }

    @Test
    void a429PausesEveryCallUntilRetryAfter() {
        standIn.faults().next("POST", "/query", Fault.rateLimited(300));
        assertThatThrownBy(() -> client.send(select(true))).isInstanceOfSatisfying(CloudflareException.RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(300)));
        int before = standIn.journal().size();
        CloudflareRequest kvRead = CloudflareRequest.get("kv", "get", "/storage/kv/namespaces/ns1/values/x", true);
        assertThatThrownBy(() -> client.sendRaw(kvRead)).isInstanceOf(CloudflareException.RateLimited.class);
        assertThatThrownBy(() -> client.send(select(true))).isInstanceOf(CloudflareException.RateLimited.class);
        assertThat(standIn.journal()).as("nothing is sent while paused").hasSize(before);

        clock.advance(Duration.ofSeconds(301));
        assertThat(client.send(select(true)).status()).isEqualTo(200);
    }

    @Test
    void aShortRetryAfterIsWaitedOutForASafeCall() {
        standIn.faults().next("POST", "/query", Fault.rateLimited(2));
        Instant before = clock.instant();
        assertThat(client.send(select(true)).status()).isEqualTo(200);
        assertThat(Duration.between(before, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(requestsTo("/query")).isEqualTo(2);
    }

    @Test
    void aShortPauseHoldsEveryOtherCallBackInsteadOfRefusingIt() {
        standIn.faults().next("POST", "/query", Fault.rateLimited(1));
        Instant before = clock.instant();
        assertThat(client.send(select(false)).status()).as("a write: a 429 ran nothing").isEqualTo(200);
        assertThat(Duration.between(before, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        standIn.faults().next("POST", "/query", Fault.rateLimited(2));
        assertThat(client.send(select(true)).status()).isEqualTo(200);
        CloudflareRequest kvRead = CloudflareRequest.get("kv", "get", "/storage/kv/namespaces/ns1/values/x", true);
        assertThat(client.sendRaw(kvRead)).as("another call right after waits no more than the pause").isEmpty();
    }

    @Test
    void theClientSideBudgetHoldsABurstBack() {
        CloudflareClient tight = client(new CloudflareSettings(standIn.baseUrl(), ACCOUNT, TOKEN, Duration.ofSeconds(2), 10,
                Duration.ofMinutes(5), 3, 1));
        for (int i = 0; i < 3; i++) {
            tight.send(select(true));
        }
        assertThatThrownBy(() -> tight.send(select(true))).isInstanceOf(CloudflareException.RateLimited.class);
        assertThat(requestsTo("/query")).isEqualTo(3);
        clock.advance(Duration.ofSeconds(30));
        assertThat(tight.send(select(true)).status()).isEqualTo(200);
    }

    @Test
    void fewRemainingRequestsSpaceTheNextOnesOut() {
        RequestBudget budget = new RequestBudget(1000, Duration.ofMinutes(5), 100, Duration.ofSeconds(10), clock,
                clock.sleeper());
        budget.observeRemaining(10, Duration.ofSeconds(30));
        Instant start = clock.instant();
        budget.acquire();
        budget.acquire();
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        budget.observeRemaining(0, Duration.ofSeconds(20));
        assertThatThrownBy(budget::acquire).isInstanceOf(CloudflareException.RateLimited.class);
    }

    @Test
    void kvReadsReturnRawBytesAndMissingKeysAsEmpty() {
        CloudflareRequest put = new CloudflareRequest("kv", "put", "PUT", "/storage/kv/namespaces/ns1/values/greeting",
                Map.of(), "hello".getBytes(StandardCharsets.UTF_8), "application/octet-stream", true);
        client.send(put);
        assertThat(client.sendRaw(CloudflareRequest.get("kv", "get", "/storage/kv/namespaces/ns1/values/greeting", true))
                .map(r -> new String(r.body(), StandardCharsets.UTF_8))).contains("hello");
        assertThat(client.sendRaw(CloudflareRequest.get("kv", "get", "/storage/kv/namespaces/ns1/values/absent", true)))
                .isEmpty();
    }

    @Test
    void aRawReadNamingItsMissingKeyCodeTellsAnAbsentKeyFromAMissingResource() {
        int keyNotFound = 10009;
        assertThat(client.sendRaw(CloudflareRequest.get("kv", "get", "/storage/kv/namespaces/ns1/values/absent", true),
                keyNotFound)).isEmpty();
        CloudflareRequest unknownNamespace = CloudflareRequest.get("kv", "get", "/storage/kv/namespaces/nowhere/values/k",
                true);
        assertThatThrownBy(() -> client.sendRaw(unknownNamespace, keyNotFound))
                .isInstanceOfSatisfying(CloudflareException.ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(client.sendRaw(unknownNamespace)).as("without a code, any 404 reads as absent").isEmpty();
    }

    @Test
    void theTokenNeverAppearsInTheSettingsText() {
        assertThat(client.settings().toString()).doesNotContain(TOKEN).contains("redacted");
    }
}
