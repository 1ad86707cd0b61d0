package dev.prompttracker.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.prompttracker.adapter.http.support.EdgeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating a prompt and adding a response over REST: the answers are what later reads return,
 * failures are problem documents, and odd bodies get a client error, with the fast route layer on
 * (decoded directly, or left to transcoding when doubtful) and off.
 */
class PromptWriteEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AggregatedHttpResponse send(HttpMethod method, String path, String token, MediaType type,
                                               String body) {
        RequestHeaders headers = RequestHeaders.builder(method, path)
                .set(HttpHeaderNames.ORIGIN, EdgeServer.ALLOWED_ORIGIN)
                .contentType(type)
                .build();
        if (token != null) {
            headers = headers.toBuilder().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token).build();
        }
        return server.blockingWebClient().execute(HttpRequest.of(headers, HttpData.ofUtf8(body)));
    }

    private static AggregatedHttpResponse post(String path, String token, String body) {
        return send(HttpMethod.POST, path, token, MediaType.JSON_UTF_8, body);
    }

    private static JsonNode json(AggregatedHttpResponse response) throws Exception {
        return JSON.readTree(response.contentUtf8());
    }

    @Test
    void aCreatedPromptAndAnAddedResponseAreWhatLaterReadsReturn() throws Exception {
        String token = server.newUser(server.rest()).getAccessToken();
        AggregatedHttpResponse created = post("/api/prompts", token,
                "{\"title\":\"Haiku\",\"content\":\"Write a haiku\",\"tags\":[\"Poetry\"],\"isPublic\":true}");
        assertThat(created.status().code()).isEqualTo(200);
        assertThat(created.contentType()).isEqualTo(MediaType.JSON_UTF_8);
        assertThat(created.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(EdgeServer.ALLOWED_ORIGIN);
        JsonNode prompt = json(created);
        String id = prompt.get("id").asText();
        assertThat(prompt.get("tags").get(0).asText()).isEqualTo("poetry");

        AggregatedHttpResponse added = post("/api/prompts/" + id + "/responses", token,
                "{\"modelName\":\"gpt-4o\",\"content\":\"Rows settle like snow\"}");
        assertThat(added.status().code()).isEqualTo(200);
        JsonNode response = json(added);
        assertThat(response.get("promptId").asText()).isEqualTo(id);

        JsonNode read = json(send(HttpMethod.GET, "/api/prompts/" + id, token, MediaType.JSON_UTF_8, ""));
        assertThat(read.get("responses").get(0)).isEqualTo(response);
        for (String field : new String[] {"id", "title", "content", "tags", "isPublic", "createdAt", "ownerId"}) {
            assertThat(read.get(field)).as(field).isEqualTo(prompt.get(field));
        }
    }

    @Test
    void failuresAreTheSameProblemDocuments() throws Exception {
        String token = server.newUser(server.rest()).getAccessToken();
        AggregatedHttpResponse blank = post("/api/prompts", token, "{\"content\":\"   \"}");
        assertThat(blank.status().code()).isEqualTo(400);
        assertThat(blank.contentType().toString()).startsWith("application/problem+json");
        assertThat(json(blank).toString()).contains("content");

        AggregatedHttpResponse anonymous = post("/api/prompts", null, "{\"content\":\"Write a haiku\"}");
        assertThat(anonymous.status().code()).isEqualTo(401);
        assertThat(anonymous.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(post("/api/prompts", token + "x", "{\"content\":\"Write a haiku\"}").status().code())
                .isEqualTo(401);

        String stranger = server.newUser(server.rest()).getAccessToken();
        String id = json(post("/api/prompts", token, "{\"content\":\"Mine\"}")).get("id").asText();
        AggregatedHttpResponse notMine = post("/api/prompts/" + id + "/responses", stranger,
                "{\"modelName\":\"m\",\"content\":\"theirs\"}");
        assertThat(notMine.status().code()).isEqualTo(404);
        assertThat(post("/api/prompts/not-an-id/responses", token, "{\"modelName\":\"m\",\"content\":\"x\"}")
                .status().code()).isIn(400, 404);
    }

    @Test
    void oddBodiesAreStillAnsweredTheOrdinaryWay() {
        String token = server.newUser(server.rest()).getAccessToken();
        for (String body : new String[] {"{\"content\":", "[1,2]", "{\"content\":\"x\",\"isPublic\":\"perhaps\"}",
                }) {
            AggregatedHttpResponse answer = post("/api/prompts", token, body);
            assertThat(answer.status().code()).as(body).isBetween(400, 499);
            assertThat(answer.contentType().toString()).as(body).startsWith("application/problem+json");
        }
        // Unknown fields are ignored, as the transcoded call (same JSON codec) ignores them.
        assertThat(post("/api/prompts", token, "{\"content\":\"x\",\"noSuchField\":1}").status().code())
                .isEqualTo(200);
        AggregatedHttpResponse form = send(HttpMethod.POST, "/api/prompts", token, MediaType.FORM_DATA, "content=x");
        assertThat(form.status().code()).isBetween(400, 499);
    }
}
