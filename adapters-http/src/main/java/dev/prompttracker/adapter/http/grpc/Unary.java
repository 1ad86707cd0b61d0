package dev.prompttracker.adapter.http.grpc;

import io.grpc.stub.StreamObserver;

import java.util.function.Supplier;

/** Completes a unary call with the use case's result, or fails it with the exception for the error mapper. */
final class Unary {
    private Unary() {
    }

    static <T> void respond(StreamObserver<T> observer, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            observer.onError(e);
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }
}
