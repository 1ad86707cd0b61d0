package dev.prompttracker.bootstrap;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each scenario of the benchmark costs in Cloudflare calls, from the product's own per-route
 * counters ({@code store_calls_total}), in full Cloudflare mode over both transports: the REST API
 * against the stand-ins, and the gateway Worker on workerd (with D1's rows read and written; its
 * throughput is {@code bench/run --gateway}'s to measure); asserts the cost promises and writes the tables with the budget arithmetic
 * to {@code target/cloudflare-cost.md} and {@code target/cloudflare-cost-gateway.md}
 * ({@code bench/run --cloudflare} prints them).
 */
class CloudflareCostIT {
    /** The account-wide limit of the Cloudflare API: 1,200 requests per five minutes. */
    static final double API_REQUESTS_PER_SECOND = 1200 / 300.0;
    private static final int REQUESTS = 20;
    private static final Pattern COUNTER = Pattern.compile("^store_calls_total\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern ROWS = Pattern.compile("^d1_rows_total\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(CloudflareStack.BUCKET).build();

    @TempDir
    Path folder;

    record Cost(String scenario, int requests, Map<String, Double> calls) {
        double perRequest(String service) {
            return calls.entrySet().stream().filter(e -> e.getKey().startsWith(service + " "))
                    .mapToDouble(Map.Entry::getValue).sum() / requests;
        }

        /** Calls to api.cloudflare.com (D1, KV, Queues); R2 is reached on its own S3 endpoint. */
        double apiCallsPerRequest() {
            return perRequest("d1") + perRequest("kv") + perRequest("queues");
        }
    }

    @Test
    void eachScenarioCostsWhatTheBudgetAllows() throws Exception {
        try (CloudflareStack stack = new CloudflareStack(folder.resolve("cloudflare"), S3.getServiceEndpoint());
             PromptTracker app = new CloudflareDeployment(stack, S3, folder.resolve("data")).start()) {
            CloudflareDeployment deployment = new CloudflareDeployment(stack, S3, folder.resolve("data"));
            List<Cost> costs = scenarios(app, deployment::awaitEmailTo);
            String table = table("the REST API, against the stand-ins", costs, false);
            System.out.println(table);
            Files.writeString(Path.of("target", "cloudflare-cost.md"), table);
            assertPromises(costs, table);
        }
    }

    /**
     * The same scenarios with CLOUDFLARE_TRANSPORT=gateway against the gateway Worker on workerd, whose
     * local D1 reports rows read and written as D1 does.
     */
    @Test
    void throughTheGatewayTheSameCallsAndTheirRows() throws Exception {
        try (GatewayStack stack = new GatewayStack()) {
            Map<String, String> env = new HashMap<>(ProductJourneys.settings());
            env.putAll(stack.environment(folder.resolve("gateway-data"), stack.gateway.url(),
                    Optional.of(S3.getServiceEndpoint())));
            env.put("RATE_LIMIT_WRITES_PER_USER", "1000000/1m");
            try (PromptTracker app = PromptTracker.start(AppConfig.from(Environment.of(env)), Clock.systemUTC())) {
                List<Cost> costs = scenarios(app, stack::awaitEmailTo);
                String table = table("the gateway Worker, on workerd", costs, true);
                System.out.println(table);
                Files.writeString(Path.of("target", "cloudflare-cost-gateway.md"), table);
                assertPromises(costs, table);
                Cost create = costs.get(4);
                assertThat(create.calls().get("d1-rows written") / create.requests())
                        .as("a create writes its rows, the search index's and the receipt's\n" + table)
                        .isPositive();
            }
        }
    }

    private interface Mailbox {
        String awaitEmailTo(String address, Duration timeout);
    }

    private static List<Cost> scenarios(PromptTracker app, Mailbox mailbox) throws Exception {
        RestClient rest = new RestClient(app.port());
        String owner = rest.post("/api/auth/register", null, Map.of("username", "owner", "email",
                "owner@example.com", "password", "correct horse battery")).body().get("accessToken").asText();
        String twoKb = "Summarise the meeting notes in five bullet points. ".repeat(40);
        String hot = created(rest.post("/api/prompts", owner, Map.of("title", "Hot", "content", twoKb,
                "isPublic", true, "tags", List.of("bench"))));
        List<String> responses = new ArrayList<>();
        for (String model : List.of("a", "b", "c")) {
            responses.add(created(rest.post("/api/prompts/" + hot + "/responses", owner,
                    Map.of("modelName", model, "content", twoKb))));
        }
        for (int i = 0; i < 50; i++) {
            created(rest.post("/api/prompts", owner, Map.of("title", "Listed " + i, "content", "Prompt " + i)));
        }
        String reader = signInByEmail(rest, mailbox);

        List<Cost> costs = new ArrayList<>();
        // Changing a response drops the prompt from memory: the next read assembles it again.
        costs.add(measure(app, "GET prompt + 3 responses, first read after a write", REQUESTS, i -> {
            ok(rest.send("PATCH", "/api/prompts/" + hot + "/responses/" + responses.get(0), owner,
                    Map.of("modelName", "a" + i), Map.of()));
        }, i -> ok(rest.get("/api/prompts/" + hot, owner))));
        costs.add(measure(app, "GET prompt + 3 responses (owner), cached", REQUESTS, i -> {
        }, i -> ok(rest.get("/api/prompts/" + hot, owner))));
        costs.add(measure(app, "GET prompt + 3 responses (public), cached", REQUESTS, i -> {
        }, i -> ok(rest.get("/api/prompts/" + hot, null))));
        costs.add(measure(app, "list 50 prompts", REQUESTS, i -> {
        }, i -> ok(rest.get("/api/prompts?pageSize=50", owner))));
        costs.add(measure(app, "create prompt (2 KB)", REQUESTS, i -> {
        }, i -> ok(rest.post("/api/prompts", owner, Map.of("title", "Created " + i, "content", twoKb)))));
        costs.add(measure(app, "add response (2 KB)", REQUESTS, i -> {
        }, i -> ok(rest.post("/api/prompts/" + hot + "/responses", owner,
                Map.of("modelName", "m" + i, "content", twoKb)))));
        // Odd requests start a chapter, even ones add to it: both kinds of upsert are counted.
        costs.add(measure(app, "progress upsert", REQUESTS, i -> {
        }, i -> ok(rest.send("PUT", "/api/progress/chapters/" + (i / 2 + 1), reader,
                Map.of("timeSpentSeconds", 5), Map.of()))));
        costs.add(measure(app, "CORS preflight", REQUESTS, i -> {
        }, i -> assertThat(rest.send("OPTIONS", "/api/prompts", null, null, Map.of("Origin",
                ProductJourneys.APP_ORIGIN, "Access-Control-Request-Method", "POST")).status()).isEqualTo(200)));
        return costs;
    }

    private static void assertPromises(List<Cost> costs, String table) {
        Cost afterWrite = costs.get(0);
        assertThat(afterWrite.perRequest("d1")).as(table).isEqualTo(1.0);
        assertThat(afterWrite.perRequest("kv")).as(table).isZero();
        assertThat(costs.get(1).apiCallsPerRequest()).as("a cached read, auth included\n" + table).isZero();
        assertThat(costs.get(1).perRequest("r2")).as(table).isZero();
        assertThat(costs.get(2).apiCallsPerRequest()).as(table).isZero();
        Cost create = costs.get(4);
        assertThat(create.perRequest("d1")).as("one D1 call, no KV for auth or limits\n" + table).isEqualTo(1.0);
        assertThat(create.perRequest("kv")).as(table).isZero();
        assertThat(create.calls().get("r2 PutObject") / create.requests()).as(table).isEqualTo(1.0);
        Cost addResponse = costs.get(5);
        assertThat(addResponse.perRequest("d1")).as("the checks and the insert in one D1 call\n" + table).isEqualTo(1.0);
        assertThat(addResponse.perRequest("kv")).as(table).isZero();
        Cost progress = costs.get(6);
        assertThat(progress.calls().get("d1 write") / progress.requests()).as("one upsert per report\n" + table)
                .isEqualTo(1.0);
        assertThat(progress.perRequest("d1")).as("and only the first reads the subscription (then held in memory)\n"
                + table).isLessThanOrEqualTo(1.0 + 1.0 / REQUESTS);
        assertThat(costs.get(7).apiCallsPerRequest() + costs.get(7).perRequest("r2")).as(table).isZero();
    }

    private static String created(RestClient.Reply reply) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.body().get("id").asText();
    }

    private static void ok(RestClient.Reply reply) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    }

    private static String signInByEmail(RestClient rest, Mailbox mailbox) {
        ok(rest.post("/api/subscribers", null, Map.of("email", "reader@example.com", "firstName", "Ada")));
        ok(rest.post("/api/auth/magic-link", null, Map.of("email", "reader@example.com")));
        Matcher link = ProductJourneys.MAGIC_LINK.matcher(mailbox.awaitEmailTo("reader@example.com",
                Duration.ofSeconds(20)));
        assertThat(link.find()).isTrue();
        return rest.post("/api/auth/magic-link/verify", null, Map.of("token", link.group(1)))
                .body().get("accessToken").asText();
    }

    /** Runs {@code request} n times (each after {@code before}, whose calls are not counted). */
    private static Cost measure(PromptTracker app, String scenario, int n, IntConsumer before, IntConsumer request)
            throws Exception {
        Map<String, Double> calls = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            before.accept(i);
            Map<String, Double> start = counters(app);
            request.accept(i);
            counters(app).forEach((key, value) -> {
                double delta = value - start.getOrDefault(key, 0.0);
                if (delta > 0) {
                    calls.merge(key, delta, Double::sum);
                }
            });
        }
        return new Cost(scenario, n, calls);
    }

    /** Calls made for requests (not the email worker's polling), by "service operation", and D1's rows ("d1-rows read"). */
    private static Map<String, Double> counters(PromptTracker app) throws Exception {
        Map<String, Double> counters = new TreeMap<>();
        String metrics = CloudflareDeployment.scrapeMetrics(app.port());
        Matcher rows = ROWS.matcher(metrics);
        while (rows.find()) {
            Map<String, String> labels = labels(rows.group(1));
            if (!"background".equals(labels.get("route")) && !"/metrics".equals(labels.get("route"))) {
                counters.merge("d1-rows " + labels.get("kind"), Double.parseDouble(rows.group(2)), Double::sum);
            }
        }
        Matcher line = COUNTER.matcher(metrics);
        while (line.find()) {
            Map<String, String> labels = labels(line.group(1));
            if (!"background".equals(labels.get("route")) && !"/metrics".equals(labels.get("route"))) {
                counters.merge(labels.get("service") + " " + labels.get("operation"), Double.parseDouble(line.group(2)),
                        Double::sum);
            }
        }
        return counters;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        Matcher label = LABEL.matcher(text);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }

    static String table(String transport, List<Cost> costs, boolean rows) {
        StringBuilder out = new StringBuilder("## prompt-tracker in Cloudflare mode through " + transport + "\n\n")
                .append("Counted by the product's `store_calls_total{route,service,operation}`")
                .append(rows ? " and `d1_rows_total{route,kind}` (D1's own `rows_read`/`rows_written`, the units it bills)"
                        : "")
                .append(", ").append(REQUESTS).append(" requests per scenario. Over the REST API, 1,200 requests per 5")
                .append(" minutes per account (4/s) divided by the D1 + KV + Queues calls of one request is how many")
                .append(" of it one deployment can serve per second; through the gateway each call is one Worker")
                .append(" request, with no account budget. R2 is reached on its own S3 endpoint (billed per")
                .append(" operation).\n\n")
                .append("| scenario | D1 | KV | Queues | calls/req | R2 ops/req |")
                .append(rows ? " D1 rows read/req | D1 rows written/req |" : "")
                .append(" calls per request, by operation | max/s within the API budget |\n")
                .append(rows ? "|---|--:|--:|--:|--:|--:|--:|--:|---|--:|\n" : "|---|--:|--:|--:|--:|--:|---|--:|\n");
        for (Cost cost : costs) {
            double api = cost.apiCallsPerRequest();
            String detail = cost.calls().entrySet().stream().filter(e -> !e.getKey().startsWith("d1-rows"))
                    .map(e -> e.getKey() + " " + format(e.getValue() / cost.requests()))
                    .reduce((a, b) -> a + ", " + b).orElse("—");
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", cost.scenario(),
                    format(cost.perRequest("d1")), format(cost.perRequest("kv")), format(cost.perRequest("queues")),
                    format(api), format(cost.perRequest("r2"))));
            if (rows) {
                out.append(String.format(Locale.ROOT, " %s | %s |",
                        format(cost.calls().getOrDefault("d1-rows read", 0.0) / cost.requests()),
                        format(cost.calls().getOrDefault("d1-rows written", 0.0) / cost.requests())));
            }
            out.append(String.format(Locale.ROOT, " %s | %s |%n", detail,
                    api == 0 ? "no API call: CPU-bound (see the embedded table)"
                            : String.format(Locale.ROOT, "%.1f", API_REQUESTS_PER_SECOND / api)));
        }
        return out.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
