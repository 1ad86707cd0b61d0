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
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.proto.v1.AddResponseRequest;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.DiffHunk;
import dev.prompttracker.proto.v1.DiffOp;
import dev.prompttracker.proto.v1.DiffPromptVersionsRequest;
import dev.prompttracker.proto.v1.DiffResponsesRequest;
import dev.prompttracker.proto.v1.DiffSegment;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.GetPromptVersionRequest;
import dev.prompttracker.proto.v1.ListPromptVersionsRequest;
import dev.prompttracker.proto.v1.ListPromptVersionsResponse;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptVersion;
import dev.prompttracker.proto.v1.Response;
import dev.prompttracker.proto.v1.RestorePromptVersionRequest;
import dev.prompttracker.proto.v1.TextDiff;
import dev.prompttracker.proto.v1.UpdatePromptRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Versions, restores and diffs on both transports: the same answers, the same errors. */
class PromptHistoryEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Transport> transports() {
        return server.transports();
    }

    private static Prompt create(Transport t, String token, String content, boolean isPublic) {
        return t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setTitle("Haiku").setContent(content)
                .setIsPublic(isPublic).build()).ok();
    }

    private static Prompt update(Transport t, String token, UpdatePromptRequest.Builder request) {
        server.clock.advance(java.time.Duration.ofSeconds(1));
        return t.call(Rpcs.UPDATE_PROMPT, token, request.build()).ok();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void changesMakeVersionsThatAreListedReadComparedAndRestored(Transport t) {
        String token = server.newUser(t).getAccessToken();
        Prompt created = create(t, token, "Write a haiku\nabout SQLite", false);
        String id = created.getId();
        assertThat(created.getTextVersion()).isEqualTo(1);
        update(t, token, UpdatePromptRequest.newBuilder().setId(id).setContent("Write a haiku\nabout Postgres")
                .setVersionMessage("other database"));
        update(t, token, UpdatePromptRequest.newBuilder().setId(id).setTitle("A haiku"));
        Prompt retagged = update(t, token, UpdatePromptRequest.newBuilder().setId(id).setIsPublic(true));
        assertThat(retagged.getTextVersion()).as("visibility is not versioned").isEqualTo(3);

        ListPromptVersionsResponse first = t.call(Rpcs.LIST_PROMPT_VERSIONS, token, ListPromptVersionsRequest.newBuilder()
                .setPromptId(id).setPageSize(2).build()).ok();
        assertThat(first.getVersionsList()).extracting(PromptVersion::getNumber).containsExactly(3, 2);
        assertThat(first.getVersions(1).getMessage()).isEqualTo("other database");
        assertThat(first.getVersions(0).getContent()).as("lists carry no text").isEmpty();
        assertThat(first.getVersions(0).getAuthorId()).isEqualTo(created.getOwnerId());
        ListPromptVersionsResponse rest = t.call(Rpcs.LIST_PROMPT_VERSIONS, token, ListPromptVersionsRequest.newBuilder()
                .setPromptId(id).setPageSize(2).setPageToken(first.getNextPageToken()).build()).ok();
        assertThat(rest.getVersionsList()).extracting(PromptVersion::getNumber).containsExactly(1);
        assertThat(rest.getNextPageToken()).isEmpty();

        PromptVersion v1 = t.call(Rpcs.GET_PROMPT_VERSION, null, GetPromptVersionRequest.newBuilder().setPromptId(id)
                .setNumber(1).build()).ok();
        assertThat(v1.getContent()).isEqualTo("Write a haiku\nabout SQLite");
        assertThat(v1.getTitle()).isEqualTo("Haiku");

        TextDiff diff = t.call(Rpcs.DIFF_PROMPT_VERSIONS, null, DiffPromptVersionsRequest.newBuilder().setPromptId(id)
                .setFrom(1).setTo(3).build()).ok();
        assertThat(diff.getHunksList()).extracting(DiffHunk::getChanged).containsExactly(false, true);
        assertThat(diff.getHunks(1).getSegmentsList()).extracting(DiffSegment::getOp, DiffSegment::getText)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DiffOp.DIFF_OP_EQUAL, "about "),
                        org.assertj.core.groups.Tuple.tuple(DiffOp.DIFF_OP_DELETE, "SQLite"),
                        org.assertj.core.groups.Tuple.tuple(DiffOp.DIFF_OP_INSERT, "Postgres"));
        assertThat(diff.getLinesInserted()).isEqualTo(1);
        assertThat(diff.getLinesDeleted()).isEqualTo(1);
        assertThat(diff.getWordLevel()).isTrue();
        assertThat(diff.getIdentical()).isFalse();

        Prompt restored = t.call(Rpcs.RESTORE_PROMPT_VERSION, token, RestorePromptVersionRequest.newBuilder()
                .setPromptId(id).setNumber(1).build()).ok();
        assertThat(restored.getTextVersion()).isEqualTo(4);
        assertThat(restored.getContent()).isEqualTo("Write a haiku\nabout SQLite");
        assertThat(restored.getTitle()).isEqualTo("Haiku");
        assertThat(restored.getIsPublic()).isTrue();
        assertThat(t.call(Rpcs.GET_PROMPT_VERSION, token, GetPromptVersionRequest.newBuilder().setPromptId(id)
                .setNumber(4).build()).ok().getMessage()).isEqualTo("Restored v1");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void responsesSayWhichVersionTheyAnsweredAndTwoCanBeCompared(Transport t) {
        String token = server.newUser(t).getAccessToken();
        String id = create(t, token, "Describe a fox", false).getId();
        Response early = t.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(id)
                .setModelName("m1").setContent("The quick brown fox").build()).ok();
        update(t, token, UpdatePromptRequest.newBuilder().setId(id).setContent("Describe a red fox"));
        Response late = t.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(id)
                .setModelName("m2").setContent("The quick red fox").build()).ok();
        assertThat(early.getPromptVersion()).isEqualTo(1);
        assertThat(late.getPromptVersion()).isEqualTo(2);
        t.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(id).setModelName("m3")
                .setContent("x").setPromptVersion(3).build()).failsWith(ErrorKind.INVALID);
        assertThat(t.call(Rpcs.GET_PROMPT, token, GetPromptRequest.newBuilder().setId(id).build()).ok()
                .getResponsesList()).extracting(Response::getPromptVersion).containsExactly(1, 2);

        TextDiff diff = t.call(Rpcs.DIFF_RESPONSES, token, DiffResponsesRequest.newBuilder().setPromptId(id)
                .setA(early.getId()).setB(late.getId()).build()).ok();
        assertThat(diff.getHunksList()).hasSize(1);
        assertThat(diff.getHunks(0).getSegmentsList()).extracting(DiffSegment::getText)
                .containsExactly("The quick ", "brown", "red", " fox");
        t.call(Rpcs.DIFF_RESPONSES, token, DiffResponsesRequest.newBuilder().setPromptId(id).setA(early.getId())
                .setB("00000000-0000-4000-8000-000000000000").build()).failsWith(ErrorKind.NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void othersGetWhatGetPromptWouldGiveThem(Transport t) {
        String alice = server.newUser(t).getAccessToken();
        String bob = server.newUser(t).getAccessToken();
        String secret = create(t, alice, "private", false).getId();
        t.call(Rpcs.LIST_PROMPT_VERSIONS, bob, ListPromptVersionsRequest.newBuilder().setPromptId(secret).build())
                .failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.GET_PROMPT_VERSION, null, GetPromptVersionRequest.newBuilder().setPromptId(secret).setNumber(1)
                .build()).failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.DIFF_PROMPT_VERSIONS, bob, DiffPromptVersionsRequest.newBuilder().setPromptId(secret).setFrom(1)
                .setTo(1).build()).failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.RESTORE_PROMPT_VERSION, bob, RestorePromptVersionRequest.newBuilder().setPromptId(secret)
                .setNumber(1).build()).failsWith(ErrorKind.NOT_FOUND);

        String shared = create(t, alice, "public", true).getId();
        assertThat(t.call(Rpcs.LIST_PROMPT_VERSIONS, null, ListPromptVersionsRequest.newBuilder().setPromptId(shared)
                .build()).ok().getVersionsCount()).isEqualTo(1);
        t.call(Rpcs.RESTORE_PROMPT_VERSION, bob, RestorePromptVersionRequest.newBuilder().setPromptId(shared)
                .setNumber(1).build()).failsWith(ErrorKind.FORBIDDEN);
        t.call(Rpcs.RESTORE_PROMPT_VERSION, null, RestorePromptVersionRequest.newBuilder().setPromptId(shared)
                .setNumber(1).build()).failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.GET_PROMPT_VERSION, bob, GetPromptVersionRequest.newBuilder().setPromptId(shared).setNumber(2)
                .build()).failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.LIST_PROMPT_VERSIONS, bob, ListPromptVersionsRequest.newBuilder().setPromptId(shared)
                .setPageToken("forged").build()).failsWith(ErrorKind.INVALID);
        t.call(Rpcs.UPDATE_PROMPT, alice, UpdatePromptRequest.newBuilder().setId(shared).setContent("new")
                .setVersionMessage("two\nlines").build()).failsWith(ErrorKind.INVALID);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void textsBeyondTheBoundsAreTooLargeWithTheReason(Transport t) {
        String token = server.newUser(t).getAccessToken();
        // The in-memory differ gives up past its table, as the real one does past its time budget.
        String a = IntStream.range(0, 3_000).mapToObj(i -> "a" + i + "\n").collect(Collectors.joining());
        String b = IntStream.range(0, 3_000).mapToObj(i -> "b" + i + "\n").collect(Collectors.joining());
        String id = create(t, token, a, false).getId();
        update(t, token, UpdatePromptRequest.newBuilder().setId(id).setContent(b));
        var refused = t.call(Rpcs.DIFF_PROMPT_VERSIONS, token, DiffPromptVersionsRequest.newBuilder().setPromptId(id)
                .setFrom(1).setTo(2).build()).failsWith(ErrorKind.TOO_LARGE);
        assertThat(refused.detail()).contains("differ too much to compare within 2 s");
    }

    /** The paths of the contract, written out (the transports above derive them from the same table). */
    @Test
    void theRestPathsAreTheContractsIncludingTheCustomVerbs() throws Exception {
        Transport rest = server.rest();
        String token = server.newUser(rest).getAccessToken();
        String id = create(rest, token, "one", true).getId();
        update(rest, token, UpdatePromptRequest.newBuilder().setId(id).setContent("two"));
        Response r1 = rest.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(id)
                .setModelName("m").setContent("alpha beta").build()).ok();
        Response r2 = rest.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(id)
                .setModelName("n").setContent("alpha gamma").build()).ok();
        BlockingWebClient client = server.blockingWebClient();

        JsonNode versions = json(client.get("/api/prompts/" + id + "/versions?pageSize=1"));
        assertThat(versions.path("versions").get(0).path("number").asInt()).isEqualTo(2);
        assertThat(versions.path("nextPageToken").asText()).isNotEmpty();
        assertThat(json(client.get("/api/prompts/" + id + "/versions/1")).path("content").asText()).isEqualTo("one");
        JsonNode diff = json(client.get("/api/prompts/" + id + "/diff?from=1&to=2"));
        assertThat(diff.path("hunks").get(0).path("segments").get(0).path("op").asText()).isEqualTo("DIFF_OP_DELETE");
        JsonNode responses = json(client.get("/api/prompts/" + id + "/responses:diff?a=" + r1.getId() + "&b=" + r2.getId()));
        assertThat(responses.path("hunks").get(0).path("segments").get(1).path("text").asText()).isEqualTo("beta");
        AggregatedHttpResponse restored = client.execute(HttpRequest.of(RequestHeaders.builder(HttpMethod.POST,
                        "/api/prompts/" + id + "/versions/1:restore").contentType(MediaType.JSON_UTF_8)
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token).build(), com.linecorp.armeria.common.HttpData
                .ofUtf8("{\"message\":\"back to one\"}")));
        assertThat(restored.status().code()).as(restored.contentUtf8()).isEqualTo(200);
        assertThat(JSON.readTree(restored.contentUtf8()).path("textVersion").asInt()).isEqualTo(3);
        assertThat(json(client.get("/api/prompts/" + id + "/versions/3")).path("message").asText())
                .isEqualTo("back to one");
        assertThat(client.get("/api/prompts/" + id + "/versions/9").status().code()).isEqualTo(404);
        assertThat(client.get("/api/prompts/" + id + "/responses").status().code()).as("the plain list is untouched")
                .isEqualTo(200);
    }

    private static JsonNode json(AggregatedHttpResponse response) throws Exception {
        assertThat(response.status().code()).as(response.contentUtf8()).isEqualTo(200);
        return JSON.readTree(response.contentUtf8());
    }

}
