package dev.prompttracker.adapter.http.route;

import com.google.protobuf.Message;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import dev.prompttracker.adapter.http.grpc.ServiceCodecs;
import dev.prompttracker.proto.v1.AddResponseRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain REST calls become the message transcoding would build; the others are left to it. */
class RestRequestsTest {
    private static final RouteTable TABLE = RouteTable.of(ServiceCodecs.served());
    private static final GrpcJsonMarshaller CODEC = ServiceCodecs.of(PromptServiceGrpc.getServiceDescriptor());

    private static Optional<Message> list(String query) {
        RouteTable.Match match = TABLE.find(HttpMethod.GET, "/api/prompts").orElseThrow();
        return RestRequests.fromQuery(match.route(), match.variables(), query);
    }

    private static Optional<Message> addResponse(String path, String query, MediaType type, String body) {
        RouteTable.Match match = TABLE.find(HttpMethod.POST, path).orElseThrow();
        return RestRequests.fromBody(match.route(), match.variables(), query, type, HttpData.ofUtf8(body), CODEC,
                1024);
    }

    @Test
    void queryParametersGoByProtoLowerCamelOrJsonName() {
        ListPromptsRequest expected = ListPromptsRequest.newBuilder().setPageSize(20).setPageToken("t")
                .setTag("poetry").setQ("haiku").build();
        assertThat(list("page_size=20&page_token=t&tag=poetry&q=haiku")).contains(expected);
        assertThat(list("pageSize=20&pageToken=t&tag=poetry&q=haiku")).contains(expected);
        assertThat(list(null)).contains(ListPromptsRequest.getDefaultInstance());
        assertThat(list("")).contains(ListPromptsRequest.getDefaultInstance());
    }

    @ParameterizedTest
    @ValueSource(strings = {"page_size=20&pageSize=20", "tag=a&tag=b", "page_size=twenty", "page_size=1e3",
            "unknown=1", "page_size=99999999999"})
    void doubtfulQueriesAreLeftToTranscoding(String query) {
        assertThat(list(query)).isEmpty();
    }

    @Test
    void aBodyAndThePathMakeOneMessage() {
        assertThat(addResponse("/api/prompts/p1/responses", null, MediaType.JSON_UTF_8,
                "{\"modelName\":\"m\",\"content\":\"c\",\"isMarkdown\":false}"))
                .contains(AddResponseRequest.newBuilder().setPromptId("p1").setModelName("m").setContent("c")
                        .setIsMarkdown(false).build());
        assertThat(addResponse("/api/prompts/p1/responses", null, MediaType.JSON, "{\"content\":\"c\"}"))
                .hasValueSatisfying(m -> assertThat(((AddResponseRequest) m).hasIsMarkdown()).isFalse());
    }

    @Test
    void doubtfulBodiesAreLeftToTranscoding() {
        String path = "/api/prompts/p1/responses";
        String body = "{\"content\":\"c\"}";
        assertThat(addResponse(path, "x=1", MediaType.JSON_UTF_8, body)).isEmpty();
        assertThat(addResponse(path, null, MediaType.PLAIN_TEXT_UTF_8, body)).isEmpty();
        assertThat(addResponse(path, null, MediaType.JSON.withCharset(java.nio.charset.StandardCharsets.UTF_16), body))
                .isEmpty();
        assertThat(addResponse(path, null, null, body)).isEmpty();
        assertThat(addResponse(path, null, MediaType.JSON_UTF_8, "")).isEmpty();
        assertThat(addResponse(path, null, MediaType.JSON_UTF_8, "{\"content\":")).isEmpty();
        assertThat(addResponse(path, null, MediaType.JSON_UTF_8, "{\"isMarkdown\":\"perhaps\"}")).isEmpty();
        assertThat(addResponse(path, null, MediaType.JSON_UTF_8, "{\"promptId\":\"p2\"}")).isEmpty();
        assertThat(addResponse(path, null, MediaType.JSON_UTF_8, "{\"content\":\"" + "x".repeat(1024) + "\"}"))
                .isEmpty();
    }
}
