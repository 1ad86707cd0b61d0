package dev.prompttracker.adapter.http.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the API as a browser would: REST/JSON on the paths of the {@code google.api.http} rules,
 * path fields in the URL, the rest as query parameters (GET, DELETE) or a JSON body.
 */
public final class RestTransport implements Transport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([a-z_]+)}");
    private final BlockingWebClient client;

    public RestTransport(BlockingWebClient client) {
        this.client = client;
    }

    @Override
    public <Q extends Message, R extends Message> Outcome<R> call(Rpc<Q, R> rpc, String token, Q request) {
        try {
            HttpRule rule = rpc.method().getOptions().getExtension(AnnotationsProto.http);
            ObjectNode fields = (ObjectNode) JSON.readTree(JsonFormat.printer().print(request));
            String path = fillPath(template(rule), request, fields);
            HttpMethod method = method(rule);
            RequestHeadersBuilder headers = RequestHeaders.builder(method, "/").contentType(MediaType.JSON_UTF_8);
            if (token != null) {
                headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
            }
            HttpRequest httpRequest;
            if (rule.getBody().equals("*")) {
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

    private static String template(HttpRule rule) {
        return switch (rule.getPatternCase()) {
            case GET -> rule.getGet();
            case POST -> rule.getPost();
            case PATCH -> rule.getPatch();
            case DELETE -> rule.getDelete();
            case PUT -> rule.getPut();
            default -> throw new IllegalArgumentException("unsupported rule " + rule);
        };
    }

    private static HttpMethod method(HttpRule rule) {
        return HttpMethod.valueOf(rule.getPatternCase().name());
    }

    private static String fillPath(String template, Message request, ObjectNode fields) {
        Matcher matcher = PATH_VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            Descriptors.FieldDescriptor field = request.getDescriptorForType().findFieldByName(matcher.group(1));
            String value = String.valueOf(request.getField(field));
            matcher.appendReplacement(path, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            fields.remove(field.getJsonName());
        }
        matcher.appendTail(path);
        return path.toString();
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
