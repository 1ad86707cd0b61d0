package dev.prompttracker.adapter.http;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.logging.RequestLog;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import com.google.protobuf.MessageLite;
import dev.prompttracker.adapter.http.route.GrpcFrames;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast route layer changes nothing a client or an operator can see: one core behind two servers,
 * one with the layer and one without, answers the same requests with the same status, headers and
 * bytes (the request id and date aside; for a write, the ids and times it generates), and logs them
 * under the same names. Reads are asked three times (fast, plain, fast again) so that an answer
 * assembled by the use case and one printed from memory are both compared.
 */
class FastRoutesParityTest {
    @RegisterExtension
    static final EdgeServer fast = new EdgeServer().fastPaths(true);
    @RegisterExtension
    static final ServerExtension plain = fast.twin(false);

    private static final Pattern GENERATED = Pattern.compile(
            "\"(id|promptId|createdAt|updatedAt)\":\"[^\"]*\"");

    /** Which code set the request log's RPC request: the layer, or Armeria's gRPC service. */
    private static Class<?> answeredBy;

    record Seen(int status, Map<String, String> headers, String body, Map<String, String> trailers,
                String service, String name) {
    }

    private static Seen send(ServerExtension server, RequestHeaders headers, byte[] body, boolean http2,
                             boolean generatedValuesAside) throws InterruptedException {
        WebClient client = WebClient.of(server.uri(http2 ? SessionProtocol.H2C : SessionProtocol.HTTP));
        AggregatedHttpResponse response = client.execute(HttpRequest.of(headers, HttpData.wrap(body)))
                .aggregate().join();
        ServiceRequestContext ctx = server.requestContextCaptor().take();
        RequestLog log = ctx.log().whenComplete().join();
        answeredBy = log.requestContent() instanceof com.linecorp.armeria.common.RpcRequest rpc ? rpc.serviceType() : null;
        String requestId = response.headers().get("x-request-id");
        String text = body(response);
        if (requestId != null) {
            text = text.replace(requestId, "<request id>");
        }
        if (generatedValuesAside) {
            text = GENERATED.matcher(text).replaceAll(m -> Matcher.quoteReplacement("\"" + m.group(1) + "\":\"…\""));
        }
        return new Seen(response.status().code(), normalized(response.headers(), requestId), text,
                normalized(response.trailers(), requestId), log.serviceName(), log.name());
    }

    private static String body(AggregatedHttpResponse response) {
        MediaType type = response.contentType();
        return type != null && type.subtype().startsWith("grpc")
                ? java.util.HexFormat.of().formatHex(response.content().array())
                : response.contentUtf8();
    }

    /** The headers less date and request id; binary ones (the gRPC status details) decoded, the request id aside. */
    private static Map<String, String> normalized(HttpHeaders headers, String requestId) {
        Map<String, String> kept = new TreeMap<>();
        headers.forEach((name, value) -> {
            String key = name.toString();
            if (key.endsWith("-bin")) {
                value = new String(java.util.Base64.getDecoder().decode(value), StandardCharsets.ISO_8859_1);
            }
            if (requestId != null) {
                value = value.replace(requestId, "<request id>");
            }
            if (!key.equals("date") && !key.equals("x-request-id")) {
                kept.merge(key, value, (a, b) -> a + ", " + b);
            }
        });
        return kept;
    }

    /** Sends one request to the fast server, then the plain one, then (for reads) the fast one again. */
    private static void agree(RequestHeaders headers, byte[] body, boolean http2, boolean write) throws Exception {
        fast.requestContextCaptor().clear();
        plain.requestContextCaptor().clear();
        Seen first = send(fast, headers, body, http2, write);
        Seen second = send(plain, headers, body, http2, write);
        assertThat(first).as("%s %s: with the layer vs without", headers.method(), headers.path()).isEqualTo(second);
        if (!write) {
            assertThat(send(fast, headers, body, http2, false)).as("%s %s: from memory", headers.method(),
                    headers.path()).isEqualTo(second);
        }
    }

    private static RequestHeaders rest(HttpMethod method, String path, String token, MediaType type) {
        var headers = RequestHeaders.builder(method, path).set(HttpHeaderNames.ORIGIN, EdgeServer.ALLOWED_ORIGIN);
        if (type != null) {
            headers.contentType(type);
        }
        if (token != null) {
            headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        return headers.build();
    }

    private static void read(String path, String token) throws Exception {
        agree(rest(HttpMethod.GET, path, token, null), new byte[0], false, false);
    }

    private static void write(HttpMethod method, String path, String token, MediaType type, String json)
            throws Exception {
        agree(rest(method, path, token, type), json.getBytes(java.nio.charset.StandardCharsets.UTF_8), false, true);
    }

    private static void grpc(String method, String token, MessageLite request) throws Exception {
        var headers = RequestHeaders.builder(HttpMethod.POST, "/prompttracker.v1.PromptService/" + method)
                .contentType(MediaType.parse("application/grpc")).set("te", "trailers");
        if (token != null) {
            headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        agree(headers.build(), GrpcFrames.frame(request), true, false);
    }

    private static String created(String token, String json) {
        return fast.blockingWebClient().execute(rest(HttpMethod.POST, "/api/prompts", token, MediaType.JSON_UTF_8),
                json).contentUtf8().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void readsAgreeByteForByte() throws Exception {
        String owner = fast.newUser(fast.rest()).getAccessToken();
        String stranger = fast.newUser(fast.rest()).getAccessToken();
        String open = created(owner, "{\"title\":\"Open\",\"content\":\"Write a haiku\",\"isPublic\":true,\"tags\":[\"poetry\"]}");
        String closed = created(owner, "{\"title\":\"Closed\",\"content\":\"Write a limerick\",\"tags\":[\"poetry\"]}");
        for (String model : List.of("a", "b", "c")) {
            fast.blockingWebClient().execute(rest(HttpMethod.POST, "/api/prompts/" + open + "/responses", owner,
                    MediaType.JSON_UTF_8), "{\"modelName\":\"" + model + "\",\"content\":\"**answer** " + model
                    + "\",\"isMarkdown\":true}");
        }
        for (String token : new String[] {owner, stranger, null, owner + "x"}) {
            read("/api/prompts/" + open, token);
            read("/api/prompts/" + closed, token);
            read("/api/prompts", token);
            read("/api/prompts?page_size=1", token);
            read("/api/prompts?pageSize=50&tag=poetry&q=haiku", token);
            read("/api/prompts?pageToken=forged", token);
            read("/api/prompts?page_size=many", token);
            read("/api/prompts?page_size=1&pageSize=2", token);
            read("/api/prompts/p_doesNotExist00000000000", token);
            read("/api/prompts/not%20an%20id", token);
            read("/api/prompts/" + open + "/responses", token);
            read("/api/public/prompts?tag=poetry", token);
            grpc("GetPrompt", token, GetPromptRequest.newBuilder().setId(open).build());
            grpc("GetPrompt", token, GetPromptRequest.newBuilder().setId(closed).build());
            grpc("GetPrompt", token, GetPromptRequest.newBuilder().setId("nope").build());
            grpc("ListPrompts", token, ListPromptsRequest.newBuilder().setPageSize(1).build());
            grpc("ListPrompts", token, ListPromptsRequest.newBuilder().setPageToken("forged").build());
        }
    }

    @Test
    void theLayerAnswersWhatItIsMeantToAndOnlyWithTheLayerOn() throws Exception {
        String owner = fast.newUser(fast.rest()).getAccessToken();
        String id = created(owner, "{\"content\":\"Mine\"}");
        byte[] none = new byte[0];
        RequestHeaders get = rest(HttpMethod.GET, "/api/prompts/" + id, owner, null);
        RequestHeaders grpcGet = RequestHeaders.builder(HttpMethod.POST, "/prompttracker.v1.PromptService/GetPrompt")
                .contentType(MediaType.parse("application/grpc")).set("te", "trailers")
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + owner).build();
        byte[] grpcBody = GrpcFrames.frame(GetPromptRequest.newBuilder().setId(id).build());
        RequestHeaders addResponse = rest(HttpMethod.POST, "/api/prompts/" + id + "/responses", owner,
                MediaType.JSON_UTF_8);
        byte[] response = "{\"modelName\":\"m\",\"content\":\"c\"}".getBytes(StandardCharsets.UTF_8);
        for (var server : List.of(fast, plain)) {
            Class<?> layer = server == fast ? dev.prompttracker.adapter.http.route.FastRoutes.class
                    : com.linecorp.armeria.internal.common.grpc.GrpcLogUtil.class;
            server.requestContextCaptor().clear();
            send(server, addResponse, response, false, true);
            assertThat(answeredBy).as("add a response").isEqualTo(layer);
            send(server, get, none, false, false);
            send(server, get, none, false, false);
            assertThat(answeredBy).as("a REST read").isEqualTo(layer);
            send(server, grpcGet, grpcBody, true, false);
            assertThat(answeredBy).as("a gRPC read from memory").isEqualTo(layer);
            send(server, rest(HttpMethod.GET, "/api/prompts/" + id + "/responses", owner, null), none, false, false);
            assertThat(answeredBy).as("a method not marked direct")
                    .isEqualTo(com.linecorp.armeria.internal.common.grpc.GrpcLogUtil.class);
        }
    }

    @Test
    void writesAgreeTheirGeneratedValuesAside() throws Exception {
        String owner = fast.newUser(fast.rest()).getAccessToken();
        String stranger = fast.newUser(fast.rest()).getAccessToken();
        String id = created(owner, "{\"content\":\"Mine\"}");
        for (String token : new String[] {owner, stranger, null, owner + "x"}) {
            write(HttpMethod.POST, "/api/prompts", token, MediaType.JSON_UTF_8,
                    "{\"title\":\"Haiku\",\"content\":\"Write a haiku\",\"tags\":[\"Poetry\"],\"isPublic\":true}");
            write(HttpMethod.POST, "/api/prompts", token, MediaType.JSON_UTF_8, "{\"content\":\"   \"}");
            write(HttpMethod.POST, "/api/prompts", token, MediaType.JSON_UTF_8, "{\"content\":");
            write(HttpMethod.POST, "/api/prompts", token, MediaType.JSON_UTF_8, "[1,2]");
            write(HttpMethod.POST, "/api/prompts", token, MediaType.JSON_UTF_8, "{\"content\":\"x\",\"isPublic\":\"perhaps\"}");
            write(HttpMethod.POST, "/api/prompts", token, MediaType.JSON_UTF_8, "{\"content\":\"x\",\"noSuchField\":1}");
            write(HttpMethod.POST, "/api/prompts", token, MediaType.FORM_DATA, "content=x");
            write(HttpMethod.POST, "/api/prompts", token, MediaType.JSON_UTF_8, "");
            write(HttpMethod.POST, "/api/prompts?x=1", token, MediaType.JSON_UTF_8, "{\"content\":\"x\"}");
            write(HttpMethod.POST, "/api/prompts", token, MediaType.JSON_UTF_8,
                    "{\"content\":\"" + "x".repeat(70 * 1024) + "\"}");
            write(HttpMethod.POST, "/api/prompts/" + id + "/responses", token, MediaType.JSON_UTF_8,
                    "{\"modelName\":\"gpt-4o\",\"content\":\"Rows settle like snow\"}");
            write(HttpMethod.POST, "/api/prompts/" + id + "/responses", token, MediaType.JSON_UTF_8,
                    "{\"promptId\":\"" + id + "\",\"modelName\":\"m\",\"content\":\"c\"}");
            write(HttpMethod.POST, "/api/prompts/not-an-id/responses", token, MediaType.JSON_UTF_8,
                    "{\"modelName\":\"m\",\"content\":\"x\"}");
            write(HttpMethod.PATCH, "/api/prompts/" + id, token, MediaType.JSON_UTF_8, "{\"title\":\"Renamed\"}");
        }
    }
}
