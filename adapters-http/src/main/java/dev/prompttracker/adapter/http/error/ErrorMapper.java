package dev.prompttracker.adapter.http.error;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RequestInfo;
import com.google.rpc.RetryInfo;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.grpc.GrpcExceptionHandlerFunction;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.grpc.UnframedGrpcErrorHandler;
import dev.prompttracker.domain.error.DomainException;
import dev.prompttracker.domain.error.FieldError;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.Unavailable;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.netty.util.AttributeKey;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns any failure into the same answer on both transports: a gRPC status (with google.rpc details
 * for field errors, retry delays and the request id, in the standard {@code grpc-status-details-bin}
 * trailer) and an {@code application/problem+json} document. A domain failure's message is shown to
 * the client, except {@link Unavailable}'s, which may carry what a store or remote API said: that one,
 * and any unexpected failure, reach the client only as a generic detail with the request id, and the
 * log, once per request, with everything.
 */
public final class ErrorMapper {
    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());
    /** {@code google.rpc.ErrorInfo.domain}: whose reasons these are. */
    static final String ERROR_DOMAIN = "prompt-tracker";
    private static final AttributeKey<Problem> PROBLEM = AttributeKey.valueOf(ErrorMapper.class, "PROBLEM");
    /** The trailer grpc-java's {@code StatusProto}, grpc-go, grpc-js and grpcurl read the details from. */
    private static final Metadata.Key<com.google.rpc.Status> STATUS_DETAILS = Metadata.Key.of("grpc-status-details-bin",
            ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));
    private static final Metadata.Key<String> RETRY_AFTER =
            Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);
    private static final String UNAVAILABLE_DETAIL =
            "a service this request needs is temporarily unavailable; try again later";
    private static final String INTERNAL_DETAIL = "internal error";

    private ErrorMapper() {
    }

    /**
     * The problem to report for the failure of this request, whatever raised it. The first call for a
     * request logs what the client is not told; later ones (REST after gRPC mapping) reuse its answer.
     */
    public static Problem problemOf(RequestContext ctx, Throwable failure) {
        Problem known = ctx.attr(PROBLEM);
        if (known != null) {
            return known;
        }
        Problem problem = map(ctx.id().text(), failure);
        ctx.setAttr(PROBLEM, problem);
        return problem;
    }

    private static Problem map(String requestId, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof Unavailable) {
            LOG.log(System.Logger.Level.WARNING, () -> "request " + requestId + ": a dependency failed", failure);
            return Problem.of(ErrorKind.UNAVAILABLE, UNAVAILABLE_DETAIL);
        }
        if (cause instanceof DomainException domain) {
            ErrorKind kind = ErrorKind.of(domain);
            List<FieldError> fields = domain instanceof Invalid invalid ? invalid.fieldErrors() : List.of();
            Optional<Duration> retryAfter = domain instanceof RateLimited limited
                    ? Optional.of(limited.retryAfter()) : Optional.empty();
            return new Problem(kind, domain.getMessage(), fields, retryAfter);
        }
        if (cause instanceof ContentTooLargeException || isResourceExhausted(cause)) {
            // Only the transport raises RESOURCE_EXHAUSTED itself: a message over the size limit.
            return Problem.of(ErrorKind.TOO_LARGE, "the request is larger than this server accepts");
        }
        if (cause instanceof InvalidProtocolBufferException) {
            return Problem.of(ErrorKind.INVALID, "the request body does not match the expected message");
        }
        LOG.log(System.Logger.Level.ERROR, () -> "request " + requestId + ": unexpected failure", failure);
        return Problem.of(ErrorKind.INTERNAL, INTERNAL_DETAIL);
    }

    /** For native gRPC calls; also remembers the problem for the REST error handler of transcoded calls. */
    public static GrpcExceptionHandlerFunction grpcExceptionHandler() {
        return (ctx, status, cause, metadata) -> {
            Problem problem = problemOf(ctx, cause);
            com.google.rpc.Status details = details(problem, ctx.id().text());
            metadata.discardAll(STATUS_DETAILS);
            metadata.put(STATUS_DETAILS, details);
            problem.retryAfter().ifPresent(delay -> metadata.put(RETRY_AFTER, Problem.retryAfterSeconds(delay)));
            return Status.fromCode(problem.kind().grpcCode()).withDescription(details.getMessage()).withCause(cause);
        };
    }

    /** For HTTP/JSON (transcoded and unframed) calls: a problem document instead of Armeria's JSON. */
    public static UnframedGrpcErrorHandler restErrorHandler() {
        return (ctx, status, response) -> {
            Problem known = ctx.attr(PROBLEM);
            Problem problem = known != null ? known : fromStatus(status);
            return problem.toResponse(ctx.id().text()).toHttpResponse();
        };
    }

    /**
     * For failures before any service ran (malformed JSON, a body over the limit, no such route):
     * problem documents for HTTP callers, Armeria's default for gRPC callers.
     */
    public static ServerErrorHandler serverErrorHandler() {
        return new ServerErrorHandler() {
            @Override
            public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
                if (cause instanceof DomainException) {
                    return problemOf(ctx, cause).toResponse(ctx.id().text()).toHttpResponse();
                }
                return null;
            }

            @Override
            public AggregatedHttpResponse renderStatus(ServiceRequestContext ctx, ServiceConfig config,
                                                       RequestHeaders headers, HttpStatus status, String description,
                                                       Throwable cause) {
                MediaType contentType = headers == null ? null : headers.contentType();
                if (contentType != null && contentType.subtype().startsWith("grpc")) {
                    return null;
                }
                ErrorKind kind = ErrorKind.ofHttpStatus(status);
                if (kind == ErrorKind.INTERNAL && status.code() != 500) {
                    return null;
                }
                String requestId = ctx == null ? "" : ctx.id().text();
                return Problem.of(kind, describe(status)).toResponse(requestId);
            }
        };
    }

    private static String describe(HttpStatus status) {
        return switch (status.code()) {
            case 400 -> "the request is malformed: check that the body is a JSON object and the parameters have the right types";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 413 -> "the request body is larger than this server accepts";
            case 415 -> "send the body as application/json";
            case 503 -> "the service is temporarily unavailable";
            default -> status.reasonPhrase();
        };
    }

    private static Problem fromStatus(Status status) {
        for (ErrorKind kind : ErrorKind.values()) {
            if (kind.grpcCode() == status.getCode() && kind != ErrorKind.RATE_LIMITED) {
                return Problem.of(kind, kind == ErrorKind.INTERNAL ? INTERNAL_DETAIL : kind.title());
            }
        }
        return Problem.of(ErrorKind.INTERNAL, INTERNAL_DETAIL);
    }

    /**
     * The google.rpc.Status of a problem. Its message is the status description: for the generic
     * problems it names the request, since that is the one lead a gRPC client's user can give.
     */
    private static com.google.rpc.Status details(Problem problem, String requestId) {
        boolean generic = problem.kind() == ErrorKind.UNAVAILABLE || problem.kind() == ErrorKind.INTERNAL;
        com.google.rpc.Status.Builder details = com.google.rpc.Status.newBuilder()
                .setCode(problem.kind().grpcCode().value())
                .setMessage(generic ? problem.detail() + " (request id " + requestId + ")" : problem.detail())
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(problem.kind().reason())
                        .setDomain(ERROR_DOMAIN).build()))
                .addDetails(Any.pack(RequestInfo.newBuilder().setRequestId(requestId).build()));
        if (!problem.fieldErrors().isEmpty()) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            problem.fieldErrors().forEach(e -> badRequest.addFieldViolations(
                    BadRequest.FieldViolation.newBuilder().setField(e.field()).setDescription(e.message())));
            details.addDetails(Any.pack(badRequest.build()));
        }
        problem.retryAfter().ifPresent(delay -> details.addDetails(Any.pack(RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(delay.toSeconds()).setNanos(delay.toNanosPart())).build())));
        return details.build();
    }

    private static boolean isResourceExhausted(Throwable cause) {
        Status status = cause instanceof StatusRuntimeException sre ? sre.getStatus()
                : cause instanceof StatusException se ? se.getStatus()
                : cause instanceof com.linecorp.armeria.common.grpc.protocol.ArmeriaStatusException ase
                        ? Status.fromCodeValue(ase.getCode()) : null;
        return status != null && status.getCode() == Status.Code.RESOURCE_EXHAUSTED;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 8 && current != null; depth++) {
            if (current instanceof DomainException || current instanceof ContentTooLargeException
                    || current instanceof InvalidProtocolBufferException) {
                return current;
            }
            if (current instanceof StatusRuntimeException sre && sre.getStatus().getCause() != null) {
                current = sre.getStatus().getCause();
                continue;
            }
            if (current.getCause() == null || current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return failure;
    }
}
