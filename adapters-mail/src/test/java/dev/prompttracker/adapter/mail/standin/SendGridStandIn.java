package dev.prompttracker.adapter.mail.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.user.Email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback stand-in for SendGrid's {@code POST /v3/mail/send}: checks the key, records messages, can fail on cue. */
public final class SendGridStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final String apiKey;
    private final List<MailMessage> delivered = new ArrayList<>();
    private final List<JsonNode> payloads = new ArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean stallBodies;
    /** Released at close: a stalled answer's body never comes before. */
    private final CountDownLatch closed = new CountDownLatch(1);

    private SendGridStandIn(String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v3/mail/send", this::handle);
        server.createContext("/v3/scopes", exchange -> {
            try (exchange) {
                boolean valid = ("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"));
                exchange.sendResponseHeaders(valid ? 200 : 401, -1);
            }
        });
        server.start();
    }

    public static SendGridStandIn start(String apiKey) {
        try {
            return new SendGridStandIn(apiKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next requests answer these statuses instead of 202. */
    public synchronized void failNext(int... statuses) {
        for (int status : statuses) {
            failures.add(status);
        }
    }

    /** From now on, an accepted message's answer sends its headers and then nothing more until close. */
    public void stallBodies() {
        stallBodies = true;
    }

    public synchronized List<MailMessage> delivered() {
        return List.copyOf(delivered);
    }

    /** The JSON bodies of the delivered messages, as sent. */
    public synchronized List<JsonNode> payloads() {
        return List.copyOf(payloads);
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Integer failure;
            synchronized (this) {
                failure = failures.poll();
            }
            if (failure != null) {
                exchange.sendResponseHeaders(failure, -1);
                return;
            }
            if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode mail = JSON.readTree(body);
            String to = mail.path("personalizations").path(0).path("to").path(0).path("email").asText();
            synchronized (this) {
                payloads.add(mail);
                delivered.add(new MailMessage(Email.parse(to), mail.path("subject").asText(),
                        mail.path("content").path(0).path("value").asText()));
            }
            if (!stallBodies) {
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer, 0, 1);
            exchange.getResponseBody().flush();
            awaitClose();
            exchange.getResponseBody().write(answer, 1, 1);
        }
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
