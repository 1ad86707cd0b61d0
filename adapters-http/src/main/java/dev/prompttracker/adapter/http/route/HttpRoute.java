package dev.prompttracker.adapter.http.route;

import com.google.protobuf.Descriptors;
import com.linecorp.armeria.common.HttpMethod;
import io.grpc.MethodDescriptor;

import java.util.Objects;

/**
 * One {@code google.api.http} binding of a gRPC method: its verb, path and body, as the proto states
 * them. {@code body} is {@code "*"} when the whole message (less the path fields) is the JSON body, and
 * empty when the fields not in the path come as query parameters.
 */
public record HttpRoute(MethodDescriptor<?, ?> method, Descriptors.MethodDescriptor proto, HttpMethod verb,
                        PathTemplate path, String body) {
    public HttpRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
    }

    /** The gRPC method name, {@code package.Service/Method}. */
    public String fullMethodName() {
        return method.getFullMethodName();
    }

    public boolean takesBody() {
        return !body.isEmpty();
    }

    @Override
    public String toString() {
        return verb + " " + path + (takesBody() ? " body:" + body : "") + " -> " + fullMethodName();
    }
}
