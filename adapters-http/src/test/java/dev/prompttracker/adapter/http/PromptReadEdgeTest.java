package dev.prompttracker.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.proto.v1.AddResponseRequest;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.Prompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET of a prompt or a list page, first assembled and then held in memory: the same JSON, headers
 * and rules both times, and nothing a write changed or the caller may not see. Runs with the fast
 * route layer on and off (see the surefire executions); {@link FastRoutesParityTest} compares bytes.
 */
class PromptReadEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AggregatedHttpResponse get(String path, String token) {
        BlockingWebClient client = server.blockingWebClient();
        RequestHeaders headers = RequestHeaders.builder(HttpMethod.GET, path)
                .set(HttpHeaderNames.ORIGIN, EdgeServer.ALLOWED_ORIGIN)
                .build();
        if (token != null) {
            headers = headers.toBuilder().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token).build();
        }
        return client.execute(HttpRequest.of(headers));
    }

    private static Prompt create(Transport rest, String token, boolean isPublic) {
        Prompt prompt = rest.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setTitle("Hot")
                .setContent("Write a haiku").setIsPublic(isPublic).addTags("poetry").build()).ok();
        for (String model : new String[] {"a", "b", "c"}) {
            rest.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(prompt.getId())
                    .setModelName(model).setContent("answer " + model).build()).ok();
        }
        return prompt;
    }

    @Test
    void aReadAnswersExactlyWhatTheTranscodedCallAnswered() throws Exception {
        Transport rest = server.rest();
        String token = server.newUser(rest).getAccessToken();
        Prompt prompt = create(rest, token, true);
        AggregatedHttpResponse assembled = get("/api/prompts/" + prompt.getId(), token);
        AggregatedHttpResponse fromMemory = get("/api/prompts/" + prompt.getId(), token);
        AggregatedHttpResponse anonymous = get("/api/prompts/" + prompt.getId(), null);

        assertThat(assembled.status().code()).isEqualTo(200);
        JsonNode expected = JSON.readTree(assembled.contentUtf8());
        assertThat(expected.get("responses")).hasSize(3);
        for (AggregatedHttpResponse hot : new AggregatedHttpResponse[] {fromMemory, anonymous}) {
            assertThat(hot.status().code()).isEqualTo(200);
            assertThat(JSON.readTree(hot.contentUtf8())).isEqualTo(expected);
            assertThat(hot.contentType()).isEqualTo(MediaType.JSON_UTF_8);
            assertThat(hot.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(EdgeServer.ALLOWED_ORIGIN);
            assertThat(hot.headers().get(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS))
                    .isEqualTo(assembled.headers().get(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS));
        }
    }

    @Test
    void aWriteIsSeenAtOnce() throws Exception {
        Transport rest = server.rest();
        String token = server.newUser(rest).getAccessToken();
        Prompt prompt = create(rest, token, true);
        get("/api/prompts/" + prompt.getId(), token);
        rest.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(prompt.getId())
                .setModelName("d").setContent("a fourth answer").build()).ok();
        assertThat(JSON.readTree(get("/api/prompts/" + prompt.getId(), null).contentUtf8()).get("responses"))
                .hasSize(4);
    }

    @Test
    void aCachedPrivatePromptStaysPrivateAndBadTokensAreStillRefused() {
        Transport rest = server.rest();
        String owner = server.newUser(rest).getAccessToken();
        String stranger = server.newUser(rest).getAccessToken();
        Prompt prompt = create(rest, owner, false);
        assertThat(get("/api/prompts/" + prompt.getId(), owner).status().code()).isEqualTo(200);
        assertThat(get("/api/prompts/" + prompt.getId(), owner).status().code()).isEqualTo(200);

        AggregatedHttpResponse asStranger = get("/api/prompts/" + prompt.getId(), stranger);
        assertThat(asStranger.status().code()).isEqualTo(404);
        assertThat(asStranger.contentType().toString()).startsWith("application/problem+json");
        assertThat(get("/api/prompts/" + prompt.getId(), null).status().code()).isEqualTo(404);
        assertThat(get("/api/prompts/" + prompt.getId(), owner + "x").status().code()).isEqualTo(401);
    }

    @Test
    void aListPageAnswersExactlyWhatTheTranscodedCallAnsweredAndSeesWritesAtOnce() throws Exception {
        Transport rest = server.rest();
        String token = server.newUser(rest).getAccessToken();
        Prompt first = create(rest, token, false);
        String page = "/api/prompts?page_size=50&tag=poetry";
        AggregatedHttpResponse read = get(page, token);
        AggregatedHttpResponse fromMemory = get(page, token);
        assertThat(read.status().code()).isEqualTo(200);
        JsonNode expected = JSON.readTree(read.contentUtf8());
        assertThat(expected.get("prompts")).hasSize(1);
        assertThat(expected.get("prompts").get(0).get("responseCount").asInt()).isEqualTo(3);
        assertThat(fromMemory.status().code()).isEqualTo(200);
        assertThat(JSON.readTree(fromMemory.contentUtf8())).isEqualTo(expected);
        assertThat(fromMemory.contentType()).isEqualTo(MediaType.JSON_UTF_8);
        assertThat(fromMemory.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN))
                .isEqualTo(EdgeServer.ALLOWED_ORIGIN);

        rest.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(first.getId())
                .setModelName("d").setContent("a fourth answer").build()).ok();
        assertThat(JSON.readTree(get(page, token).contentUtf8()).get("prompts").get(0).get("responseCount").asInt())
                .isEqualTo(4);
        create(rest, token, false);
        assertThat(JSON.readTree(get(page, token).contentUtf8()).get("prompts")).hasSize(2);
    }

    @Test
    void aCachedListStaysItsOwnersAndBadQueriesAreStillRefused() throws Exception {
        Transport rest = server.rest();
        String owner = server.newUser(rest).getAccessToken();
        String stranger = server.newUser(rest).getAccessToken();
        create(rest, owner, true);
        get("/api/prompts", owner);
        assertThat(JSON.readTree(get("/api/prompts", owner).contentUtf8()).get("prompts")).hasSize(1);
        assertThat(JSON.readTree(get("/api/prompts", stranger).contentUtf8()).path("prompts")).isEmpty();
        assertThat(get("/api/prompts", null).status().code()).isEqualTo(401);
        assertThat(get("/api/prompts", owner + "x").status().code()).isEqualTo(401);
        AggregatedHttpResponse forged = get("/api/prompts?pageToken=forged", owner);
        assertThat(forged.status().code()).isEqualTo(400);
        assertThat(forged.contentType().toString()).startsWith("application/problem+json");
    }
}
