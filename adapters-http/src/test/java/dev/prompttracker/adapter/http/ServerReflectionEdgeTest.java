package dev.prompttracker.adapter.http;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.application.RateLimits;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.BlockingClientCall;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * gRPC server reflection as grpcurl, buf curl or Postman use it, through grpc-java's own reflection
 * stubs over its Netty transport: both protocol versions, served exactly when the API docs are.
 */
class ServerReflectionEdgeTest {
    private static final List<String> SERVICES = List.of("prompttracker.v1.AuthService", "prompttracker.v1.PromptService",
            "prompttracker.v1.SubscriberService", "prompttracker.v1.ProgressService", "prompttracker.v1.ContentService");

    @RegisterExtension
    static final EdgeServer docsOn = new EdgeServer();
    @RegisterExtension
    static final EdgeServer docsOff = new EdgeServer(new EdgeSettings(List.of(EdgeServer.ALLOWED_ORIGIN), 64 * 1024,
            Duration.ofSeconds(10), false), RateLimits.generous());

    /** The two protocol versions: the same messages on the wire, under two service names. */
    enum Version {
        V1 {
            @Override
            ServerReflectionResponse ask(ManagedChannel channel, ServerReflectionRequest request) throws Exception {
                return exchange(ServerReflectionGrpc.newBlockingV2Stub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo(), request);
            }
        },
        V1ALPHA {
            @Override
            ServerReflectionResponse ask(ManagedChannel channel, ServerReflectionRequest request) throws Exception {
                var answer = exchange(io.grpc.reflection.v1alpha.ServerReflectionGrpc.newBlockingV2Stub(channel)
                                .withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo(),
                        io.grpc.reflection.v1alpha.ServerReflectionRequest.parseFrom(request.toByteString()));
                return ServerReflectionResponse.parseFrom(answer.toByteString());
            }
        };

        abstract ServerReflectionResponse ask(ManagedChannel channel, ServerReflectionRequest request) throws Exception;

        private static <Q, R> R exchange(BlockingClientCall<Q, R> call, Q request) throws Exception {
            try {
                call.write(request);
                return call.read();
            } finally {
                call.halfClose();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void listsTheServicesAndDescribesTheirMethods(Version version) throws Exception {
        ManagedChannel channel = channelTo(docsOn);
        try {
            ServerReflectionResponse listed = version.ask(channel,
                    ServerReflectionRequest.newBuilder().setListServices("").build());
            assertThat(listed.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
                    .containsAll(SERVICES)
                    .contains("grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

            ServerReflectionResponse described = version.ask(channel, ServerReflectionRequest.newBuilder()
                    .setFileContainingSymbol("prompttracker.v1.PromptService.CreatePrompt").build());
            List<ByteString> files = described.getFileDescriptorResponse().getFileDescriptorProtoList();
            assertThat(files).as("the file and the files it imports").isNotEmpty();
            FileDescriptorProto file = FileDescriptorProto.parseFrom(files.getFirst());
            assertThat(file.getPackage()).isEqualTo("prompttracker.v1");
            assertThat(file.getServiceList()).filteredOn(service -> service.getName().equals("PromptService"))
                    .singleElement().extracting(ServiceDescriptorProto::getMethodList).asInstanceOf(
                            org.assertj.core.api.InstanceOfAssertFactories.list(MethodDescriptorProto.class))
                    .anySatisfy(method -> {
                        assertThat(method.getName()).isEqualTo("CreatePrompt");
                        assertThat(method.getInputType()).isEqualTo(".prompttracker.v1.CreatePromptRequest");
                    });
            assertThat(files.stream().map(ServerReflectionEdgeTest::fileName))
                    .as("its imports come along, so a client can decode every message")
                    .contains("google/api/annotations.proto");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void isNotServedWhileTheDocsAreOff(Version version) throws Exception {
        ManagedChannel channel = channelTo(docsOff);
        try {
            StatusException refused = catchThrowableOfType(StatusException.class, () -> version.ask(channel,
                    ServerReflectionRequest.newBuilder().setListServices("").build()));
            assertThat(refused).as("reflection should be refused").isNotNull();
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static ManagedChannel channelTo(EdgeServer server) {
        return Grpc.newChannelBuilderForAddress("127.0.0.1", server.httpPort(), InsecureChannelCredentials.create()).build();
    }

    private static String fileName(ByteString bytes) {
        try {
            return FileDescriptorProto.parseFrom(bytes).getName();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
