package dev.prompttracker.adapter.http.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import dev.prompttracker.domain.error.FieldError;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An RFC 9457 problem document: {@code type}, {@code title}, {@code status}, {@code detail}, the
 * request id, and for invalid input the field errors. The detail is the domain's own message, written
 * for people, or for failures of dependencies and bugs a generic one; never a stack trace, nor what a
 * library or a remote API said.
 */
public record Problem(ErrorKind kind, String detail, List<FieldError> fieldErrors, Optional<Duration> retryAfter) {
    public static final MediaType MEDIA_TYPE = MediaType.parse("application/problem+json; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    public Problem {
        fieldErrors = List.copyOf(fieldErrors);
    }

    public static Problem of(ErrorKind kind, String detail) {
        return new Problem(kind, detail, List.of(), Optional.empty());
    }

    /** Whole seconds, rounded up and at least one, as {@code Retry-After} wants them. */
    static String retryAfterSeconds(Duration delay) {
        return Long.toString(Math.max(1, (delay.toMillis() + 999) / 1000));
    }

    public AggregatedHttpResponse toResponse(String requestId) {
        HttpStatus status = kind.httpStatus();
        ObjectNode body = JSON.createObjectNode()
                .put("type", kind.type())
                .put("title", kind.title())
                .put("status", status.code())
                .put("detail", detail)
                .put("requestId", requestId);
        if (!fieldErrors.isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            fieldErrors.forEach(e -> errors.addObject().put("field", e.field()).put("message", e.message()));
        }
        ResponseHeadersBuilder headers = ResponseHeaders.builder(status).contentType(MEDIA_TYPE);
        retryAfter.ifPresent(delay -> headers.set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds(delay)));
        if (kind == ErrorKind.UNAUTHENTICATED) {
            headers.set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        try {
            return AggregatedHttpResponse.of(headers.build(), HttpData.wrap(JSON.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document always serialises", e);
        }
    }
}
