package dev.prompttracker.adapter.http.grpc;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import dev.prompttracker.application.port.in.GetCachedPromptUseCase;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import io.grpc.MethodDescriptor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /api/prompts/{id}} for a prompt already assembled in memory, answered on the event loop
 * with the same JSON the transcoded call would print, but without the gRPC round (transcoding, a
 * blocking task, building and printing the message). The JSON of each cached view is printed once.
 * Anything else goes the ordinary way: other routes, query strings, bad credentials (which get
 * their 401 there), a prompt not in memory, or one the caller may not read (its 404 comes from there).
 */
public final class HotPromptDecorator extends SimpleDecoratingHttpService {
    private static final String PREFIX = "/api/prompts/";
    private static final int MAX_PRINTED = 10_000;
    private static final ResponseHeaders OK_JSON = ResponseHeaders.of(HttpStatus.OK, HttpHeaderNames.CONTENT_TYPE,
            MediaType.JSON_UTF_8);

    private final GetCachedPromptUseCase cached;
    private final Supplier<Optional<Actor>> caller;
    private final GrpcJsonMarshaller json;
    private final MethodDescriptor.Marshaller<Prompt> messages = PromptServiceGrpc.getGetPromptMethod()
            .getResponseMarshaller();
    /** The JSON printed for a view, kept while that very view is the one in the cache. */
    private final Map<PromptId, Printed> printed = new ConcurrentHashMap<>();

    private record Printed(PromptView view, byte[] json) {
    }

    private HotPromptDecorator(HttpService delegate, GetCachedPromptUseCase cached, Supplier<Optional<Actor>> caller,
                               GrpcJsonMarshaller json) {
        super(delegate);
        this.cached = cached;
        this.caller = caller;
        this.json = json;
    }

    /** {@code caller} answers the authenticated actor, or empty when the credentials were refused. */
    public static Function<? super HttpService, HotPromptDecorator> newDecorator(
            GetCachedPromptUseCase cached, Supplier<Optional<Actor>> caller, GrpcJsonMarshaller json) {
        return delegate -> new HotPromptDecorator(delegate, cached, caller, json);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        String path = ctx.path();
        if (req.method() != HttpMethod.GET || ctx.query() != null || !path.startsWith(PREFIX)
                || path.length() == PREFIX.length() || path.indexOf('/', PREFIX.length()) >= 0) {
            return unwrap().serve(ctx, req);
        }
        Optional<Actor> actor = caller.get();
        Optional<PromptView> view = actor.flatMap(a -> cached.getCachedPrompt(
                new GetPromptQuery(a, path.substring(PREFIX.length()))));
        if (view.isEmpty()) {
            return unwrap().serve(ctx, req);
        }
        return HttpResponse.of(OK_JSON, HttpData.wrap(print(view.get())));
    }

    private byte[] print(PromptView view) {
        Printed known = printed.get(view.prompt().id());
        if (known != null && known.view() == view) {
            return known.json();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            json.serializeMessage(messages, ProtoMapper.prompt(view), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        if (printed.size() >= MAX_PRINTED) {
            printed.clear();
        }
        printed.put(view.prompt().id(), new Printed(view, bytes));
        return bytes;
    }
}
