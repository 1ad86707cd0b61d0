package dev.prompttracker.adapter.http.route;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Calls the implementation of a unary gRPC method (the generated {@code AsyncService} method,
 * {@code getPrompt(GetPromptRequest, StreamObserver<Prompt>)}) with a decoded request, as Armeria's
 * gRPC service would, without the gRPC framing around it.
 */
final class UnaryInvoker {
    private final MethodDescriptor<?, ?> method;
    private final MethodHandle implementation;

    private UnaryInvoker(MethodDescriptor<?, ?> method, MethodHandle implementation) {
        this.method = method;
        this.implementation = implementation;
    }

    static UnaryInvoker of(Object service, MethodDescriptor<?, ?> method) {
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            throw new IllegalArgumentException(method.getFullMethodName() + " is not unary");
        }
        Class<?> requestType = RestRequests.prototype(method).getClass();
        String name = Character.toLowerCase(method.getBareMethodName().charAt(0))
                + method.getBareMethodName().substring(1);
        try {
            Method java = service.getClass().getMethod(name, requestType, StreamObserver.class);
            return new UnaryInvoker(method, MethodHandles.publicLookup().unreflect(java).bindTo(service));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException(service.getClass().getName() + " does not implement "
                    + method.getFullMethodName() + " as a public " + name + "(" + requestType.getSimpleName()
                    + ", StreamObserver)", e);
        }
    }

    /** Runs the method on {@code executor}; the future holds its one response or its failure. */
    CompletableFuture<Message> call(Message request, Executor executor) {
        CompletableFuture<Message> answer = new CompletableFuture<>();
        StreamObserver<Object> observer = new StreamObserver<>() {
            private Message response;

            @Override
            public void onNext(Object value) {
                response = (Message) value;
            }

            @Override
            public void onError(Throwable failure) {
                answer.completeExceptionally(failure);
            }

            @Override
            public void onCompleted() {
                if (response == null) {
                    answer.completeExceptionally(new IllegalStateException(method.getFullMethodName()
                            + " completed without a response"));
                } else {
                    answer.complete(response);
                }
            }
        };
        executor.execute(() -> {
            try {
                implementation.invoke(request, observer);
            } catch (Throwable failure) {
                answer.completeExceptionally(failure);
            }
        });
        return answer;
    }
}
