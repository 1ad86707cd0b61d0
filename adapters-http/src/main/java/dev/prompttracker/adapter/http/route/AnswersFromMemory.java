package dev.prompttracker.adapter.http.route;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;

import java.util.Optional;

/**
 * A gRPC service some of whose calls can be answered from what the read model already holds, on the
 * event loop, without blocking. {@link FastRoutes} asks before running the method itself, over REST
 * and gRPC alike; the service's own method stays the answer whenever this one is empty.
 */
public interface AnswersFromMemory {
    /**
     * The answer to {@code request} of {@code method} for the current caller, when memory has it;
     * never blocks, never fails (anything doubtful is empty, and the method answers it).
     */
    Optional<MemoryAnswer> fromMemory(MethodDescriptor<?, ?> method, Message request);
}
