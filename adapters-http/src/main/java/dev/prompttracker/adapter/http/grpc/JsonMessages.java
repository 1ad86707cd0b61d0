package dev.prompttracker.adapter.http.grpc;

import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import io.grpc.MethodDescriptor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A message printed as the JSON body transcoding would send, by the same codec, for the edge's fast paths. */
final class JsonMessages {
    private JsonMessages() {
    }

    static <M> byte[] print(GrpcJsonMarshaller json, MethodDescriptor.Marshaller<M> marshaller, M message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            json.serializeMessage(marshaller, message, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
