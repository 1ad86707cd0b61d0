package dev.prompttracker.cloudflare.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy in front of a real server (the gateway Worker on workerd) that injects the
 * stand-in's {@link Faults}: an error answered instead of forwarding (the upstream never sees the
 * request, as when the Worker dies before its batch), a connection reset before forwarding, or the
 * request forwarded and its answer delayed or dropped (the Worker's batch committed, its answer lost).
 */
public final class FaultProxy implements AutoCloseable {
    /** Hop-by-hop and computed headers the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive");

    private final URI target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Faults faults = new Faults();
    private final AtomicInteger forwarded = new AtomicInteger();

    private FaultProxy(URI target) {
        this.target = target;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static FaultProxy inFrontOf(URI target) {
        return new FaultProxy(target);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Faults faults() {
        return faults;
    }

    /** How many requests reached the upstream. */
    public int forwarded() {
        return forwarded.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            Optional<Faults.Fault> fault = faults.take(method, uri.getRawPath());
            if (fault.isPresent() && !fault.get().thenAnswer()) {
                sleep(fault.get().delay());
                if (!fault.get().reset()) {
                    fault.get().headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                    write(exchange, fault.get().status(), "application/json",
                            fault.get().body().getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, method, uri, body);
            if (fault.isPresent() && !fault.get().stallMidBody()) {
                sleep(fault.get().delay());
                if (fault.get().reset()) {
                    return; // the upstream did the work; its answer is dropped with the connection
                }
            }
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            if (fault.isPresent()) {
                Faults.writeStalling(exchange, answer.statusCode(), answer.body(), fault.get().delay());
                return;
            }
            write(exchange, answer.statusCode(), null, answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, String method, URI uri, byte[] body)
            throws IOException, InterruptedException {
        String base = target.toString().endsWith("/") ? target.toString().substring(0, target.toString().length() - 1)
                : target.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        forwarded.incrementAndGet();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void write(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
