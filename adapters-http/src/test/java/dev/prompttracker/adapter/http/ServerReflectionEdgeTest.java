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
            "prompttracker.v1.SubscriberService", "prompttracker.v1.ProgressService", "prompttracker.v1.ContentService",
            "prompttracker.v1.CollectionService");

    @RegisterExtension
    static final EdgeServer docsOn = new EdgeServer();
    @RegisterExtension
    static final EdgeServer docsOff = new EdgeServer(new EdgeSettings(List.of(EdgeServer.ALLOWED_ORIGIN), 64 * 1024,
            Duration.ofSeconds(10), false), RateLimits.generous());

    /** The two protocol versions: the same messages on the wire, under two service names. */
    enum Version {
        V1 {
            @Override
            Stream open(ManagedChannel channel) {
                var call = ServerReflectionGrpc.newBlockingV2Stub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .serverReflectionInfo();
                return new Stream(request -> {
                    call.write(request);
                    return call.read();
                }, call::halfClose);
            }
        },
        V1ALPHA {
            @Override
            Stream open(ManagedChannel channel) {
                var call = io.grpc.reflection.v1alpha.ServerReflectionGrpc.newBlockingV2Stub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo();
                return new Stream(request -> {
                    call.write(io.grpc.reflection.v1alpha.ServerReflectionRequest.parseFrom(request.toByteString()));
                    return ServerReflectionResponse.parseFrom(call.read().toByteString());
                }, call::halfClose);
            }
        };

        /** One reflection stream, asked one question after another as grpcurl and buf curl do. */
        abstract Stream open(ManagedChannel channel);
    }

    record Stream(Exchange exchange, Runnable close) {
        ServerReflectionResponse ask(ServerReflectionRequest request) throws Exception {
            ServerReflectionResponse response = exchange.apply(request);
            assertThat(response.getOriginalRequest()).as("the answer to this question").isEqualTo(request);
            return response;
        }
    }

    interface Exchange {
        ServerReflectionResponse apply(ServerReflectionRequest request) throws Exception;
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void listsTheServicesAndDescribesEachOfThem(Version version) throws Exception {
        ManagedChannel channel = channelTo(docsOn);
        Stream stream = version.open(channel);
        try {
            List<String> listed = stream.ask(ServerReflectionRequest.newBuilder().setListServices("").build())
                    .getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
            assertThat(listed).containsAll(SERVICES)
                    .contains("grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

            for (String service : listed) {
                List<FileDescriptorProto> files = files(stream.ask(
                        ServerReflectionRequest.newBuilder().setFileContainingSymbol(service).build()));
                assertThat(files.getFirst().getServiceList()).as(service)
                        .anySatisfy(described -> assertThat(files.getFirst().getPackage() + "." + described.getName())
                                .isEqualTo(service));
            }

            List<FileDescriptorProto> files = files(stream.ask(ServerReflectionRequest.newBuilder()
                    .setFileContainingSymbol("prompttracker.v1.PromptService.CreatePrompt").build()));
            assertThat(files.getFirst().getPackage()).isEqualTo("prompttracker.v1");
            assertThat(files.getFirst().getServiceList()).filteredOn(service -> service.getName().equals("PromptService"))
                    .singleElement().extracting(ServiceDescriptorProto::getMethodList).asInstanceOf(
                            org.assertj.core.api.InstanceOfAssertFactories.list(MethodDescriptorProto.class))
                    .anySatisfy(method -> {
                        assertThat(method.getName()).isEqualTo("CreatePrompt");
                        assertThat(method.getInputType()).isEqualTo(".prompttracker.v1.CreatePromptRequest");
                    });
            assertThat(files).extracting(FileDescriptorProto::getName)
                    .as("its imports come along, so a client can decode every message")
                    .contains("google/api/annotations.proto");
        } finally {
            stream.close().run();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void isNotServedWhileTheDocsAreOff(Version version) throws Exception {
        ManagedChannel channel = channelTo(docsOff);
        try {
            StatusException refused = catchThrowableOfType(StatusException.class, () -> version.open(channel)
                    .ask(ServerReflectionRequest.newBuilder().setListServices("").build()));
            assertThat(refused).as("reflection should be refused").isNotNull();
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static ManagedChannel channelTo(EdgeServer server) {
        return Grpc.newChannelBuilderForAddress("127.0.0.1", server.httpPort(), InsecureChannelCredentials.create()).build();
    }

    /** The file that defines the symbol asked about, then the files it imports. */
    private static List<FileDescriptorProto> files(ServerReflectionResponse response) throws InvalidProtocolBufferException {
        List<FileDescriptorProto> files = new java.util.ArrayList<>();
        for (ByteString file : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            files.add(FileDescriptorProto.parseFrom(file));
        }
        assertThat(files).as("a file descriptor").isNotEmpty();
        return files;
    }
}
