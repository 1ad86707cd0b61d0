package dev.prompttracker.adapter.http.grpc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.util.SafeCloseable;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import dev.prompttracker.application.port.in.GetCachedPromptUseCase;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.ListCachedPromptsUseCase;
import dev.prompttracker.application.port.in.ListPromptsQuery;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import dev.prompttracker.proto.v1.PromptServiceGrpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The gRPC twin of {@link HotPromptDecorator}: a unary {@code GetPrompt} of a prompt held in memory,
 * or {@code ListPrompts} of a page of the caller's list held in memory, is answered on the event loop
 * with the message serialised once per cached object, instead of through a blocking task, the
 * mapping and the serialisation. Anything else, including compressed or malformed messages and
 * gRPC-Web or JSON bodies, goes to the gRPC service unchanged.
 */
public final class HotGrpcReadDecorator extends SimpleDecoratingHttpService {
    private static final String GET_PROMPT = "/" + PromptServiceGrpc.getGetPromptMethod().getFullMethodName();
    private static final String LIST_PROMPTS = "/" + PromptServiceGrpc.getListPromptsMethod().getFullMethodName();
    private static final MediaType GRPC = MediaType.parse("application/grpc");
    private static final MediaType GRPC_PROTO = MediaType.parse("application/grpc+proto");
    private static final int FRAME_HEADER = 5;
    private static final ResponseHeaders OK = ResponseHeaders.of(HttpStatus.OK, HttpHeaderNames.CONTENT_TYPE,
            GRPC_PROTO);
    private static final HttpHeaders OK_TRAILERS = HttpHeaders.of("grpc-status", "0");

    private final GetCachedPromptUseCase cachedPrompts;
    private final ListCachedPromptsUseCase cachedLists;
    private final Supplier<Optional<Actor>> caller;
    /** The printed form kept with a cached view or page. */
    private static final String GRPC_FRAME = "grpc-frame";

    private HotGrpcReadDecorator(HttpService delegate, GetCachedPromptUseCase cachedPrompts,
                                 ListCachedPromptsUseCase cachedLists, Supplier<Optional<Actor>> caller) {
        super(delegate);
        this.cachedPrompts = cachedPrompts;
        this.cachedLists = cachedLists;
        this.caller = caller;
    }

    /** {@code caller} answers the authenticated actor, or empty when the credentials were refused. */
    public static Function<? super HttpService, HotGrpcReadDecorator> newDecorator(
            GetCachedPromptUseCase cachedPrompts, ListCachedPromptsUseCase cachedLists,
            Supplier<Optional<Actor>> caller) {
        return delegate -> new HotGrpcReadDecorator(delegate, cachedPrompts, cachedLists, caller);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        String path = ctx.path();
        boolean getPrompt = path.equals(GET_PROMPT);
        if (req.method() != HttpMethod.POST || !(getPrompt || path.equals(LIST_PROMPTS)) || !plainGrpc(req.headers())) {
            return unwrap().serve(ctx, req);
        }
        Optional<Actor> actor = caller.get();
        if (actor.isEmpty()) {
            return unwrap().serve(ctx, req);
        }
        return HttpResponse.of(req.aggregate().thenApply(aggregated -> {
            try (SafeCloseable ignored = ctx.push()) {
                byte[] frame = getPrompt ? prompt(actor.get(), aggregated) : page(actor.get(), aggregated);
                if (frame != null) {
                    return HttpResponse.of(OK, HttpData.wrap(frame), OK_TRAILERS);
                }
                HttpRequest again = aggregated.toHttpRequest();
                ctx.updateRequest(again);
                return unwrap().serve(ctx, again);
            } catch (Exception e) {
                return HttpResponse.ofFailure(e);
            }
        }));
    }

    private byte[] prompt(Actor actor, AggregatedHttpRequest aggregated) {
        return message(aggregated)
                .flatMap(bytes -> parse(() -> GetPromptRequest.parseFrom(bytes)))
                .flatMap(request -> cachedPrompts.getCachedPrompt(new GetPromptQuery(actor, request.getId())))
                .map(view -> view.printed(GRPC_FRAME, () -> frame(ProtoMapper.prompt(view.value()))))
                .orElse(null);
    }

    private byte[] page(Actor actor, AggregatedHttpRequest aggregated) {
        Optional<UserId> owner = actor.userId();
        Optional<ListPromptsRequest> request = message(aggregated)
                .flatMap(bytes -> parse(() -> ListPromptsRequest.parseFrom(bytes)));
        if (owner.isEmpty() || request.isEmpty()) {
            return null;
        }
        ListPromptsRequest asked = request.get();
        return cachedLists.listCachedPrompts(new ListPromptsQuery(actor, asked.getPageSize(), asked.getPageToken(),
                        asked.getTag(), asked.getQ()))
                .map(page -> page.printed(GRPC_FRAME, () -> frame(ProtoMapper.promptPage(page.value()))))
                .orElse(null);
    }

    private static boolean plainGrpc(RequestHeaders headers) {
        MediaType type = headers.contentType();
        String encoding = headers.get("grpc-encoding");
        return type != null && (type.is(GRPC) || type.is(GRPC_PROTO))
                && (encoding == null || encoding.equals("identity"));
    }

    /** The one uncompressed message of a unary call, or empty for anything else. */
    private static Optional<ByteBuffer> message(AggregatedHttpRequest aggregated) {
        byte[] body = aggregated.content().array();
        if (body.length < FRAME_HEADER || body[0] != 0) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        int length = buffer.getInt(1);
        if (length != body.length - FRAME_HEADER) {
            return Optional.empty();
        }
        return Optional.of(buffer.position(FRAME_HEADER).slice());
    }

    private interface Parser<M> {
        M parse() throws InvalidProtocolBufferException;
    }

    private static <M> Optional<M> parse(Parser<M> parser) {
        try {
            return Optional.of(parser.parse());
        } catch (InvalidProtocolBufferException malformed) {
            return Optional.empty();
        }
    }

    private static byte[] frame(MessageLite message) {
        int size = message.getSerializedSize();
        byte[] frame = new byte[FRAME_HEADER + size];
        ByteBuffer.wrap(frame).put((byte) 0).putInt(size);
        CodedOutputStream out = CodedOutputStream.newInstance(frame, FRAME_HEADER, size);
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.checkNoSpaceLeft();
        return frame;
    }
}
