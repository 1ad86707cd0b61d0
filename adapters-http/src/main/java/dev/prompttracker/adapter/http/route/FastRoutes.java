package dev.prompttracker.adapter.http.route;

import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.RpcRequest;
import com.linecorp.armeria.common.RpcResponse;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import com.linecorp.armeria.common.util.SafeCloseable;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import dev.prompttracker.adapter.http.error.ErrorMapper;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Serves the methods marked direct without transcoding's gRPC round trip (JSON to message to frame
 * and back, twice): a REST call found in the {@link RouteTable} is decoded into the method's request
 * by the service's JSON codec ({@link RestRequests}), the method's implementation runs on the blocking
 * executor, and its response is printed by the same codec; a failure becomes the same problem document.
 * A method whose service {@link AnswersFromMemory answers from memory} is first asked there, on the
 * event loop, over REST and plain gRPC alike, and the printed answer is kept with the cached entry.
 * Everything else (other methods, calls {@link RestRequests} leaves to transcoding, gRPC calls not
 * answered from memory) goes to the gRPC service unchanged. Requests are logged under the gRPC
 * method's name whichever way they are answered.
 */
public final class FastRoutes extends SimpleDecoratingHttpService {
    /** The printed forms kept with a cached entry. */
    static final String REST_JSON = "rest-json";
    static final String GRPC_FRAME = "grpc-frame";
    private static final ResponseHeaders OK_JSON = ResponseHeaders.of(HttpStatus.OK, HttpHeaderNames.CONTENT_TYPE,
            MediaType.JSON_UTF_8);

    private final RouteTable table;
    private final Map<String, Direct> byMethod;
    private final Map<String, Direct> byGrpcPath;
    private final long maxRequestBytes;

    private record Direct(MethodDescriptor<?, ?> method, UnaryInvoker invoker, Optional<AnswersFromMemory> memory,
                          GrpcJsonMarshaller codec) {
    }

    private FastRoutes(HttpService delegate, RouteTable table, Map<String, Direct> byMethod, long maxRequestBytes) {
        super(delegate);
        this.table = table;
        this.byMethod = byMethod;
        this.maxRequestBytes = maxRequestBytes;
        Map<String, Direct> grpc = new HashMap<>();
        byMethod.values().stream().filter(d -> d.memory().isPresent())
                .forEach(d -> grpc.put("/" + d.method().getFullMethodName(), d));
        this.byGrpcPath = Map.copyOf(grpc);
    }

    /**
     * A decorator serving {@code direct} (full method names) of {@code services}, whose JSON codecs
     * {@code codecs} gives by service name. A method named here that is not served, not unary or has
     * a rule the table does not read is refused now, not skipped at run time.
     */
    public static Function<? super HttpService, FastRoutes> newDecorator(
            RouteTable table, List<BindableService> services, Set<String> direct,
            Function<String, GrpcJsonMarshaller> codecs, long maxRequestBytes) {
        Map<String, Direct> byMethod = new HashMap<>();
        for (BindableService service : services) {
            for (var definition : service.bindService().getMethods()) {
                MethodDescriptor<?, ?> method = definition.getMethodDescriptor();
                if (!direct.contains(method.getFullMethodName())) {
                    continue;
                }
                if (table.unsupported().containsKey(method.getFullMethodName())) {
                    throw new IllegalArgumentException(method.getFullMethodName() + " cannot be served directly: "
                            + table.unsupported().get(method.getFullMethodName()));
                }
                byMethod.put(method.getFullMethodName(), new Direct(method, UnaryInvoker.of(service, method),
                        Optional.of(service).filter(AnswersFromMemory.class::isInstance)
                                .map(AnswersFromMemory.class::cast),
                        codecs.apply(method.getServiceName())));
            }
        }
        Set<String> unknown = new java.util.TreeSet<>(direct);
        unknown.removeAll(byMethod.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no served method named " + unknown);
        }
        Map<String, Direct> frozen = Map.copyOf(byMethod);
        return delegate -> new FastRoutes(delegate, table, frozen, maxRequestBytes);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        String path = ctx.path();
        if (req.method() == HttpMethod.POST) {
            Direct grpc = byGrpcPath.get(path);
            if (grpc != null) {
                return GrpcFrames.isPlainProto(req.headers()) ? grpcFromMemory(ctx, req, grpc) : unwrap().serve(ctx, req);
            }
        }
        Optional<RouteTable.Match> match = table.find(req.method(), path);
        Direct direct = match.map(m -> byMethod.get(m.route().fullMethodName())).orElse(null);
        if (direct == null) {
            return unwrap().serve(ctx, req);
        }
        RouteTable.Match found = match.get();
        if (!found.route().takesBody() && req.isEmpty()) {
            return rest(ctx, req, direct, RestRequests.fromQuery(found.route(), found.variables(), ctx.query()));
        }
        return HttpResponse.of(req.aggregate().thenApply(aggregated -> {
            try (SafeCloseable ignored = ctx.push()) {
                Optional<Message> request = found.route().takesBody()
                        ? RestRequests.fromBody(found.route(), found.variables(), ctx.query(), aggregated.contentType(),
                        aggregated.content(), direct.codec(), maxRequestBytes)
                        : aggregated.content().isEmpty()
                        ? RestRequests.fromQuery(found.route(), found.variables(), ctx.query())
                        : Optional.empty();
                return request.isPresent() ? rest(ctx, req, direct, request) : again(ctx, aggregated);
            } catch (Exception e) {
                return HttpResponse.ofFailure(e);
            }
        }));
    }

    private HttpResponse rest(ServiceRequestContext ctx, HttpRequest req, Direct direct, Optional<Message> decoded)
            throws Exception {
        if (decoded.isEmpty()) {
            return unwrap().serve(ctx, req);
        }
        Message request = decoded.get();
        logAs(ctx, direct.method(), request);
        Optional<MemoryAnswer> remembered = direct.memory().flatMap(m -> m.fromMemory(direct.method(), request));
        if (remembered.isPresent()) {
            return ok(remembered.get().printed(REST_JSON, message -> printJson(direct, message)));
        }
        return HttpResponse.of(direct.invoker().call(request, ctx.blockingTaskExecutor())
                .handle((response, failure) -> {
                    if (failure == null) {
                        ctx.logBuilder().responseContent(RpcResponse.of(response), null);
                        return ok(printJson(direct, response));
                    }
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException c
                            && c.getCause() != null ? c.getCause() : failure;
                    ctx.logBuilder().responseContent(RpcResponse.ofFailure(cause), null);
                    return ErrorMapper.problemOf(ctx, cause).toResponse(ctx.id().text()).toHttpResponse();
                }));
    }

    private HttpResponse grpcFromMemory(ServiceRequestContext ctx, HttpRequest req, Direct direct) {
        return HttpResponse.of(req.aggregate().thenApply(aggregated -> {
            try (SafeCloseable ignored = ctx.push()) {
                Optional<ByteBuffer> bytes = GrpcFrames.message(aggregated.content());
                if (bytes.isPresent()) {
                    Message request = parse(direct.method(), bytes.get());
                    Optional<MemoryAnswer> remembered = request == null ? Optional.empty()
                            : direct.memory().orElseThrow().fromMemory(direct.method(), request);
                    if (remembered.isPresent()) {
                        logAs(ctx, direct.method(), request);
                        return GrpcFrames.ok(remembered.get().printed(GRPC_FRAME, GrpcFrames::frame));
                    }
                }
                return again(ctx, aggregated);
            } catch (Exception e) {
                return HttpResponse.ofFailure(e);
            }
        }));
    }

    /** The aggregated request, handed to the gRPC service as if it had not been read. */
    private HttpResponse again(ServiceRequestContext ctx, AggregatedHttpRequest aggregated) throws Exception {
        HttpRequest again = aggregated.toHttpRequest();
        ctx.updateRequest(again);
        return unwrap().serve(ctx, again);
    }

    private static Message parse(MethodDescriptor<?, ?> method, ByteBuffer bytes) {
        try {
            return RestRequests.prototype(method).getParserForType().parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException malformed) {
            return null;
        }
    }

    /** The names Armeria's gRPC service gives the request log, so that logs and metrics do not tell the paths apart. */
    private static void logAs(ServiceRequestContext ctx, MethodDescriptor<?, ?> method, Message request) {
        ctx.logBuilder().name(method.getServiceName(), method.getBareMethodName());
        ctx.logBuilder().requestContent(RpcRequest.of(FastRoutes.class, method.getServiceName(),
                method.getBareMethodName(), List.of(request)), null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] printJson(Direct direct, MessageLite message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            direct.codec().serializeMessage((MethodDescriptor.Marshaller) direct.method().getResponseMarshaller(),
                    message, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static HttpResponse ok(byte[] body) {
        return HttpResponse.of(OK_JSON, HttpData.wrap(body));
    }
}
