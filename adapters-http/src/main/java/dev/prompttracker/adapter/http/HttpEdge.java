package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.cors.CorsService;
import com.linecorp.armeria.server.cors.CorsServiceBuilder;
import com.linecorp.armeria.server.docs.DocService;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.HttpJsonTranscodingOptions;
import com.linecorp.armeria.server.grpc.HttpJsonTranscodingQueryParamMatchRule;
import com.linecorp.armeria.server.grpc.UnframedGrpcErrorHandler;
import com.linecorp.armeria.server.healthcheck.HealthCheckService;
import com.linecorp.armeria.server.healthcheck.HealthChecker;
import dev.prompttracker.adapter.http.error.ErrorMapper;
import dev.prompttracker.adapter.http.web.WebApp;
import dev.prompttracker.adapter.http.grpc.AuthGrpcService;
import dev.prompttracker.adapter.http.grpc.CollectionGrpcService;
import dev.prompttracker.adapter.http.grpc.DataGrpcService;
import dev.prompttracker.adapter.http.transfer.ImportFormats;
import dev.prompttracker.adapter.http.grpc.ContentGrpcService;
import dev.prompttracker.adapter.http.grpc.ProgressGrpcService;
import dev.prompttracker.adapter.http.grpc.PromptGrpcService;
import dev.prompttracker.adapter.http.grpc.RatingGrpcService;
import dev.prompttracker.adapter.http.route.FastRoutes;
import dev.prompttracker.adapter.http.route.RouteTable;
import dev.prompttracker.adapter.http.grpc.ServiceCodecs;
import dev.prompttracker.adapter.http.grpc.SubscriberGrpcService;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;

import io.grpc.BindableService;
import io.grpc.ServiceDescriptor;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inbound edge on one Armeria server: the proto services as gRPC and, transcoded from the same
 * {@code google.api.http} annotations, as REST/JSON; CORS; errors as problem documents; health and
 * docs. {@code bootstrap} and the edge tests both build the server through {@link #configure}.
 */
public final class HttpEdge {
    static final String REQUEST_ID_HEADER = "x-request-id";
    static final int MAX_STREAMS_PER_CONNECTION = 128;
    private static final String VARY_ORIGIN = HttpHeaderNames.ORIGIN.toString();

    /**
     * The methods served without transcoding's gRPC round trip (see {@link FastRoutes}): the prompt
     * tracker's hot reads and writes. Any unary method with a plain {@code google.api.http} rule may be
     * added; the parity suite compares every one with its transcoded answer.
     */
    static final Set<String> DIRECT_METHODS = Set.of(
            PromptServiceGrpc.getGetPromptMethod().getFullMethodName(),
            PromptServiceGrpc.getListPromptsMethod().getFullMethodName(),
            PromptServiceGrpc.getCreatePromptMethod().getFullMethodName(),
            PromptServiceGrpc.getAddResponseMethod().getFullMethodName());

    /** The upload formats of both the ImportData RPC and POST /api/import (see {@link ImportFormats#standard}). */
    static final ImportFormats IMPORT_FORMATS = ImportFormats.standard();

    private HttpEdge() {
    }

    private static ServiceDescriptor grpcService(List<BindableService> services, String name) {
        return services.stream().map(s -> s.bindService().getServiceDescriptor())
                .filter(d -> d.getName().equals(name)).findFirst().orElseThrow();
    }

    public static ServerBuilder configure(ServerBuilder sb, ApplicationServices app, EdgeSettings settings,
                                          HealthChecker... health) {
        return configure(sb, app, settings, WebApp.fromClasspath(HttpEdge.class.getClassLoader()), health);
    }

    /** As above, with the browser app given (none when the {@code web} module is not on the classpath). */
    public static ServerBuilder configure(ServerBuilder sb, ApplicationServices app, EdgeSettings settings,
                                          Optional<WebApp> web, HealthChecker... health) {
        List<BindableService> services = List.of(new AuthGrpcService(app), new PromptGrpcService(app),
                new SubscriberGrpcService(app), new ProgressGrpcService(app), new ContentGrpcService(app),
                new RatingGrpcService(app), new CollectionGrpcService(app), new DataGrpcService(app, IMPORT_FORMATS));
        GrpcService grpc = GrpcService.builder()
                .addServices(services)
                .useBlockingTaskExecutor(true)
                .maxRequestMessageLength(settings.maxRequestBytes())
                .jsonMarshallerFactory(ServiceCodecs::lazy)
                .exceptionHandler(ErrorMapper.grpcExceptionHandler())
                .enableUnframedRequests(true)
                .unframedGrpcErrorHandler(ErrorMapper.restErrorHandler())
                .enableHttpJsonTranscoding(HttpJsonTranscodingOptions.builder()
                        .queryParamMatchRules(HttpJsonTranscodingQueryParamMatchRule.LOWER_CAMEL_CASE,
                                HttpJsonTranscodingQueryParamMatchRule.ORIGINAL_FIELD,
                                HttpJsonTranscodingQueryParamMatchRule.JSON_NAME)
                        .errorHandler(ErrorMapper.restErrorHandler())
                        .build())
                .build();

        sb.blockingTaskExecutor(new VirtualThreadExecutor(), true)
                // Bounds the calls in flight per HTTP/2 connection (gRPC clients multiplex): past it a
                // client waits for a free stream instead of piling work, and memory, onto the server.
                .http2MaxStreamsPerConnection(MAX_STREAMS_PER_CONNECTION)
                // Messages over the limit are refused by the gRPC deframer (RESOURCE_EXHAUSTED → 413 over REST);
                // the HTTP limit is a looser backstop so that gRPC clients get a gRPC status, not a bare 413.
                .maxRequestLength(2L * settings.maxRequestBytes())
                .requestTimeout(settings.requestTimeout())
                .errorHandler(ErrorMapper.serverErrorHandler())
                .service("/healthz", HealthCheckService.of(health))
                .decorator(DataGrpcService.IMPORT_PATH, (delegate, ctx, req) -> {
                    ctx.setMaxRequestLength(DataGrpcService.MAX_UPLOAD_BYTES);
                    return delegate.serve(ctx, req);
                });
        // The last decorator is the outermost: authentication runs before the fast routes.
        if (settings.fastPaths()) {
            RouteTable routes = RouteTable.of(services.stream().map(s -> s.bindService().getServiceDescriptor())
                    .toList());
            sb.service(grpc, delegate -> delegate.decorate(HttpEdge::restWithoutGrpcHeaders),
                    FastRoutes.newDecorator(routes, services, DIRECT_METHODS,
                            name -> ServiceCodecs.lazy(grpcService(services, name)), settings.maxRequestBytes()),
                    AuthDecorator.newDecorator(app.authenticate()));
        } else {
            sb.service(grpc, delegate -> delegate.decorate(HttpEdge::restWithoutGrpcHeaders),
                    AuthDecorator.newDecorator(app.authenticate()));
        }
        // The JSON-lines download beside the transcoded routes (see PreferenceDownload).
        sb.route().get(PreferenceDownload.PATH)
                .build(new PreferenceDownload(app.exportPreferences()).decorate(AuthDecorator.newDecorator(app.authenticate())));
        // Everything of one's own, out and back in, beside the ExportData and ImportData RPCs (see DataDownload).
        sb.route().get(DataDownload.PATH).requestTimeout(DataGrpcService.TIMEOUT)
                .build(new DataDownload(app.exportData()).decorate(AuthDecorator.newDecorator(app.authenticate())));
        sb.route().post(DataUpload.PATH).requestTimeout(DataGrpcService.TIMEOUT)
                // The upload limit is the format's (checked by DataUpload); this one lets the largest through.
                .maxRequestLength(ImportFormats.STREAMED_MAX_BYTES + DataUpload.SLACK_BYTES)
                .build(new DataUpload(app.importData(), IMPORT_FORMATS)
                        .decorate(AuthDecorator.newDecorator(app.authenticate())));
        web.ifPresent(webApp -> webApp.install(sb, app.getCachedPrompt(), app.getPrompt(), app.getCollection()));
        if (settings.docsEnabled()) {
            sb.serviceUnder("/docs", DocService.builder().build());
            serveReflection(sb);
        }
        // Decorators added later wrap those added earlier: CORS wraps the services, so preflights never
        // reach authentication and every response, errors included, carries the CORS headers; only
        // Vary is set around it.
        sb.decorator(SecurityHeadersDecorator::new);
        sb.decorator(cors(settings.corsAllowedOrigins()).newDecorator());
        sb.decorator(HttpEdge::varyByOrigin);
        if (!settings.trustedProxies().isEmpty()) {
            // Around CORS and everything else here, so preflights and refusals are logged with their client too.
            sb.decorator(ClientAddress.resolvedBy(settings.trustedProxies()));
        }
        return sb;
    }

    /**
     * A transcoded REST answer would carry the gRPC call's own headers ({@code grpc-status},
     * {@code grpc-encoding}, {@code grpc-accept-encoding}): they say nothing to a REST client, and a
     * direct answer has none, so they are dropped from every answer to a request that is not gRPC.
     */
    private static HttpResponse restWithoutGrpcHeaders(HttpService delegate, ServiceRequestContext ctx,
                                                       HttpRequest req) throws Exception {
        HttpResponse response = delegate.serve(ctx, req);
        MediaType type = req.contentType();
        if (type != null && type.subtype().startsWith("grpc")) {
            return response;
        }
        return response.mapHeaders(headers -> {
            List<io.netty.util.AsciiString> grpcHeaders = headers.names().stream().filter(HttpEdge::isGrpcHeader)
                    .toList();
            if (grpcHeaders.isEmpty()) {
                return headers;
            }
            var builder = headers.toBuilder();
            grpcHeaders.forEach(builder::remove);
            return builder.build();
        });
    }

    private static boolean isGrpcHeader(io.netty.util.AsciiString name) {
        return name.startsWith(GRPC_HEADER_PREFIX);
    }

    private static final io.netty.util.AsciiString GRPC_HEADER_PREFIX = io.netty.util.AsciiString.of("grpc-");

    /**
     * gRPC server reflection (what grpcurl, buf curl and Postman read), which describes the API like
     * {@code /docs} and goes with it. Both versions, since older clients know only v1alpha. Armeria
     * lets one gRPC service hold one reflection service, so each version is a service of its own; each
     * still describes every gRPC service on the server. They run off the event loop: there, Armeria
     * signals "ready" from inside the reflection service's send, which then answers the same question
     * twice, and every later answer on the stream is one behind (what grpcurl and buf curl ask in turn).
     */
    @SuppressWarnings("deprecation") // v1alpha is deprecated, and still what older clients ask for.
    private static void serveReflection(ServerBuilder sb) {
        sb.service(GrpcService.builder().addService(ProtoReflectionServiceV1.newInstance())
                .useBlockingTaskExecutor(true).build());
        sb.service(GrpcService.builder().addService(ProtoReflectionService.newInstance())
                .useBlockingTaskExecutor(true).build());
    }

    /**
     * Every answer depends on the request's {@code Origin}: CORS echoes allowed ones and leaves the
     * headers off for the others and for requests without one. So every answer says so, preflights and
     * errors included, or a shared cache could serve one origin's answer to another (Fetch standard,
     * "CORS protocol and HTTP caches"). Set once here, around CORS, which names it only for allowed
     * origins; additional headers replace the service's own, so a service that varies by more says so in
     * its additional headers too, and this adds {@code Origin} to them.
     */
    private static HttpResponse varyByOrigin(HttpService delegate, ServiceRequestContext ctx, HttpRequest req)
            throws Exception {
        try {
            return delegate.serve(ctx, req);
        } finally {
            ctx.mutateAdditionalResponseHeaders(headers -> {
                // A service's own reason to vary (the web app's Accept-Encoding) stays beside it.
                String own = headers.get(HttpHeaderNames.VARY);
                if (own == null || own.isBlank()) {
                    headers.set(HttpHeaderNames.VARY, VARY_ORIGIN);
                } else if (!own.toLowerCase(java.util.Locale.ROOT).contains(VARY_ORIGIN)) {
                    headers.set(HttpHeaderNames.VARY, own + ", " + VARY_ORIGIN);
                }
            });
        }
    }

    /**
     * Starts, on a thread of its own, the costly one-time initialisation the configuration will need
     * (the server's flags and transports, the JSON error codec, which generates code), so that it
     * overlaps with opening the stores.
     */
    public static void warmUpInBackground() {
        Thread.ofPlatform().name("edge-warm-up").daemon(true).start(() -> {
            UnframedGrpcErrorHandler.ofJson();
            Server.builder();
        });
    }

    private static CorsServiceBuilder cors(List<String> origins) {
        CorsServiceBuilder builder = origins.contains("*")
                ? CorsService.builderForAnyOrigin()
                : CorsService.builder(origins);
        return builder
                .allowRequestMethods(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                        HttpMethod.DELETE, HttpMethod.OPTIONS)
                .allowRequestHeaders(HttpHeaderNames.AUTHORIZATION, HttpHeaderNames.CONTENT_TYPE)
                .exposeHeaders(REQUEST_ID_HEADER, HttpHeaderNames.RETRY_AFTER.toString(),
                        HttpHeaderNames.WWW_AUTHENTICATE.toString())
                .maxAge(86_400);
    }
}
