package dev.prompttracker.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small client for Cloudflare's v4 REST API, shared by the D1, KV and Queues adapters. Every call
 * passes its service's circuit breaker ({@link ServiceBreakers}) and the shared {@link RequestBudget},
 * has a timeout, and has its envelope
 * ({@code {success, errors, messages, result}}) checked whatever the status. Only calls marked
 * retryable are repeated, on transient failures, with capped, fully jittered backoff; a call that
 * never reached Cloudflare (connection refused) is always safe to repeat.
 */
public final class CloudflareClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
    /** D1's documented transient failures (debug-d1.mdx) and overload messages: safe to retry for reads. */
    private static final List<String> TRANSIENT_MESSAGES = List.of("network connection lost", "object to be reset",
            "transient issue on remote node", "internal error; reference", "is overloaded", "too many requests queued");
    private static final Pattern RATELIMIT_HEADER = Pattern.compile("r=(\\d+)(?:;\\s*t=(\\d+))?");
    private static final Duration BACKOFF_BASE = Duration.ofMillis(200);
    private static final Duration BACKOFF_CAP = Duration.ofSeconds(5);
    private static final Duration BACKOFF_SLACK = Duration.ofSeconds(1);
    /** Retry-After waits longer than this are not slept through: the caller gets RateLimited at once. */
    static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(2);

    private final CloudflareSettings settings;
    private final HttpClient http;
    private final RequestBudget budget;
    private final Sleeper sleeper;
    private final Clock clock;
    private final CallListener listener;
    private final CallOrigin origin;
    private final GatewaySignature signature;
    private final ServiceBreakers breakers;

    public CloudflareClient(CloudflareSettings settings, Clock clock, Sleeper sleeper, CallListener listener) {
        this(settings, clock, sleeper, listener, CallOrigin.OWN);
    }

    public CloudflareClient(CloudflareSettings settings, Clock clock, Sleeper sleeper, CallListener listener,
                            CallOrigin origin) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.clock = clock;
        this.listener = listener;
        this.origin = origin;
        this.signature = settings.spendsAccountBudget() ? null : new GatewaySignature(settings.credential());
        this.breakers = new ServiceBreakers(clock);
        this.budget = new RequestBudget(settings.budgetPermits(), settings.budgetWindow(), settings.budgetBurst(),
                MAX_RETRY_WAIT, settings.anonymousShare(), clock, sleeper);
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version("https".equals(settings.baseUrl().getScheme()) ? HttpClient.Version.HTTP_2
                        : HttpClient.Version.HTTP_1_1)
                .build();
    }

    public CloudflareSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** Who is told of each call's cost; adapters report what only they can read (D1's rows). */
    public CallListener listener() {
        return listener;
    }

    public RequestBudget budget() {
        return budget;
    }

    /** Sends the request and returns its envelope's result; errors as {@link CloudflareException}. */
    public CloudflareResponse send(CloudflareRequest request) {
        return exchange(request, false, OptionalInt.empty()).orElseThrow();
    }

    /**
     * For reads that answer raw bytes on success (KV values): the body on 200, empty when Cloudflare
     * reports the key missing (404 with an error envelope), an exception for anything else.
     */
    public Optional<CloudflareResponse> sendRaw(CloudflareRequest request) {
        return exchange(request, true, OptionalInt.empty());
    }

    /**
     * As {@link #sendRaw(CloudflareRequest)}, but only a 404 carrying {@code missingKeyCode} reads as
     * absent: a 404 for a route or binding that does not exist is an {@link CloudflareException.ApiError},
     * so a misconfigured resource is never taken for an empty one.
     */
    public Optional<CloudflareResponse> sendRaw(CloudflareRequest request, int missingKeyCode) {
        return exchange(request, true, OptionalInt.of(missingKeyCode));
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** Whether calls to {@code service} ("d1", "kv", "queues") are paused by its circuit breaker. */
    public boolean isPaused(String service) {
        return breakers.isOpen(service);
    }

    private Optional<CloudflareResponse> exchange(CloudflareRequest request, boolean rawOnSuccess,
                                                  OptionalInt missingKeyCode) {
        return breakers.guard(request.service(), () -> attempts(request, rawOnSuccess, missingKeyCode),
                failure -> failure instanceof CloudflareException.Unavailable,
                paused -> new CloudflareException.Unavailable(paused, null));
    }

    private Optional<CloudflareResponse> attempts(CloudflareRequest request, boolean rawOnSuccess,
                                                  OptionalInt missingKeyCode) {
        // An attempt is the last when another one could not end before the deadline (three timeouts and
        // the backoffs between them): a call never takes much longer than that.
        Instant deadline = clock.instant().plus(settings.timeout().multipliedBy(3)).plus(BACKOFF_SLACK);
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt >= settings.maxAttempts() || !beforeDeadline(deadline,
                    settings.timeout().plus(settings.timeout()));
            if (settings.spendsAccountBudget()) {
                budget.acquire(origin.isAnonymous());
            }
            HttpRequest httpRequest = build(request);
            HttpResponse<byte[]> response;
            try {
                response = sendWithinTimeout(httpRequest);
            } catch (ConnectException | HttpConnectTimeoutException neverArrived) {
                listener.onCall(request.service(), request.operation(), 0);
                if (!lastAttempt) {
                    backoff(attempt);
                    continue;
                }
                throw new CloudflareException.Unavailable("cannot reach Cloudflare", neverArrived);
            } catch (IOException lost) {
                listener.onCall(request.service(), request.operation(), 0);
                if (request.retryable() && !lastAttempt) {
                    backoff(attempt);
                    continue;
                }
                throw new CloudflareException.Unavailable(request.retryable() ? "no answer from Cloudflare"
                        : "no answer from Cloudflare; the change may or may not have been made", lost);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CloudflareException.Unavailable("interrupted while calling Cloudflare", e);
            }
            int status = response.statusCode();
            listener.onCall(request.service(), request.operation(), status);
            observeRateLimit(response.headers());
            if (status == 429) {
                // Refused before it ran, so safe to send again, writes included: a short pause is waited
                // out (by every call, at the budget's gate), a long one answered at once.
                Duration retryAfter = retryAfter(response.headers()).orElse(Duration.ofSeconds(60));
                if (settings.spendsAccountBudget()) {
                    budget.pause(retryAfter);
                }
                if (!lastAttempt && retryAfter.compareTo(MAX_RETRY_WAIT) <= 0 && beforeDeadline(deadline, retryAfter)) {
                    if (!settings.spendsAccountBudget()) {
                        sleep(retryAfter);
                    }
                    continue;
                }
                throw new CloudflareException.RateLimited("Cloudflare rate limit reached", retryAfter);
            }
            if (rawOnSuccess && status == 200) {
                return Optional.of(new CloudflareResponse(status, response.headers(), response.body(), null));
            }
            JsonNode envelope = envelope(response.body()).orElse(null);
            if (envelope == null) {
                if (request.retryable() && RETRYABLE_STATUSES.contains(status) && !lastAttempt) {
                    backoff(attempt);
                    continue;
                }
                throw new CloudflareException.Unavailable("Cloudflare answered " + status + " without a valid envelope",
                        null);
            }
            List<CloudflareError> errors = errors(envelope);
            boolean success = status >= 200 && status < 300 && envelope.path("success").asBoolean(false);
            if (success) {
                return Optional.of(new CloudflareResponse(status, response.headers(), response.body(),
                        envelope.get("result")));
            }
            boolean transientFailure = RETRYABLE_STATUSES.contains(status) || isTransient(errors);
            if (request.retryable() && transientFailure && !lastAttempt) {
                backoff(attempt);
                continue;
            }
            if (rawOnSuccess && status == 404 && (missingKeyCode.isEmpty()
                    || errors.stream().anyMatch(error -> error.code() == missingKeyCode.getAsInt()))) {
                return Optional.empty();
            }
            if (status >= 500 || isTransient(errors)) {
                throw new CloudflareException.Unavailable("Cloudflare answered " + status + ": " + errors, null);
            }
            throw new CloudflareException.ApiError(status, errors);
        }
    }

    /**
     * The JDK client's request timeout stops at the response's headers: a body that stalls after them
     * would hold the call (and its request thread) until the connection dies. The whole exchange gets
     * the timeout here, and a late one is cancelled, which closes its stream or connection.
     */
    private HttpResponse<byte[]> sendWithinTimeout(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return pending.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            pending.cancel(true);
            throw new HttpTimeoutException("no whole answer within " + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException interrupted) {
            pending.cancel(true);
            throw interrupted;
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
        }
    }

    private HttpRequest build(CloudflareRequest request) {
        String query = request.query().isEmpty() ? "" : "?" + request.query().entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String base = settings.baseUrl().toString();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/accounts/" + encode(settings.accountId()) + request.path() + query);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Accept", "application/json");
        if (signature == null) {
            builder.header("Authorization", "Bearer " + settings.credential());
        } else {
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            signature.headers(request.method(), pathAndQuery, request.body(), clock.instant()).forEach(builder::header);
        }
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        return builder.method(request.method(), body).build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Optional<JsonNode> envelope(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() && node.has("success") ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static List<CloudflareError> errors(JsonNode envelope) {
        List<CloudflareError> errors = new ArrayList<>();
        for (JsonNode error : envelope.path("errors")) {
            errors.add(new CloudflareError(error.path("code").asInt(0), error.path("message").asText("")));
        }
        return errors;
    }

    private static boolean isTransient(List<CloudflareError> errors) {
        return errors.stream().map(e -> e.message().toLowerCase(Locale.ROOT))
                .anyMatch(message -> TRANSIENT_MESSAGES.stream().anyMatch(message::contains));
    }

    private void observeRateLimit(HttpHeaders headers) {
        Optional<String> remaining = headers.firstValue("x-ratelimit-remaining");
        Optional<String> structured = headers.firstValue("ratelimit");
        try {
            if (remaining.isPresent()) {
                Duration reset = headers.firstValue("x-ratelimit-reset").map(this::untilDate)
                        .orElse(Duration.ofSeconds(60));
                budget.observeRemaining(Long.parseLong(remaining.get().strip()), reset);
            } else if (structured.isPresent()) {
                Matcher matcher = RATELIMIT_HEADER.matcher(structured.get());
                if (matcher.find()) {
                    Duration reset = Duration.ofSeconds(matcher.group(2) == null ? 60 : Long.parseLong(matcher.group(2)));
                    budget.observeRemaining(Long.parseLong(matcher.group(1)), reset);
                }
            }
        } catch (RuntimeException unreadable) {
            // A header we cannot read changes nothing; the budget still holds.
        }
    }

    Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get().strip()))));
        } catch (NumberFormatException notSeconds) {
            return Optional.of(untilDate(value.get()));
        }
    }

    private Duration untilDate(String rfc1123) {
        try {
            Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(rfc1123.strip(),
                    DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (RuntimeException unreadable) {
            return Duration.ofSeconds(60);
        }
    }

    private boolean beforeDeadline(Instant deadline, Duration wait) {
        return clock.instant().plus(wait).isBefore(deadline);
    }

    private void backoff(int attempt) {
        long ceiling = Math.min(BACKOFF_CAP.toMillis(), BACKOFF_BASE.toMillis() << Math.min(attempt - 1, 10));
        sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1)));
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudflareException.Unavailable("interrupted while waiting to retry", e);
        }
    }
}
