package dev.prompttracker.adapter.http.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.route.HttpRoute;
import dev.prompttracker.adapter.http.route.RouteTable;
import dev.prompttracker.proto.v1.AuthServiceGrpc;
import dev.prompttracker.proto.v1.ContentServiceGrpc;
import dev.prompttracker.proto.v1.ProgressServiceGrpc;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import dev.prompttracker.proto.v1.SubscriberServiceGrpc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the API as a browser would: REST/JSON on the paths of the {@code google.api.http} rules,
 * path fields in the URL, the rest as query parameters (GET, DELETE) or a JSON body.
 */
public final class RestTransport implements Transport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The routes the edge reads from the same descriptors: a path changed in the proto moves here too. */
    private static final RouteTable ROUTES = RouteTable.of(List.of(AuthServiceGrpc.getServiceDescriptor(),
            PromptServiceGrpc.getServiceDescriptor(), SubscriberServiceGrpc.getServiceDescriptor(),
            ProgressServiceGrpc.getServiceDescriptor(), ContentServiceGrpc.getServiceDescriptor(),
            dev.prompttracker.proto.v1.RatingServiceGrpc.getServiceDescriptor(), dev.prompttracker.proto.v1.CollectionServiceGrpc.getServiceDescriptor()));
    private final BlockingWebClient client;

    public RestTransport(BlockingWebClient client) {
        this.client = client;
    }

    @Override
    public <Q extends Message, R extends Message> Outcome<R> call(Rpc<Q, R> rpc, String token, Q request) {
        try {
            HttpRoute route = ROUTES.routesOf(rpc.method().getService().getFullName() + "/" + rpc.method().getName())
                    .getFirst();
            ObjectNode fields = (ObjectNode) JSON.readTree(JsonFormat.printer().print(request));
            Map<String, String> pathValues = new HashMap<>();
            for (String variable : route.path().variables()) {
                Descriptors.FieldDescriptor field = request.getDescriptorForType().findFieldByName(variable);
                pathValues.put(variable, String.valueOf(request.getField(field)));
                fields.remove(field.getJsonName());
            }
            String path = route.path().expand(pathValues);
            HttpMethod method = route.verb();
            RequestHeadersBuilder headers = RequestHeaders.builder(method, "/").contentType(MediaType.JSON_UTF_8);
            if (token != null) {
                headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
            }
            HttpRequest httpRequest;
            if (route.takesBody()) {
                httpRequest = HttpRequest.of(headers.path(path).build(), com.linecorp.armeria.common.HttpData.wrap(
                        JSON.writeValueAsBytes(fields)));
            } else {
                httpRequest = HttpRequest.of(headers.path(path + query(fields)).build());
            }
            return outcome(client.execute(httpRequest), rpc);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static <R extends Message> Outcome<R> outcome(AggregatedHttpResponse response, Rpc<?, R> rpc)
            throws java.io.IOException {
        if (response.status().isSuccess()) {
            Message.Builder builder = rpc.responseBuilder().get();
            JsonFormat.parser().merge(response.contentUtf8(), builder);
            @SuppressWarnings("unchecked")
            R value = (R) builder.build();
            return new Outcome<>(Optional.of(value), Optional.empty(), "", Optional.empty(), Optional.empty());
        }
        assertThat(response.contentType()).as("error content type").isNotNull();
        assertThat(response.contentType().toString()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.contentUtf8());
        assertThat(problem.get("status").asInt()).isEqualTo(response.status().code());
        ErrorKind kind = java.util.Arrays.stream(ErrorKind.values())
                .filter(k -> k.type().equals(problem.path("type").asText()))
                .findFirst().orElseGet(() -> ErrorKind.ofHttpStatus(response.status()));
        assertThat(kind.httpStatus()).as("the problem type's status").isEqualTo(response.status());
        return new Outcome<>(Optional.empty(), Optional.of(kind),
                problem.path("detail").asText(), Optional.of(problem),
                Optional.ofNullable(response.headers().get(HttpHeaderNames.RETRY_AFTER)));
    }

    private static String query(ObjectNode fields) {
        List<String> parameters = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : fields.properties()) {
            String name = URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8);
            if (entry.getValue().isArray()) {
                entry.getValue().forEach(v -> parameters.add(name + "=" + URLEncoder.encode(v.asText(), StandardCharsets.UTF_8)));
            } else {
                parameters.add(name + "=" + URLEncoder.encode(entry.getValue().asText(), StandardCharsets.UTF_8));
            }
        }
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    @Override
    public String name() {
        return "REST";
    }

    @Override
    public String toString() {
        return name();
    }
}
