package dev.prompttracker.adapter.http;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.RequestInfo;
import com.google.rpc.RetryInfo;
import dev.prompttracker.adapter.http.support.BreakableBlobStore;
import dev.prompttracker.adapter.http.support.CapturedLog;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.out.RateLimiter.Limit;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Error details as a stock grpc-java client (Netty transport, not Armeria's) reads them: a
 * {@code google.rpc.Status} in the {@code grpc-status-details-bin} trailer, via {@link StatusProto}.
 */
class GrpcStatusDetailsTest {
    private static final Limit PLENTY = new Limit(1_000_000, Duration.ofSeconds(1));
    private static final Limit ONE_WRITE_A_MINUTE = new Limit(1, Duration.ofMinutes(1));
    private static final Metadata.Key<byte[]> DETAILS_TRAILER =
            Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);
    private static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    @RegisterExtension
    static final EdgeServer server = new EdgeServer(new RateLimits(PLENTY, PLENTY, PLENTY, PLENTY, PLENTY, PLENTY,
            PLENTY, PLENTY, ONE_WRITE_A_MINUTE, PLENTY, PLENTY));
    private static ManagedChannel channel;

    @BeforeAll
    static void connect() {
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.httpPort(), InsecureChannelCredentials.create())
                .build();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void repair() {
        server.blobs.mode(BreakableBlobStore.Mode.WORKING);
    }

    private static PromptServiceGrpc.PromptServiceBlockingStub prompts(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return PromptServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static StatusRuntimeException failure(Runnable call) {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(error).as("the call should fail").isNotNull();
        return error;
    }

    private static <T extends com.google.protobuf.Message> Optional<T> detail(com.google.rpc.Status status, Class<T> type) {
        for (Any any : status.getDetailsList()) {
            if (any.is(type)) {
                try {
                    return Optional.of(any.unpack(type));
                } catch (InvalidProtocolBufferException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return Optional.empty();
    }

    /** The standard trailer, once; the request id in it is the one of the response's x-request-id. */
    private static com.google.rpc.Status details(StatusRuntimeException error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertThat(status).as("google.rpc.Status in grpc-status-details-bin").isNotNull();
        assertThat(error.getTrailers().getAll(DETAILS_TRAILER)).hasSize(1);
        assertThat(status.getCode()).isEqualTo(error.getStatus().getCode().value());
        assertThat(detail(status, RequestInfo.class)).hasValueSatisfying(info ->
                assertThat(info.getRequestId()).isNotBlank().isEqualTo(error.getTrailers().get(REQUEST_ID)));
        return status;
    }

    @Test
    void anInvalidRequestListsItsFieldViolations() {
        String token = server.newUser(server.grpc()).getAccessToken();
        StatusRuntimeException error = failure(() -> prompts(token).createPrompt(CreatePromptRequest.newBuilder()
                .setContent("").addTags("x".repeat(41)).build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(detail(details(error), BadRequest.class)).hasValueSatisfying(badRequest ->
                assertThat(badRequest.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField)
                        .containsExactlyInAnyOrder("content", "tags"));
    }

    @Test
    void aRateLimitedCallCarriesRetryAfterAndRetryInfo() {
        String token = server.newUser(server.grpc()).getAccessToken();
        prompts(token).createPrompt(CreatePromptRequest.newBuilder().setContent("the one write").build());
        StatusRuntimeException error = failure(() -> prompts(token).createPrompt(CreatePromptRequest.newBuilder()
                .setContent("one too many").build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        long retryAfter = Long.parseLong(error.getTrailers().get(RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(detail(details(error), RetryInfo.class)).hasValueSatisfying(info ->
                assertThat(info.getRetryDelay().getSeconds()).isBetween(retryAfter - 1, retryAfter));
    }

    @Test
    void anUnavailableDependencyTellsTheClientOnlyTheRequestId() {
        String token = server.newUser(server.grpc()).getAccessToken();
        server.blobs.mode(BreakableBlobStore.Mode.UNAVAILABLE);
        try (CapturedLog log = new CapturedLog()) {
            StatusRuntimeException error = failure(() -> prompts(token).createPrompt(CreatePromptRequest.newBuilder()
                    .setContent("x").build()));
            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            com.google.rpc.Status status = details(error);
            String requestId = error.getTrailers().get(REQUEST_ID);
            assertThat(error.getStatus().getDescription()).contains(requestId)
                    .doesNotContain("sk_live_SECRET123", "/var/data", "unreachable");
            assertThat(status.toString()).doesNotContain("sk_live_SECRET123", "/var/data", "unreachable");
            assertThat(log.eventsMentioning(BreakableBlobStore.UPSTREAM_SECRET)).singleElement().asString()
                    .contains(requestId);
        }
    }
}
