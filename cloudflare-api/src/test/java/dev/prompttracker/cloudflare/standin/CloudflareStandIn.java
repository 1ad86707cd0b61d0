package dev.prompttracker.cloudflare.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.prompttracker.cloudflare.CallListener;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareSettings;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process HTTP server speaking the documented shapes of Cloudflare's D1 {@code /query} and
 * {@code /raw} (over real SQLite files, batches atomic), Workers KV (values, metadata, bulk, key
 * listing, {@code expiration_ttl} rules) and Queues (send, batch, pull with leases, ack, retry,
 * redelivery), with the {@code {success, errors, messages, result}} envelope and Cloudflare's error
 * codes. Faults can be injected; every request is journaled. Loopback only.
 */
public final class CloudflareStandIn implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT_PATH = Pattern.compile("^/client/v4/accounts/([^/]+)(/.*)$");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String accountId;
    private final String token;
    private final Clock clock;
    private final Faults faults = new Faults();
    private final List<Recorded> journal = new ArrayList<>();
    private final D1StandIn d1;
    private final KvStandIn kv;
    private final QueuesStandIn queues;

    private CloudflareStandIn(String accountId, String token, Clock clock, Path folder) throws IOException {
        this.accountId = accountId;
        this.token = token;
        this.clock = clock;
        this.d1 = new D1StandIn(folder);
        this.kv = new KvStandIn(clock);
        this.queues = new QueuesStandIn(clock);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static CloudflareStandIn start(String accountId, String token, Clock clock, Path folder) {
        try {
            return new CloudflareStandIn(accountId, token, clock, folder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Cloudflare stand-in", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/client/v4");
    }

    /** A client of this stand-in with room to spare in its budget and retries that do not sleep. */
    public CloudflareClient client(Clock clientClock) {
        return new CloudflareClient(new CloudflareSettings(baseUrl(), accountId, token, Duration.ofSeconds(5), 10_000,
                Duration.ofMinutes(5), 1_000, 3), clientClock, duration -> { }, CallListener.NONE);
    }

    public Faults faults() {
        return faults;
    }

    public synchronized List<Recorded> journal() {
        return List.copyOf(journal);
    }

    public synchronized void clearJournal() {
        journal.clear();
    }

    public D1StandIn d1() {
        return d1;
    }

    public KvStandIn kv() {
        return kv;
    }

    public QueuesStandIn queues() {
        return queues;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String rawPath = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            synchronized (this) {
                journal.add(new Recorded(method, rawPath, clock.instant(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body.length));
            }
            Optional<Faults.Fault> fault = faults.take(method, rawPath);
            if (fault.isPresent() && !fault.get().thenAnswer()) {
                inject(exchange, fault.get());
                return;
            }
            Reply reply = route(exchange, method, rawPath, body);
            if (fault.isPresent() && fault.get().stallMidBody()) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
                reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                Faults.writeStalling(exchange, reply.status(), reply.body(), fault.get().delay());
                return;
            }
            if (fault.isPresent()) {
                sleepQuietly(fault.get().delay().toMillis());
                if (fault.get().reset()) {
                    return; // the work is done, but the answer is lost: closing without a response
                }
            }
            write(exchange, reply);
        } catch (RuntimeException e) {
            write(exchange, Reply.error(500, 10013, "stand-in failure: " + e));
        }
    }

    private Reply route(HttpExchange exchange, String method, String rawPath, byte[] body) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.equals("Bearer " + token)) {
            return Reply.error(401, 10000, "Authentication error");
        }
        Matcher matcher = ACCOUNT_PATH.matcher(rawPath);
        if (!matcher.matches() || !matcher.group(1).equals(accountId)) {
            return Reply.error(404, 7003, "Could not route to " + rawPath + ", perhaps your object identifier is invalid?");
        }
        String path = matcher.group(2);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (path.startsWith("/d1/")) {
            return d1.handle(method, path, body);
        }
        if (path.startsWith("/storage/kv/")) {
            return kv.handle(method, path, query, body, contentType);
        }
        if (path.startsWith("/queues/")) {
            return queues.handle(method, path, body);
        }
        return Reply.error(404, 7003, "No route for the URI");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(key, value);
        }
        return parameters;
    }

    private static void inject(HttpExchange exchange, Faults.Fault fault) throws IOException {
        sleepQuietly(fault.delay().toMillis());
        if (fault.reset()) {
            return;
        }
        fault.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        write(exchange, new Reply(fault.status(), fault.body().getBytes(StandardCharsets.UTF_8), "application/json",
                Map.of()));
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private static void sleepQuietly(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        d1.close();
    }

    /** A response: status, body and content type; envelopes are built with {@link #ok} and {@link #error}. */
    record Reply(int status, byte[] body, String contentType, Map<String, String> headers) {
        static Reply ok(JsonNode result) {
            ObjectNode envelope = JSON.createObjectNode().put("success", true);
            envelope.putArray("errors");
            envelope.putArray("messages");
            envelope.set("result", result);
            return json(200, envelope);
        }

        static Reply ok(JsonNode result, JsonNode resultInfo) {
            Reply reply = ok(result);
            try {
                ObjectNode envelope = (ObjectNode) JSON.readTree(reply.body());
                envelope.set("result_info", resultInfo);
                return json(200, envelope);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Reply error(int status, int code, String message) {
            ObjectNode envelope = JSON.createObjectNode().put("success", false);
            ArrayNode errors = envelope.putArray("errors");
            errors.addObject().put("code", code).put("message", message);
            envelope.putArray("messages");
            envelope.putNull("result");
            return json(status, envelope);
        }

        static Reply json(int status, JsonNode node) {
            return new Reply(status, node.toString().getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
        }

        static Reply raw(byte[] body, Map<String, String> headers) {
            return new Reply(200, body, "application/octet-stream", new HashMap<>(headers));
        }
    }
}
