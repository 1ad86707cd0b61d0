package dev.prompttracker.adapter.http.grpc;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import dev.prompttracker.application.port.in.GetCachedPromptUseCase;
import dev.prompttracker.adapter.http.Caller;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.GetPromptUseCase;
import dev.prompttracker.application.port.in.ListCachedPromptsUseCase;
import dev.prompttracker.application.port.in.ListPromptsQuery;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.proto.v1.ListPromptsResponse;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import io.grpc.MethodDescriptor;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /api/prompts/{id}} for a prompt already assembled in memory, and {@code GET /api/prompts}
 * for a page of the caller's list already in memory, answered on the event loop with the same JSON
 * the transcoded call would print, but without the gRPC round (transcoding, a blocking task, building
 * and printing the message). The JSON of each cached view or page is printed once. A prompt not in
 * memory is read through the same use case on the blocking executor, its failures mapped to the same
 * problem documents. Anything else goes the ordinary way: other routes, query strings it does not
 * know, bad credentials (which get their 401 there), a page not in memory, or a prompt the caller may
 * not read from memory (its 404 comes from the use case).
 */
public final class HotPromptDecorator extends SimpleDecoratingHttpService {
    private static final String LIST = "/api/prompts";
    private static final String PREFIX = LIST + "/";
    /** The list's query parameters, each under the names transcoding accepts for it. */
    private static final List<List<String>> LIST_PARAMETERS = List.of(List.of("pageSize", "page_size"),
            List.of("pageToken", "page_token"), List.of("tag"), List.of("q"));

    private final GetCachedPromptUseCase cachedPrompts;
    private final GetPromptUseCase assemble;
    private final ListCachedPromptsUseCase cachedLists;
    private final Supplier<Optional<Actor>> caller;
    private final GrpcJsonMarshaller json;
    private final MethodDescriptor.Marshaller<Prompt> prompts = PromptServiceGrpc.getGetPromptMethod()
            .getResponseMarshaller();
    private final MethodDescriptor.Marshaller<ListPromptsResponse> pages = PromptServiceGrpc.getListPromptsMethod()
            .getResponseMarshaller();
    /** The printed form kept with a cached view or page. */
    private static final String REST_JSON = "rest-json";

    private HotPromptDecorator(HttpService delegate, GetCachedPromptUseCase cachedPrompts, GetPromptUseCase assemble,
                               ListCachedPromptsUseCase cachedLists, Supplier<Optional<Actor>> caller,
                               GrpcJsonMarshaller json) {
        super(delegate);
        this.cachedPrompts = cachedPrompts;
        this.assemble = assemble;
        this.cachedLists = cachedLists;
        this.caller = caller;
        this.json = json;
    }

    /**
     * {@code caller} answers the authenticated actor, or empty when the credentials were refused;
     * {@code assemble}, when given, reads a prompt not in memory on the blocking executor (same use case,
     * same JSON, same problem documents as the transcoded call, without its gRPC round).
     */
    public static Function<? super HttpService, HotPromptDecorator> newDecorator(
            GetCachedPromptUseCase cachedPrompts, GetPromptUseCase assemble, ListCachedPromptsUseCase cachedLists,
            Supplier<Optional<Actor>> caller, GrpcJsonMarshaller json) {
        return delegate -> new HotPromptDecorator(delegate, cachedPrompts, assemble, cachedLists, caller, json);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        if (req.method() == HttpMethod.GET) {
            String path = ctx.path();
            byte[] body = null;
            if (path.equals(LIST)) {
                body = cachedPage(ctx.query());
            } else if (ctx.query() == null && path.startsWith(PREFIX) && path.length() > PREFIX.length()
                    && path.indexOf('/', PREFIX.length()) < 0) {
                Optional<Actor> actor = caller.get();
                if (actor.isPresent()) {
                    String id = path.substring(PREFIX.length());
                    body = cachedPrompt(actor.get(), id);
                    if (body == null && assemble != null) {
                        return assembled(ctx, actor.get(), id);
                    }
                }
            }
            if (body != null) {
                return JsonMessages.ok(body);
            }
        }
        return unwrap().serve(ctx, req);
    }

    private byte[] cachedPrompt(Actor actor, String id) {
        return cachedPrompts.getCachedPrompt(new GetPromptQuery(actor, id))
                .map(found -> found.printed(REST_JSON, () -> JsonMessages.print(json, prompts,
                        ProtoMapper.prompt(found.value()))))
                .orElse(null);
    }

    private HttpResponse assembled(ServiceRequestContext ctx, Actor actor, String id) {
        ClientInfo client = Caller.client();
        return JsonMessages.onBlockingExecutor(ctx, () -> JsonMessages.print(json, prompts,
                ProtoMapper.prompt(assemble.getPrompt(new GetPromptQuery(actor, id, client)))));
    }

    private byte[] cachedPage(String rawQuery) {
        Optional<Actor> actor = caller.get();
        Optional<UserId> owner = actor.flatMap(Actor::userId);
        Optional<ListPromptsQuery> query = actor.flatMap(a -> listQuery(a, rawQuery));
        if (owner.isEmpty() || query.isEmpty()) {
            return null;
        }
        return cachedLists.listCachedPrompts(query.get())
                .map(found -> found.printed(REST_JSON, () -> JsonMessages.print(json, pages,
                        ProtoMapper.promptPage(found.value()))))
                .orElse(null);
    }

    /** The query as transcoding would read it, or empty for one it reads in a way not repeated here. */
    private static Optional<ListPromptsQuery> listQuery(Actor actor, String rawQuery) {
        QueryParams params = rawQuery == null ? QueryParams.of() : QueryParams.fromQueryString(rawQuery);
        String[] values = new String[LIST_PARAMETERS.size()];
        int known = 0;
        for (int i = 0; i < values.length; i++) {
            for (String name : LIST_PARAMETERS.get(i)) {
                List<String> given = params.getAll(name);
                if (given.size() > 1 || (given.size() == 1 && values[i] != null)) {
                    return Optional.empty();
                }
                if (given.size() == 1) {
                    values[i] = given.getFirst();
                    known++;
                }
            }
        }
        if (known != params.size()) {
            return Optional.empty();
        }
        int pageSize = 0;
        if (values[0] != null) {
            try {
                pageSize = Integer.parseInt(values[0]);
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        return Optional.of(new ListPromptsQuery(actor, pageSize, orEmpty(values[1]), orEmpty(values[2]),
                orEmpty(values[3])));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

}
