package dev.prompttracker.bootstrap;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.prompt.PromptId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 anonymous requests that would each reach D1 (refreshes with made-up tokens, reads of random
 * ids, public feed pages with varying cursors), sent through a trusted proxy from 2,000 addresses so
 * that no per-address limit stops them, against the product in Cloudflare mode on a tight API budget.
 * A signed-in user reads and writes all the while and is always served: anonymous traffic only ever
 * spends its share of the budget.
 */
class AnonymousBudgetIT {
    private static final int ANONYMOUS_REQUESTS = 2_000;
    /** The real account limit: 1,200 per 5 minutes (4/s, bursts of 40), half of it for anonymous requests. */
    private static final int BUDGET_PER_5_MINUTES = 1_200;
    private static final Pattern D1_CALLS = Pattern.compile(
            "^store_calls_total\\{([^}]*service=\"d1\"[^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern ROUTE = Pattern.compile("route=\"([^\"]*)\"");

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(CloudflareStack.BUCKET).build();

    @TempDir
    Path folder;

    @Test
    void signedInReadsAndWritesAreServedWhileAnonymousTrafficSpendsOnlyItsShare() throws Exception {
        try (CloudflareStack stack = new CloudflareStack(folder.resolve("cloudflare"), S3.getServiceEndpoint());
             PromptTracker app = new CloudflareDeployment(stack, S3, folder.resolve("data")).start(Map.of(
                     "CLOUDFLARE_REQUESTS_PER_5_MINUTES", Integer.toString(BUDGET_PER_5_MINUTES),
                     "CLOUDFLARE_ANONYMOUS_SHARE_PERCENT", "50",
                     "TRUSTED_PROXIES", "127.0.0.1/32,::1/128"))) {
            RestClient rest = new RestClient(app.port());
            String owner = rest.post("/api/auth/register", null, Map.of("username", "owner", "email",
                    "owner@example.com", "password", "correct horse battery")).body().get("accessToken").asText();
            String prompt = rest.post("/api/prompts", owner, Map.of("content", "Kept while under attack",
                    "isPublic", true)).body().get("id").asText();
            Thread.sleep(Duration.ofSeconds(12).toMillis()); // the bursts refill after the set-up's calls
            Map<String, Double> before = d1CallsByRoute(app);

            Map<Integer, AtomicInteger> anonymousAnswers = new ConcurrentHashMap<>();
            AtomicInteger sent = new AtomicInteger();
            Instant start = Instant.now();
            List<Integer> signedInAnswers = new ArrayList<>();
            try (ExecutorService attackers = Executors.newFixedThreadPool(6)) {
                List<Future<?>> attack = new ArrayList<>();
                for (int thread = 0; thread < 6; thread++) {
                    attack.add(attackers.submit(() -> {
                        for (int n = sent.getAndIncrement(); n < ANONYMOUS_REQUESTS; n = sent.getAndIncrement()) {
                            int status = anonymousRequest(rest, n).status();
                            anonymousAnswers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        }
                    }));
                }
                // The signed-in user keeps working, about two store calls a second, until the attack is over.
                for (int i = 0; !attack.stream().allMatch(Future::isDone) || i < 10; i++) {
                    signedInAnswers.add(rest.post("/api/prompts/" + prompt + "/responses", owner,
                            Map.of("modelName", "model-" + i, "content", "answer " + i)).status());
                    signedInAnswers.add(rest.get("/api/prompts/" + prompt, owner).status());
                    Thread.sleep(500);
                }
                for (Future<?> thread : attack) {
                    thread.get();
                }
            }
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            Map<String, Double> calls = delta(before, d1CallsByRoute(app));

            String report = "anonymous answers " + new TreeMap<>(anonymousAnswers) + ", D1 calls by route " + calls
                    + ", " + seconds + " s";
            assertThat(signedInAnswers).as(report).isNotEmpty().allMatch(status -> status == 200);
            assertThat(anonymousAnswers.keySet()).as(report).allMatch(status -> List.of(200, 401, 404, 429)
                    .contains(status));
            assertThat(anonymousAnswers.get(429)).as("anonymous requests refused once their share was spent: " + report)
                    .isNotNull();
            assertThat(calls.getOrDefault("/api/auth/refresh", 0.0)).as("made-up refresh tokens: " + report).isZero();
            double anonymous = calls.getOrDefault("/api/prompts/:id", 0.0) + calls.getOrDefault("/api/public/prompts", 0.0)
                    - signedInReads(signedInAnswers);
            double share = BUDGET_PER_5_MINUTES / 300.0 / 2;
            assertThat(anonymous).as("at most half the burst and half the rate: " + report)
                    .isLessThanOrEqualTo(20 + share * seconds + 2);
        }
    }

    /** One of three kinds, each from its own address behind the trusted proxy. */
    private static RestClient.Reply anonymousRequest(RestClient rest, int n) {
        Map<String, String> from = Map.of("X-Forwarded-For", "198.18." + (n / 250) + "." + (n % 250 + 1));
        return switch (n % 3) {
            case 0 -> rest.send("POST", "/api/auth/refresh", null, Map.of("refreshToken", madeUpToken()), from);
            case 1 -> rest.send("GET", "/api/prompts/" + PromptId.random().value(), null, null, from);
            default -> rest.send("GET", "/api/public/prompts?pageToken=" + new PageCursor(Instant.ofEpochMilli(
                    ThreadLocalRandom.current().nextLong(1, 1L << 40)), PromptId.random().value()).token(), null, null,
                    from);
        };
    }

    private static String madeUpToken() {
        byte[] bytes = new byte[48];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Each signed-in read of the prompt after a new response is one D1 read on the same route. */
    private static int signedInReads(List<Integer> answers) {
        return answers.size() / 2;
    }

    private static Map<String, Double> d1CallsByRoute(PromptTracker app) throws Exception {
        Map<String, Double> calls = new TreeMap<>();
        Matcher line = D1_CALLS.matcher(CloudflareDeployment.scrapeMetrics(app.port()));
        while (line.find()) {
            Matcher route = ROUTE.matcher(line.group(1));
            if (route.find()) {
                calls.merge(route.group(1), Double.parseDouble(line.group(2)), Double::sum);
            }
        }
        return calls;
    }

    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new TreeMap<>();
        after.forEach((route, value) -> {
            double change = value - before.getOrDefault(route, 0.0);
            if (change > 0) {
                delta.put(route, change);
            }
        });
        return delta;
    }
}
