package dev.prompttracker.adapter.http.support;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import dev.prompttracker.proto.v1.AuthServiceGrpc;
import dev.prompttracker.proto.v1.ContentServiceGrpc;
import dev.prompttracker.proto.v1.ProgressServiceGrpc;
import dev.prompttracker.proto.v1.SubscriberServiceGrpc;
import dev.prompttracker.proto.v1.PromptServiceGrpc;

import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One API method: its proto descriptor (the REST transport reads the {@code google.api.http} rule
 * from it), how to call it on a gRPC stub, and how to build its response message from JSON.
 */
public record Rpc<Q extends Message, R extends Message>(Descriptors.MethodDescriptor method,
                                                         BiFunction<Stubs, Q, R> grpc,
                                                         Supplier<Message.Builder> responseBuilder) {

    /** The blocking stubs, already carrying the call's credentials. */
    public record Stubs(AuthServiceGrpc.AuthServiceBlockingStub auth, PromptServiceGrpc.PromptServiceBlockingStub prompts,
                        SubscriberServiceGrpc.SubscriberServiceBlockingStub subscribers,
                        ProgressServiceGrpc.ProgressServiceBlockingStub progress,
                        ContentServiceGrpc.ContentServiceBlockingStub content,
                        dev.prompttracker.proto.v1.RatingServiceGrpc.RatingServiceBlockingStub ratings,
                        dev.prompttracker.proto.v1.CollectionServiceGrpc.CollectionServiceBlockingStub collections) {
    }
}
