package dev.prompttracker.adapter.http.support;

import com.google.protobuf.Message;
import com.linecorp.armeria.client.grpc.GrpcClientBuilder;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.google.rpc.ErrorInfo;
import com.linecorp.armeria.common.HttpHeaders;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.proto.v1.AuthServiceGrpc;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.net.URI;
import java.util.Optional;

/** Calls the API as a native gRPC client would: HTTP/2, protobuf, the token in metadata. */
public final class GrpcTransport implements Transport {
    private static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<com.google.rpc.Status> DETAILS = Metadata.Key.of("grpc-status-details-bin",
            io.grpc.protobuf.ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));
    private final URI uri;
    private final HttpHeaders extraHeaders;

    public GrpcTransport(URI uri) {
        this(uri, HttpHeaders.of());
    }

    /** Sends {@code extraHeaders} (as gRPC metadata) with every call. */
    public GrpcTransport(URI uri, HttpHeaders extraHeaders) {
        this.uri = uri;
        this.extraHeaders = extraHeaders;
    }

    public Rpc.Stubs stubs(String token) {
        return new Rpc.Stubs(builder(token).build(AuthServiceGrpc.AuthServiceBlockingStub.class),
                builder(token).build(PromptServiceGrpc.PromptServiceBlockingStub.class),
                builder(token).build(dev.prompttracker.proto.v1.SubscriberServiceGrpc.SubscriberServiceBlockingStub.class),
                builder(token).build(dev.prompttracker.proto.v1.ProgressServiceGrpc.ProgressServiceBlockingStub.class),
                builder(token).build(dev.prompttracker.proto.v1.ContentServiceGrpc.ContentServiceBlockingStub.class),
                builder(token).build(dev.prompttracker.proto.v1.RatingServiceGrpc.RatingServiceBlockingStub.class),
                builder(token).build(dev.prompttracker.proto.v1.CollectionServiceGrpc.CollectionServiceBlockingStub.class));
    }

    /** A stub of any kind (async ones for the streaming RPCs), calling with {@code token}. */
    public <T> T stub(Class<T> type, String token) {
        return builder(token).build(type);
    }

    private GrpcClientBuilder builder(String token) {
        GrpcClientBuilder builder = GrpcClients.builder(uri).maxRequestMessageLength(16 * 1024 * 1024)
                .addHeaders(extraHeaders);
        if (token != null) {
            builder.addHeader(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        return builder;
    }

    @Override
    public <Q extends Message, R extends Message> Outcome<R> call(Rpc<Q, R> rpc, String token, Q request) {
        try {
            return new Outcome<>(Optional.of(rpc.grpc().apply(stubs(token), request)), Optional.empty(), "",
                    Optional.empty(), Optional.empty());
        } catch (StatusRuntimeException e) {
            Metadata trailers = e.getTrailers();
            Optional<String> retryAfter = Optional.ofNullable(trailers == null ? null : trailers.get(RETRY_AFTER));
            return new Outcome<>(Optional.empty(), Optional.of(kindOf(e.getStatus(), retryAfter.isPresent(),
                    reason(trailers))), String.valueOf(e.getStatus().getDescription()), Optional.empty(), retryAfter);
        }
    }

    /** The {@code google.rpc.ErrorInfo} reason among the status details, if the server sent one. */
    static Optional<String> reason(Metadata trailers) {
        if (trailers == null) {
            return Optional.empty();
        }
        com.google.rpc.Status details = trailers.get(DETAILS);
        if (details != null) {
            for (com.google.protobuf.Any detail : details.getDetailsList()) {
                if (detail.is(ErrorInfo.class)) {
                    try {
                        return Optional.of(detail.unpack(ErrorInfo.class).getReason());
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static ErrorKind kindOf(Status status, boolean hasRetryAfter, Optional<String> reason) {
        if (reason.isPresent()) {
            for (ErrorKind kind : ErrorKind.values()) {
                if (kind.reason().equals(reason.get()) && kind.grpcCode() == status.getCode()) {
                    return kind;
                }
            }
        }
        if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
            return hasRetryAfter ? ErrorKind.RATE_LIMITED : ErrorKind.TOO_LARGE;
        }
        for (ErrorKind kind : ErrorKind.values()) {
            if (kind.grpcCode() == status.getCode()) {
                return kind;
            }
        }
        return ErrorKind.INTERNAL;
    }

    @Override
    public String name() {
        return "gRPC";
    }

    @Override
    public String toString() {
        return name();
    }
}
