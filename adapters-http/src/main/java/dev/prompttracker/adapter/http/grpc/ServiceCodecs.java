package dev.prompttracker.adapter.http.grpc;

import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import dev.prompttracker.proto.v1.AuthServiceGrpc;
import dev.prompttracker.proto.v1.ContentServiceGrpc;
import dev.prompttracker.proto.v1.ProgressServiceGrpc;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import dev.prompttracker.proto.v1.RatingServiceGrpc;
import dev.prompttracker.proto.v1.SubscriberServiceGrpc;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.ServiceDescriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JSON codecs of the served gRPC services. Building one generates code for every message type,
 * which was most of the server's start-up; they depend only on the compiled contracts, so they are built
 * once per process, on first use or by {@link #buildInBackground()} once the server is up.
 */
public final class ServiceCodecs {
    private static final List<ServiceDescriptor> SERVED = List.of(AuthServiceGrpc.getServiceDescriptor(),
            PromptServiceGrpc.getServiceDescriptor(), SubscriberServiceGrpc.getServiceDescriptor(),
            ProgressServiceGrpc.getServiceDescriptor(), ContentServiceGrpc.getServiceDescriptor(),
            RatingServiceGrpc.getServiceDescriptor(), dev.prompttracker.proto.v1.CollectionServiceGrpc.getServiceDescriptor(),
            dev.prompttracker.proto.v1.DataServiceGrpc.getServiceDescriptor());
    private static final Map<String, GrpcJsonMarshaller> BUILT = new ConcurrentHashMap<>();
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ServiceCodecs() {
    }

    /** The gRPC services the edge serves. */
    public static List<ServiceDescriptor> served() {
        return SERVED;
    }

    /** Starts building every codec on a thread of its own, so that first requests do not wait for it. */
    public static void buildInBackground() {
        if (STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().name("codec-warm-up").daemon(true).start(() -> SERVED.forEach(ServiceCodecs::of));
        }
    }

    /** The codec of {@code service}, built when it is first used rather than when the server is configured. */
    public static GrpcJsonMarshaller lazy(ServiceDescriptor service) {
        return new Lazy(service);
    }

    /** JSON as REST clients see it: every field present, defaults included. */
    public static GrpcJsonMarshaller of(ServiceDescriptor service) {
        GrpcJsonMarshaller built = BUILT.get(service.getName());
        // A codec being built on the warm-up thread is waited for, not built twice.
        return built != null ? built : BUILT.computeIfAbsent(service.getName(), name -> GrpcJsonMarshaller.builder()
                .jsonMarshallerCustomizer(json -> json.includingDefaultValueFields(true))
                .build(service));
    }

    private record Lazy(ServiceDescriptor service) implements GrpcJsonMarshaller {
        @Override
        public <T> void serializeMessage(Marshaller<T> marshaller, T message, OutputStream out) throws IOException {
            of(service).serializeMessage(marshaller, message, out);
        }

        @Override
        public <T> T deserializeMessage(Marshaller<T> marshaller, InputStream in) throws IOException {
            return of(service).deserializeMessage(marshaller, in);
        }
    }
}
