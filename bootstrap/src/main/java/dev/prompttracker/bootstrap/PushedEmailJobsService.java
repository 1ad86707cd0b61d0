package dev.prompttracker.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.adapter.queue.PushedEmailJobQueue;
import dev.prompttracker.cloudflare.GatewayRequestVerifier;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /internal/email-jobs}: where the gateway Worker's queue consumer pushes each email job
 * (gateway/src/index.js). Only a request signed with the gateway's secret, new and within the time
 * window, is taken; the answer is what the queue should do with the message: {@code ack}, or
 * {@code retry} after {@code delaySeconds}. A job not done within the visibility timeout is left to
 * the queue to deliver again.
 */
final class PushedEmailJobsService implements HttpService {
    static final String PATH = "/internal/email-jobs";
    /** A queued message is at most 128 KB; its envelope adds little. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushedEmailJobQueue queue;
    private final GatewayRequestVerifier verifier;
    private final Duration wait;

    PushedEmailJobsService(PushedEmailJobQueue queue, GatewayRequestVerifier verifier, Duration wait) {
        this.queue = queue;
        this.verifier = verifier;
        this.wait = wait;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, com.linecorp.armeria.common.HttpRequest req) {
        if (req.method() != HttpMethod.POST) {
            return error(HttpStatus.METHOD_NOT_ALLOWED, "POST only");
        }
        ctx.setMaxRequestLength(MAX_BODY_BYTES);
        ctx.setRequestTimeout(wait.plusSeconds(10));
        return HttpResponse.of(req.aggregate().thenCompose(request -> {
            byte[] body = request.content().array();
            Optional<String> refusal = verifier.refusal("POST", ctx.path() + (ctx.query() == null ? "" : "?" + ctx.query()),
                    body, name -> request.headers().get(name));
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(error(HttpStatus.UNAUTHORIZED, refusal.get()));
            }
            JsonNode message;
            try {
                message = JSON.readTree(body);
            } catch (IOException e) {
                return CompletableFuture.completedFuture(error(HttpStatus.BAD_REQUEST, "the body is not JSON"));
            }
            if (message == null || !message.path("id").isTextual()) {
                return CompletableFuture.completedFuture(error(HttpStatus.BAD_REQUEST, "a pushed job has an id and a body"));
            }
            CompletableFuture<PushedEmailJobQueue.Outcome> outcome = queue.accept(message.path("id").asText(),
                    message.path("attempts").asInt(1), message.get("body"));
            return outcome.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((done, failure) -> {
                        if (failure != null) {
                            queue.abandon(outcome);
                            // Not done in time (or the product is stopping): the queue delivers it again.
                            return answer(PushedEmailJobQueue.Outcome.retry(failure instanceof TimeoutException
                                    ? Duration.ZERO : Duration.ofSeconds(5)));
                        }
                        return answer(done);
                    });
        }));
    }

    private static HttpResponse answer(PushedEmailJobQueue.Outcome outcome) {
        String json = outcome.done() ? "{\"outcome\":\"ack\"}"
                : "{\"outcome\":\"retry\",\"delaySeconds\":" + Math.max(0, (outcome.retryAfter().toMillis() + 999) / 1000) + "}";
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, json);
    }

    private static HttpResponse error(HttpStatus status, String message) {
        return HttpResponse.of(status, MediaType.JSON_UTF_8,
                JSON.createObjectNode().put("code", status.code()).put("message", message).toString());
    }
}
