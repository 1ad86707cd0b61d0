package dev.prompttracker.adapter.http.error;

import com.linecorp.armeria.common.HttpStatus;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.DomainException;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.TooLarge;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.error.Unavailable;
import io.grpc.Status;

/**
 * Every kind of failure the edge reports, with its gRPC code, its HTTP status and its problem type.
 * The one place errors are mapped: keyed on the kind, not on the gRPC code, because two kinds share
 * RESOURCE_EXHAUSTED (too large → 413, rate limited → 429).
 */
public enum ErrorKind {
    INVALID(Status.Code.INVALID_ARGUMENT, HttpStatus.BAD_REQUEST, "invalid-argument", "Invalid request"),
    UNAUTHENTICATED(Status.Code.UNAUTHENTICATED, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated"),
    FORBIDDEN(Status.Code.PERMISSION_DENIED, HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
    /** A 403 the caller can cure: prove the account's address with the link sent to it. */
    EMAIL_NOT_VERIFIED(Status.Code.PERMISSION_DENIED, HttpStatus.FORBIDDEN, "email-not-verified",
            "Email address not verified"),
    NOT_FOUND(Status.Code.NOT_FOUND, HttpStatus.NOT_FOUND, "not-found", "Not found"),
    CONFLICT(Status.Code.ALREADY_EXISTS, HttpStatus.CONFLICT, "conflict", "Conflict"),
    TOO_LARGE(Status.Code.RESOURCE_EXHAUSTED, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-large", "Too large"),
    RATE_LIMITED(Status.Code.RESOURCE_EXHAUSTED, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests"),
    UNAVAILABLE(Status.Code.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable"),
    METHOD_NOT_ALLOWED(Status.Code.UNIMPLEMENTED, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
            "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE(Status.Code.INVALID_ARGUMENT, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
            "Unsupported media type"),
    INTERNAL(Status.Code.INTERNAL, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error");

    private final Status.Code grpcCode;
    private final HttpStatus httpStatus;
    private final String type;
    private final String title;
    private final String reason;

    ErrorKind(Status.Code grpcCode, HttpStatus httpStatus, String slug, String title) {
        this.grpcCode = grpcCode;
        this.httpStatus = httpStatus;
        this.type = "urn:problem:prompt-tracker:" + slug;
        this.title = title;
        this.reason = name();
    }

    public static ErrorKind of(DomainException error) {
        return switch (error) {
            case Invalid ignored -> INVALID;
            case Unauthenticated ignored -> UNAUTHENTICATED;
            case Forbidden forbidden -> switch (forbidden.reason()) {
                case NOT_ALLOWED -> FORBIDDEN;
                case EMAIL_NOT_VERIFIED -> EMAIL_NOT_VERIFIED;
            };
            case NotFound ignored -> NOT_FOUND;
            case Conflict ignored -> CONFLICT;
            case TooLarge ignored -> TOO_LARGE;
            case RateLimited ignored -> RATE_LIMITED;
            case Unavailable ignored -> UNAVAILABLE;
        };
    }

    /** The kind for an HTTP status the server produced before any handler ran (bad JSON, body too big…). */
    public static ErrorKind ofHttpStatus(HttpStatus status) {
        for (ErrorKind kind : values()) {
            if (kind.httpStatus.equals(status)) {
                return kind;
            }
        }
        return status.isClientError() ? INVALID : INTERNAL;
    }

    public Status.Code grpcCode() {
        return grpcCode;
    }

    public HttpStatus httpStatus() {
        return httpStatus;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The machine-readable reason clients branch on ({@code google.rpc.ErrorInfo.reason} over gRPC). */
    public String reason() {
        return reason;
    }
}
