package dev.prompttracker.adapter.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.mail.MailMessage;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends mail through a SendGrid-style HTTP API ({@code POST /v3/mail/send}, bearer API key). A send
 * is retried only on 429 and 5xx, with backoff, because only those mean the message was not taken;
 * other failures surface to the email worker, whose queue retries the job later. SendGrid has no
 * idempotency key, so keys sent recently are remembered in process and not sent again; across
 * restarts the delivery log prevents repeats.
 */
public final class SendGridMailSender implements MailSender {
    private static final System.Logger LOG = System.getLogger(SendGridMailSender.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECENT_KEYS = 10_000;

    private final HttpClient http;
    private final URI endpoint;
    private final String apiKey;
    private final SenderAddress from;
    private final Duration timeout;
    private final int maxAttempts;
    private final Sleeper sleeper;
    private final Set<String> recentKeys = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_KEYS;
        }
    });

    public SendGridMailSender(URI baseUrl, String apiKey, SenderAddress from, Duration timeout, int maxAttempts) {
        this(baseUrl, apiKey, from, timeout, maxAttempts, Sleeper.REAL);
    }

    SendGridMailSender(URI baseUrl, String apiKey, SenderAddress from, Duration timeout, int maxAttempts,
                       Sleeper sleeper) {
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v3/mail/send");
        this.apiKey = apiKey;
        this.from = from;
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(MailMessage message, String idempotencyKey) {
        synchronized (recentKeys) {
            if (recentKeys.contains(idempotencyKey)) {
                LOG.log(System.Logger.Level.INFO, () -> "mail " + idempotencyKey + " was sent already; not sent again");
                return;
            }
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload(message, idempotencyKey)))
                .build();
        for (int attempt = 1; ; attempt++) {
            int status;
            try {
                status = status(request);
            } catch (ConnectException notSent) {
                status = 0;
            } catch (IOException e) {
                throw new Unavailable("the mail provider did not answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while sending mail", e);
            }
            if (status >= 200 && status < 300) {
                synchronized (recentKeys) {
                    recentKeys.add(idempotencyKey);
                }
                LOG.log(System.Logger.Level.INFO, () -> "mail to " + OutboxMailSender.masked(message.to().value())
                        + " (" + message.subject() + ") handed to the provider");
                return;
            }
            boolean retryable = status == 0 || status == 429 || status >= 500;
            if (!retryable || attempt >= maxAttempts) {
                throw new Unavailable("the mail provider answered " + status, null);
            }
            pauseAfter(attempt);
        }
    }

    /**
     * The answer's status, without waiting for its body: the request's timeout stops at the headers,
     * so a body that stalled after them would hold the sender (and every email behind it).
     */
    private int status(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    /** One cheap call proving the key works: SendGrid's {@code GET /v3/scopes}. */
    public void checkKey() {
        URI scopes = URI.create(endpoint.toString().replace("/v3/mail/send", "/v3/scopes"));
        try {
            int status = status(HttpRequest.newBuilder(scopes).timeout(timeout)
                    .header("Authorization", "Bearer " + apiKey).GET().build());
            if (status != 200) {
                throw new Unavailable("the mail provider answered " + status + " to the key check", null);
            }
        } catch (IOException e) {
            throw new Unavailable("the mail provider did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while checking the mail provider", e);
        }
    }

    private String payload(MailMessage message, String key) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("personalizations").addObject().putArray("to").addObject().put("email", message.to().value());
        // Jackson escapes every value; SendGrid writes the MIME headers from them.
        ObjectNode sender = body.putObject("from").put("email", from.address());
        if (!from.name().isEmpty()) {
            sender.put("name", from.name());
        }
        body.put("subject", message.subject());
        body.putArray("content").addObject().put("type", "text/plain").put("value", message.textBody());
        body.putObject("custom_args").put("idempotency_key", key);
        return body.toString();
    }

    /** Exponential backoff from 250 ms, capped at 5 s, with jitter: between half and all of the ceiling. */
    private void pauseAfter(int attempt) {
        long ceiling = Math.min(5_000, 250L << Math.min(attempt - 1, 8));
        try {
            sleeper.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting to resend mail", e);
        }
    }

    @Override
    public String toString() {
        return "SendGridMailSender[" + endpoint + ", apiKey=(redacted)]";
    }
}
