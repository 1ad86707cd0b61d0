package dev.prompttracker.domain.error;

import java.util.Objects;

/** One rejected input field: the JSON/proto field name and a message a person can act on. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
