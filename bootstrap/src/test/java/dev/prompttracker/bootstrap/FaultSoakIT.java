package dev.prompttracker.bootstrap;

import dev.prompttracker.adapter.d1.sql.D1SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.cloudflare.CallListener;
import dev.prompttracker.cloudflare.standin.FaultProxy;
import dev.prompttracker.cloudflare.standin.Faults;
import dev.prompttracker.cloudflare.standin.Faults.Fault;
import dev.prompttracker.cloudflare.workerd.WorkerdGateway;
import dev.prompttracker.domain.mail.MailMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product riding out upstream faults, on both transports: D1, KV and Queues over the Cloudflare
 * API stand-in, and over the gateway Worker on workerd behind a fault proxy; each fails a share of
 * calls at random (503, a slow answer past the client's timeout with the work done, or one whose body stalls after its headers,
 * a connection reset after the work, 429 with Retry-After 1; each alone, then all mixed), while users
 * create prompts, read them back and ask for sign-in links. Afterwards, with the faults off, every
 * acknowledged write must be there once, every acknowledged link sent, and no request may have been a
 * 500. Prints the figures ({@code target/fault-soak-api.md}, {@code -gateway.md}); {@code -Dsoak.operations=N} sets the
 * operations per phase (the suite runs a short form; {@code bench/run --faults} a long one).
 */
class FaultSoakIT {
    private static final double SHARE = 0.10;
    private static final int OPERATIONS = Integer.getInteger("soak.operations", 100);
    private static final int CLIENTS = 4;
    /** The product's timeout per call; the injected late answers come after it. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration LATE = CLIENT_TIMEOUT.plusMillis(500);
    /** Every fifth operation also subscribes an address and asks for its sign-in link (an email job). */
    private static final int EMAIL_EVERY = 5;

    @TempDir
    Path folder;

    record Phase(String name, List<Fault> faults) {
    }

    /** One phase's figures. */
    record Figures(String phase, int writes, int writesOk, int reads, int readsOk, int emails, int emailsOk,
                   int lostWrites, int duplicates, int lostEmails, int http500, Map<String, Integer> statuses,
                   Map<String, Integer> injected, Duration elapsed) {
        double writeRate() {
            return writes == 0 ? 1 : (double) writesOk / writes;
        }

        double readRate() {
            return reads == 0 ? 1 : (double) readsOk / reads;
        }
    }

    /** Where the faults are injected and what is checked afterwards, for one transport. */
    private interface Rig extends AutoCloseable {
        Map<String, String> environment(Path data);

        Faults faults();

        /** D1 reached without faults, to count duplicates. */
        D1SqlExecutor d1();

        List<MailMessage> delivered();

        @Override
        void close();
    }

    @Test
    void overTheRestApiUsersBarelyNoticeTenPercentOfCallsFailing() throws Exception {
        CloudflareStack stack = new CloudflareStack(folder.resolve("cloudflare"), "http://127.0.0.1:9");
        soak("REST API (stand-in)", "api", new Rig() {
            public Map<String, String> environment(Path data) {
                return stack.environment(data);
            }

            public Faults faults() {
                return stack.cloudflare.faults();
            }

            public D1SqlExecutor d1() {
                return new D1SqlExecutor(stack.cloudflare.client(Clock.systemUTC()), CloudflareStack.DATABASE);
            }

            public List<MailMessage> delivered() {
                return stack.sendGrid.delivered();
            }

            public void close() {
                stack.close();
            }
        }, 0);
    }

    @Test
    void overTheGatewayUsersBarelyNoticeTenPercentOfCallsFailing() throws Exception {
        GatewayStack stack = new GatewayStack();
        FaultProxy proxy = FaultProxy.inFrontOf(stack.gateway.url());
        soak("gateway Worker (workerd)", "gateway", new Rig() {
            public Map<String, String> environment(Path data) {
                return stack.environment(data, proxy.url(), Optional.empty());
            }

            public Faults faults() {
                return proxy.faults();
            }

            public D1SqlExecutor d1() {
                return new D1SqlExecutor(stack.gateway.client(CallListener.NONE), WorkerdGateway.D1);
            }

            public List<MailMessage> delivered() {
                return stack.sendGrid.delivered();
            }

            public void close() {
                proxy.close();
                stack.close();
            }
        }, 100);
    }

    private void soak(String transport, String name, Rig rig, int seed) throws Exception {
        List<Phase> phases = List.of(
                new Phase("503", List.of(Fault.serverError(503))),
                new Phase("timeout (work done, answer late or its body stalled)",
                        List.of(Fault.slowAnswer(LATE), Fault.stalledBody(LATE))),
                new Phase("connection reset (work done)", List.of(Fault.answerLost())),
                new Phase("429 Retry-After 1", List.of(Fault.rateLimited(1))),
                new Phase("mixed", List.of(Fault.serverError(503), Fault.slowAnswer(LATE), Fault.stalledBody(LATE),
                        Fault.answerLost(), Fault.rateLimited(1))));
        List<Figures> figures = new ArrayList<>();
        try (rig) {
            Map<String, String> env = new HashMap<>(ProductJourneys.settings());
            env.putAll(rig.environment(folder.resolve("data")));
            env.putAll(Map.of("BLOB_STORE", "files", "CLOUDFLARE_TIMEOUT_SECONDS",
                    Long.toString(CLIENT_TIMEOUT.toSeconds()),
                    "RATE_LIMIT_SIGNUP_PER_IP", "1000000/1h", "RATE_LIMIT_MAGIC_LINK_PER_IP", "1000000/1h",
                    "RATE_LIMIT_WRITES_PER_USER", "1000000/1m", "RATE_LIMIT_REGISTER_PER_IP", "1000000/1h",
                    // A pulled job whose answer was lost comes back after this; the wait for mail allows for it.
                    "EMAIL_VISIBILITY_SECONDS", "10"));
            try (PromptTracker app = PromptTracker.start(AppConfig.from(Environment.of(env)), Clock.systemUTC())) {
                RestClient rest = new RestClient(app.port());
                RestClient.Reply registered = rest.post("/api/auth/register", null, Map.of("username", "soaker",
                        "email", "soaker@example.com", "password", "correct horse battery"));
                assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
                String token = registered.body().get("accessToken").asText();
                for (int p = 0; p < phases.size(); p++) {
                    figures.add(run(phases.get(p), p, seed + p, rest, token, rig));
                }
            }
        }
        String table = table(transport, figures);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fault-soak-" + name + ".md"), table);
        for (Figures phase : figures) {
            assertThat(phase.http500()).as("no 500\n" + table).isZero();
            assertThat(phase.lostWrites()).as("no acknowledged write lost\n" + table).isZero();
            assertThat(phase.duplicates()).as("no write made twice\n" + table).isZero();
            assertThat(phase.lostEmails()).as("no acknowledged email job lost\n" + table).isZero();
            assertThat(phase.writes() - phase.writesOk()).as("writes that fail\n" + table)
                    .isLessThanOrEqualTo(failuresAtOnePercent(phase.writes()));
            assertThat(phase.reads() - phase.readsOk()).as("reads that fail\n" + table)
                    .isLessThanOrEqualTo(failuresAtOnePercent(phase.reads()));
        }
    }

    /**
     * The most failures that {@code operations} produce in 95 % of runs when exactly 1 % fail: more
     * says the success rate is below the 99 % target. A plain 99 % cut on the short form's 140 writes
     * would allow one failure, and a product that fails 0.3 % of writes shows two in about 7 % of runs
     * (a timeout phase fails a call only when three attempts in a row time out).
     */
    static int failuresAtOnePercent(int operations) {
        double share = 0.01;
        double probability = Math.pow(1 - share, operations);
        double cumulative = 0;
        for (int failures = 0; ; failures++) {
            cumulative += probability;
            if (cumulative >= 0.95) {
                return failures;
            }
            probability *= (double) (operations - failures) / (failures + 1) * share / (1 - share);
        }
    }

    private Figures run(Phase phase, int index, int seed, RestClient rest, String token, Rig rig) throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Set<String> linksAsked = ConcurrentHashMap.newKeySet();
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger writesOk = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger readsOk = new AtomicInteger();
        AtomicInteger emails = new AtomicInteger();
        String prefix = "soak-" + index + "-";
        Instant start = Instant.now();
        rig.faults().randomly(SHARE, phase.faults(), 15 + seed);
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < OPERATIONS; i++) {
                int operation = i;
                work.add(clients.submit(() -> {
                    String title = prefix + operation;
                    writes.incrementAndGet();
                    RestClient.Reply created = rest.post("/api/prompts", token, Map.of("title", title,
                            "content", "Soak prompt " + operation + ": summarise the notes."));
                    statuses.merge("create " + created.status(), 1, Integer::sum);
                    if (created.status() == 200) {
                        writesOk.incrementAndGet();
                        String id = created.body().get("id").asText();
                        acknowledged.put(id, title);
                        reads.incrementAndGet();
                        RestClient.Reply read = rest.get("/api/prompts/" + id, token);
                        statuses.merge("read " + read.status(), 1, Integer::sum);
                        if (read.status() == 200 && title.equals(read.body().path("title").asText())) {
                            readsOk.incrementAndGet();
                        }
                    }
                    if (operation % EMAIL_EVERY == 0) {
                        emails.incrementAndGet();
                        String address = prefix + operation + "@example.com";
                        writes.incrementAndGet();
                        RestClient.Reply subscribed = rest.post("/api/subscribers", null,
                                Map.of("email", address, "firstName", "Soak"));
                        statuses.merge("subscribe " + subscribed.status(), 1, Integer::sum);
                        if (subscribed.status() == 200) {
                            writesOk.incrementAndGet();
                            writes.incrementAndGet();
                            RestClient.Reply link = rest.post("/api/auth/magic-link", null, Map.of("email", address));
                            statuses.merge("magic-link " + link.status(), 1, Integer::sum);
                            if (link.status() == 200) {
                                writesOk.incrementAndGet();
                                linksAsked.add(address);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        }
        Map<String, Integer> injected = rig.faults().injected();
        rig.faults().clear();
        Duration elapsed = Duration.between(start, Instant.now());

        int lost = 0;
        for (Map.Entry<String, String> written : acknowledged.entrySet()) {
            RestClient.Reply read = rest.get("/api/prompts/" + written.getKey(), token);
            if (read.status() != 200 || !written.getValue().equals(read.body().path("title").asText())) {
                lost++;
            }
        }
        D1SqlExecutor d1 = rig.d1();
        long duplicates = d1.read(SqlStatement.of("SELECT count(*) AS n FROM (SELECT title FROM prompts WHERE title "
                + "LIKE ? GROUP BY title HAVING count(*) > 1)", prefix + "%")).firstRow().orElseThrow().integer("n");
        duplicates += d1.read(SqlStatement.of("SELECT count(*) AS n FROM (SELECT email FROM subscribers WHERE email "
                + "LIKE ? GROUP BY email HAVING count(*) > 1)", prefix + "%")).firstRow().orElseThrow().integer("n");
        int lostEmails = 0;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        for (String address : linksAsked) {
            while (rig.delivered().stream().noneMatch(mail -> mail.to().value().equals(address))
                    && Instant.now().isBefore(deadline)) {
                EmbeddedDeployment.pause();
            }
            if (rig.delivered().stream().noneMatch(mail -> mail.to().value().equals(address))) {
                lostEmails++;
            }
        }
        int http500 = statuses.entrySet().stream().filter(e -> e.getKey().endsWith(" 500")).mapToInt(Map.Entry::getValue)
                .sum();
        return new Figures(phase.name(), writes.get(), writesOk.get(), reads.get(), readsOk.get(), emails.get(),
                linksAsked.size(), lost, (int) duplicates, lostEmails, http500, new TreeMap<>(statuses), injected,
                elapsed);
    }

    static String table(String transport, List<Figures> figures) {
        StringBuilder out = new StringBuilder("## Fault soak over the " + transport + ": 10 % of calls failing\n\n")
                .append(String.format(Locale.ROOT, "%d operations per phase by %d clients (create a prompt, read it "
                        + "back; every %dth also subscribes and asks for a sign-in link), D1, KV and Queues over the "
                        + "%s with a %d s client timeout, blobs embedded.%n%n", OPERATIONS, CLIENTS, EMAIL_EVERY,
                        transport, CLIENT_TIMEOUT.toSeconds()))
                .append("| faults | writes ok | reads ok | links sent / asked | lost writes | duplicates | lost jobs |"
                        + " HTTP 500 | faults injected | answers | time |\n")
                .append("|---|--:|--:|--:|--:|--:|--:|--:|---|---|--:|\n");
        for (Figures f : figures) {
            out.append(String.format(Locale.ROOT, "| %s | %d/%d (%.1f %%) | %d/%d (%.1f %%) | %d/%d | %d | %d | %d | %d | %s | %s | %.1f s |%n",
                    f.phase(), f.writesOk(), f.writes(), 100 * f.writeRate(), f.readsOk(), f.reads(), 100 * f.readRate(),
                    f.emailsOk() - f.lostEmails(), f.emailsOk(), f.lostWrites(), f.duplicates(), f.lostEmails(),
                    f.http500(), describe(f.injected()), describe(f.statuses()), f.elapsed().toMillis() / 1000.0));
        }
        return out.toString();
    }

    private static String describe(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>(new TreeMap<>(counts));
        return sorted.isEmpty() ? "—" : sorted.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("—");
    }
}
