package dev.prompttracker.adapter.http.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import dev.prompttracker.adapter.http.error.ErrorKind;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one call produced on either transport: the response message, or the error kind with its
 * message (and, over REST, the problem document; over gRPC, the status description).
 */
public record Outcome<R extends Message>(Optional<R> value, Optional<ErrorKind> error, String detail,
                                         Optional<JsonNode> problem, Optional<String> retryAfter) {

    public R ok() {
        assertThat(error).as("expected success but got %s: %s", error.orElse(null), detail).isEmpty();
        return value.orElseThrow();
    }

    public Outcome<R> failsWith(ErrorKind kind) {
        assertThat(error).as("expected %s; value=%s detail=%s", kind, value.orElse(null), detail).contains(kind);
        return this;
    }
}
