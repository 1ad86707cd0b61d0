package dev.prompttracker.adapter.http.grpc;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import com.linecorp.armeria.common.util.SafeCloseable;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import dev.prompttracker.application.service.ApplicationServices;
import dev.prompttracker.proto.v1.AddResponseRequest;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import io.grpc.MethodDescriptor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code POST /api/prompts} and {@code POST /api/prompts/{id}/responses} with a JSON body, decoded
 * with the same JSON codec into the same message and run through the same use case (on the blocking
 * executor) as the transcoded call, but without the gRPC round trip of transcoding (JSON to message
 * to frame and back, twice): about half of a create's CPU. Failures become the same problem
 * documents. A body the codec does not read, or one over the size limit, a query string or any other
 * request goes the ordinary way, which answers it, errors included.
 */
public final class HotWriteDecorator extends SimpleDecoratingHttpService {
    private static final String PROMPTS = "/api/prompts";
    private static final String RESPONSES = "/responses";

    private final ApplicationServices app;
    private final GrpcJsonMarshaller json;
    private final long maxRequestBytes;

    private HotWriteDecorator(HttpService delegate, ApplicationServices app, GrpcJsonMarshaller json,
                              long maxRequestBytes) {
        super(delegate);
        this.app = app;
        this.json = json;
        this.maxRequestBytes = maxRequestBytes;
    }

    public static Function<? super HttpService, HotWriteDecorator> newDecorator(ApplicationServices app,
                                                                                GrpcJsonMarshaller json,
                                                                                long maxRequestBytes) {
        return delegate -> new HotWriteDecorator(delegate, app, json, maxRequestBytes);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        MediaType type = req.contentType();
        if (req.method() != HttpMethod.POST || ctx.query() != null || type == null || !type.is(MediaType.JSON)
                || !type.charset(StandardCharsets.UTF_8).equals(StandardCharsets.UTF_8)) {
            return unwrap().serve(ctx, req);
        }
        String path = ctx.path();
        Optional<String> promptId = responsesOf(path);
        if (!path.equals(PROMPTS) && promptId.isEmpty()) {
            return unwrap().serve(ctx, req);
        }
        return HttpResponse.of(req.aggregate().thenCompose(aggregated -> {
            try (SafeCloseable ignored = ctx.push()) {
                Optional<Supplier<byte[]>> call = promptId.isEmpty() ? create(aggregated)
                        : addResponse(aggregated, promptId.get());
                if (call.isEmpty()) {
                    HttpRequest again = aggregated.toHttpRequest();
                    ctx.updateRequest(again);
                    return CompletableFuture.completedFuture(unwrap().serve(ctx, again));
                }
                return CompletableFuture.completedFuture(JsonMessages.onBlockingExecutor(ctx, call.get()));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }));
    }

    /** The prompt id of {@code /api/prompts/{id}/responses}, when the path is that. */
    private static Optional<String> responsesOf(String path) {
        if (!path.startsWith(PROMPTS + "/") || !path.endsWith(RESPONSES)
                || path.length() <= PROMPTS.length() + 1 + RESPONSES.length()) {
            return Optional.empty();
        }
        String id = path.substring(PROMPTS.length() + 1, path.length() - RESPONSES.length());
        return id.isEmpty() || id.indexOf('/') >= 0 || id.indexOf('%') >= 0 ? Optional.empty() : Optional.of(id);
    }

    private Optional<Supplier<byte[]>> create(AggregatedHttpRequest aggregated) {
        var method = PromptServiceGrpc.getCreatePromptMethod();
        return parse(aggregated, method.getRequestMarshaller())
                .map(request -> () -> JsonMessages.print(json, method.getResponseMarshaller(),
                        PromptGrpcService.createPrompt(app, request)));
    }

    private Optional<Supplier<byte[]>> addResponse(AggregatedHttpRequest aggregated, String promptId) {
        var method = PromptServiceGrpc.getAddResponseMethod();
        return parse(aggregated, method.getRequestMarshaller())
                // An id in the body as well as in the path: transcoding settles that, not this path.
                .filter(request -> request.getPromptId().isEmpty())
                .map(request -> () -> JsonMessages.print(json, method.getResponseMarshaller(),
                        PromptGrpcService.addResponse(app, request.toBuilder().setPromptId(promptId).build())));
    }

    private <M> Optional<M> parse(AggregatedHttpRequest aggregated, MethodDescriptor.Marshaller<M> marshaller) {
        HttpData body = aggregated.content();
        if (body.isEmpty() || body.length() > maxRequestBytes) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.deserializeMessage(marshaller, body.toInputStream()));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
