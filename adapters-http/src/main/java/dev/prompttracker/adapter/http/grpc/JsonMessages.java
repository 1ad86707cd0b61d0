package dev.prompttracker.adapter.http.grpc;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.adapter.http.error.ErrorMapper;
import io.grpc.MethodDescriptor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The edge's fast paths answer with what transcoding would send: a message printed by the same JSON
 * codec, and a failure as the same problem document.
 */
final class JsonMessages {
    private static final ResponseHeaders OK_JSON = ResponseHeaders.of(HttpStatus.OK, HttpHeaderNames.CONTENT_TYPE,
            MediaType.JSON_UTF_8);

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

    static HttpResponse ok(byte[] body) {
        return HttpResponse.of(OK_JSON, HttpData.wrap(body));
    }

    /** Runs a use case and prints its answer on the blocking executor; a failure becomes its problem document. */
    static HttpResponse onBlockingExecutor(ServiceRequestContext ctx, Supplier<byte[]> printedAnswer) {
        return HttpResponse.of(CompletableFuture.supplyAsync(printedAnswer, ctx.blockingTaskExecutor())
                .handle((body, failure) -> failure == null
                        ? ok(body)
                        : ErrorMapper.problemOf(ctx, failure).toResponse(ctx.id().text()).toHttpResponse()));
    }
}
