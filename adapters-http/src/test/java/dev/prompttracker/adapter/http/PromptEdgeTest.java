package dev.prompttracker.adapter.http;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.MediaType;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.proto.v1.AddResponseRequest;
import dev.prompttracker.proto.v1.AuthResult;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.DeletePromptRequest;
import dev.prompttracker.proto.v1.DeleteResponseRequest;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import dev.prompttracker.proto.v1.ListPromptsResponse;
import dev.prompttracker.proto.v1.ListPublicPromptsRequest;
import dev.prompttracker.proto.v1.ListResponsesRequest;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptSummary;
import dev.prompttracker.proto.v1.Response;
import dev.prompttracker.proto.v1.UpdatePromptRequest;
import dev.prompttracker.proto.v1.UpdateResponseRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Prompts and responses end to end on both transports, including who may see and change what. */
class PromptEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();

    static Stream<Transport> transports() {
        return server.transports();
    }

    private static Prompt create(Transport t, String token, String title, String content, boolean isPublic,
                                 String... tags) {
        return t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setTitle(title).setContent(content)
                .setIsPublic(isPublic).addAllTags(List.of(tags)).build()).ok();
    }

    private static Response respond(Transport t, String token, String promptId, String model, String content) {
        return t.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(promptId)
                .setModelName(model).setContent(content).build()).ok();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void createsAPromptWithThreeResponsesAndReadsItBack(Transport t) {
        String token = server.newUser(t).getAccessToken();
        Prompt created = create(t, token, "  Monads  ", "Explain monads to a five year old", false, "FP", "fp", "teaching");
        assertThat(created.getTitle()).isEqualTo("Monads");
        assertThat(created.getTagsList()).containsExactly("fp", "teaching");
        assertThat(created.getContent()).isEqualTo("Explain monads to a five year old");
        for (String model : List.of("gpt-4o", "claude-sonnet", "llama-3")) {
            respond(t, token, created.getId(), model, "# Answer from " + model);
        }
        Prompt read = t.call(Rpcs.GET_PROMPT, token, GetPromptRequest.newBuilder().setId(created.getId()).build()).ok();
        assertThat(read.getResponsesList()).extracting(Response::getModelName)
                .containsExactly("gpt-4o", "claude-sonnet", "llama-3");
        assertThat(read.getResponses(0).getContent()).isEqualTo("# Answer from gpt-4o");
        assertThat(read.getResponses(0).getIsMarkdown()).isTrue();
        assertThat(read.getOwnerId()).isEqualTo(created.getOwnerId());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aLongContentIsPreviewedWithAnEllipsis(Transport t) {
        String token = server.newUser(t).getAccessToken();
        Prompt created = create(t, token, "", "x".repeat(150), false);
        assertThat(created.getContentPreview()).isEqualTo("x".repeat(100) + "...");
        assertThat(created.getTitle()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void someoneElsesPrivatePromptIsNotFoundAndLooksLikeAMissingOne(Transport t) {
        String alice = server.newUser(t).getAccessToken();
        String bob = server.newUser(t).getAccessToken();
        Prompt secret = create(t, alice, "secret", "private thoughts", false);

        var asBob = t.call(Rpcs.GET_PROMPT, bob, GetPromptRequest.newBuilder().setId(secret.getId()).build())
                .failsWith(ErrorKind.NOT_FOUND);
        var missing = t.call(Rpcs.GET_PROMPT, bob, GetPromptRequest.newBuilder().setId(PromptId.random().value()).build())
                .failsWith(ErrorKind.NOT_FOUND);
        assertThat(asBob.detail()).isEqualTo(missing.detail());
        t.call(Rpcs.GET_PROMPT, null, GetPromptRequest.newBuilder().setId(secret.getId()).build())
                .failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.LIST_RESPONSES, bob, ListResponsesRequest.newBuilder().setPromptId(secret.getId()).build())
                .failsWith(ErrorKind.NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void othersCanNeitherChangeNorDeleteAPromptNorItsResponses(Transport t) {
        String alice = server.newUser(t).getAccessToken();
        String bob = server.newUser(t).getAccessToken();
        Prompt secret = create(t, alice, "mine", "hands off", false);
        Prompt shared = create(t, alice, "shared", "look but do not touch", true);
        Response answer = respond(t, alice, shared.getId(), "gpt-4o", "answer");

        t.call(Rpcs.UPDATE_PROMPT, bob, UpdatePromptRequest.newBuilder().setId(secret.getId()).setContent("pwned").build())
                .failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.DELETE_PROMPT, bob, DeletePromptRequest.newBuilder().setId(secret.getId()).build())
                .failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.ADD_RESPONSE, bob, AddResponseRequest.newBuilder().setPromptId(secret.getId())
                .setModelName("m").setContent("c").build()).failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.UPDATE_PROMPT, bob, UpdatePromptRequest.newBuilder().setId(shared.getId()).setContent("pwned").build())
                .failsWith(ErrorKind.FORBIDDEN);
        t.call(Rpcs.UPDATE_RESPONSE, bob, UpdateResponseRequest.newBuilder().setPromptId(shared.getId())
                .setId(answer.getId()).setContent("pwned").build()).failsWith(ErrorKind.FORBIDDEN);
        t.call(Rpcs.DELETE_RESPONSE, bob, DeleteResponseRequest.newBuilder().setPromptId(shared.getId())
                .setId(answer.getId()).build()).failsWith(ErrorKind.FORBIDDEN);

        Prompt secretNow = t.call(Rpcs.GET_PROMPT, alice, GetPromptRequest.newBuilder().setId(secret.getId()).build()).ok();
        assertThat(secretNow.getContent()).isEqualTo("hands off");
        Prompt sharedNow = t.call(Rpcs.GET_PROMPT, null, GetPromptRequest.newBuilder().setId(shared.getId()).build()).ok();
        assertThat(sharedNow.getContent()).isEqualTo("look but do not touch");
        assertThat(sharedNow.getResponses(0).getContent()).isEqualTo("answer");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void writingRequiresSigningIn(Transport t) {
        t.call(Rpcs.CREATE_PROMPT, null, CreatePromptRequest.newBuilder().setContent("anonymous").build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.LIST_PROMPTS, null, ListPromptsRequest.getDefaultInstance()).failsWith(ErrorKind.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void patchChangesOnlyTheFieldsGiven(Transport t) {
        String token = server.newUser(t).getAccessToken();
        Prompt created = create(t, token, "Original", "original body", false, "one");
        Prompt renamed = t.call(Rpcs.UPDATE_PROMPT, token, UpdatePromptRequest.newBuilder().setId(created.getId())
                .setTitle("Renamed").build()).ok();
        assertThat(renamed.getTitle()).isEqualTo("Renamed");
        assertThat(renamed.getContent()).isEqualTo("original body");
        assertThat(renamed.getTagsList()).containsExactly("one");
        assertThat(renamed.getIsPublic()).isFalse();

        Prompt retagged = t.call(Rpcs.UPDATE_PROMPT, token, UpdatePromptRequest.newBuilder().setId(created.getId())
                .setContent("new body").setIsPublic(true)
                .setTags(ListValue.newBuilder().addValues(Value.newBuilder().setStringValue("Two"))).build()).ok();
        assertThat(retagged.getContent()).isEqualTo("new body");
        assertThat(retagged.getTagsList()).containsExactly("two");
        assertThat(retagged.getIsPublic()).isTrue();
        assertThat(retagged.getTitle()).isEqualTo("Renamed");
        assertThat(server.blobs.keys()).hasSizeGreaterThan(0);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void deletingAPromptDeletesItsResponsesAndEveryBody(Transport t) {
        String token = server.newUser(t).getAccessToken();
        Prompt prompt = create(t, token, "doomed", "body", false);
        respond(t, token, prompt.getId(), "a", "one");
        respond(t, token, prompt.getId(), "b", "two");
        int before = server.blobs.keys().size();

        t.call(Rpcs.DELETE_PROMPT, token, DeletePromptRequest.newBuilder().setId(prompt.getId()).build()).ok();

        assertThat(server.blobs.keys()).hasSize(before - 3);
        t.call(Rpcs.GET_PROMPT, token, GetPromptRequest.newBuilder().setId(prompt.getId()).build())
                .failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.DELETE_PROMPT, token, DeletePromptRequest.newBuilder().setId(prompt.getId()).build())
                .failsWith(ErrorKind.NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void pagesThroughTheCallersPromptsNewestFirstWithTagAndTextFilters(Transport t) {
        String token = server.newUser(t).getAccessToken();
        String other = server.newUser(t).getAccessToken();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(t, token, "Prompt " + i, i % 2 == 0 ? "about cats " + i : "about dogs " + i, false,
                    i % 2 == 0 ? "cats" : "dogs").getId());
            server.clock.advance(java.time.Duration.ofSeconds(1));
        }
        create(t, other, "not mine", "about cats", false, "cats");

        List<String> seen = new ArrayList<>();
        String pageToken = "";
        int pages = 0;
        do {
            ListPromptsResponse page = t.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.newBuilder()
                    .setPageSize(2).setPageToken(pageToken).build()).ok();
            page.getPromptsList().forEach(p -> seen.add(p.getId()));
            assertThat(page.getPromptsList()).allSatisfy(p -> assertThat(p.getContentPreview()).isNotEmpty());
            pageToken = page.getNextPageToken();
            pages++;
        } while (!pageToken.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.reversed());

        ListPromptsResponse cats = t.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.newBuilder().setTag("CATS").build()).ok();
        assertThat(cats.getPromptsList()).hasSize(3).allSatisfy(p -> assertThat(p.getTagsList()).contains("cats"));
        ListPromptsResponse dogs = t.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.newBuilder().setQ("DOGS").build()).ok();
        assertThat(dogs.getPromptsList()).extracting(PromptSummary::getContentPreview)
                .allSatisfy(preview -> assertThat(preview).contains("dogs"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aTamperedPageTokenOrANegativePageSizeIsInvalid(Transport t) {
        String token = server.newUser(t).getAccessToken();
        t.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.newBuilder().setPageToken("forged!").build())
                .failsWith(ErrorKind.INVALID);
        t.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.newBuilder().setPageSize(-1).build())
                .failsWith(ErrorKind.INVALID);
        ListPromptsResponse huge = t.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.newBuilder()
                .setPageSize(1_000_000_000).build()).ok();
        assertThat(huge.getNextPageToken()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void thePublicFeedShowsPublicPromptsToAnyone(Transport t) {
        String token = server.newUser(t).getAccessToken();
        String tag = "feed" + Long.toString(System.nanoTime(), 36);
        Prompt shared = create(t, token, "shared", "for everyone", true, tag);
        create(t, token, "private", "for me", false, tag);
        ListPromptsResponse feed = t.call(Rpcs.LIST_PUBLIC_PROMPTS, null,
                ListPublicPromptsRequest.newBuilder().setTag(tag).build()).ok();
        assertThat(feed.getPromptsList()).extracting(PromptSummary::getId).containsExactly(shared.getId());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void responsesCanBeFilteredByModelUpdatedAndDeleted(Transport t) {
        String token = server.newUser(t).getAccessToken();
        Prompt prompt = create(t, token, "compare", "which is better", true);
        Response first = respond(t, token, prompt.getId(), "gpt-4o", "one");
        respond(t, token, prompt.getId(), "claude", "two");

        var onlyGpt = t.call(Rpcs.LIST_RESPONSES, null, ListResponsesRequest.newBuilder().setPromptId(prompt.getId())
                .setModelName("gpt-4o").build()).ok();
        assertThat(onlyGpt.getResponsesList()).extracting(Response::getId).containsExactly(first.getId());

        Response updated = t.call(Rpcs.UPDATE_RESPONSE, token, UpdateResponseRequest.newBuilder()
                .setPromptId(prompt.getId()).setId(first.getId()).setIsMarkdown(false).setContent("plain").build()).ok();
        assertThat(updated.getIsMarkdown()).isFalse();
        assertThat(updated.getContent()).isEqualTo("plain");
        assertThat(updated.getModelName()).isEqualTo("gpt-4o");

        t.call(Rpcs.DELETE_RESPONSE, token, DeleteResponseRequest.newBuilder().setPromptId(prompt.getId())
                .setId(first.getId()).build()).ok();
        var remaining = t.call(Rpcs.LIST_RESPONSES, token, ListResponsesRequest.newBuilder()
                .setPromptId(prompt.getId()).build()).ok();
        assertThat(remaining.getResponsesList()).extracting(Response::getModelName).containsExactly("claude");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aResponseIsOnlyReachableThroughItsOwnPrompt(Transport t) {
        String token = server.newUser(t).getAccessToken();
        Prompt one = create(t, token, "one", "first", false);
        Prompt two = create(t, token, "two", "second", false);
        Response answer = respond(t, token, one.getId(), "m", "answer");
        t.call(Rpcs.DELETE_RESPONSE, token, DeleteResponseRequest.newBuilder().setPromptId(two.getId())
                .setId(answer.getId()).build()).failsWith(ErrorKind.NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void invalidInputNamesTheFields(Transport t) {
        String token = server.newUser(t).getAccessToken();
        var outcome = t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setTitle("t".repeat(201))
                .setContent("   ").addTags("x".repeat(41)).build()).failsWith(ErrorKind.INVALID);
        assertThat(outcome.detail()).contains("title").contains("content").contains("tags");
        outcome.problem().ifPresent(problem -> assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .contains("title", "content", "tags"));
        t.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(PromptId.random().value())
                .setModelName("").setContent("x").build()).failsWith(ErrorKind.INVALID);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void contentOverOneMebibyteIsTooLarge(Transport t) {
        EdgeServer big = server;
        String token = big.newUser(t).getAccessToken();
        // The test server's body limit is 64 KiB, so this is refused by the transport itself.
        t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setContent("y".repeat(100_000)).build())
                .failsWith(ErrorKind.TOO_LARGE);
        assertThat(t.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.getDefaultInstance()).ok()).isNotNull();
    }

    /** Transcoding lets query parameters overwrite path fields: the id acted on is the id checked. */
    @Test
    void aQueryParameterNamingAnotherPromptCannotRedirectAWrite() throws Exception {
        var rest = server.rest();
        String alice = server.newUser(rest).getAccessToken();
        String bob = server.newUser(rest).getAccessToken();
        Prompt alicesPrompt = create(rest, alice, "alice", "alice's words", false);
        Prompt bobsPrompt = create(rest, bob, "bob", "bob's words", false);

        for (String path : List.of(
                "/api/prompts/" + bobsPrompt.getId() + "?id=" + alicesPrompt.getId(),
                "/api/prompts/" + bobsPrompt.getId() + "?Id=" + alicesPrompt.getId())) {
            AggregatedHttpResponse response = server.blockingWebClient().prepare().patch(path)
                    .header(HttpHeaderNames.AUTHORIZATION, "Bearer " + bob)
                    .content(MediaType.JSON_UTF_8, "{\"id\":\"" + alicesPrompt.getId() + "\",\"content\":\"pwned\"}")
                    .execute();
            assertThat(response.status().code()).isIn(200, 404);
        }
        AggregatedHttpResponse delete = server.blockingWebClient().prepare()
                .delete("/api/prompts/" + bobsPrompt.getId() + "?id=" + alicesPrompt.getId())
                .header(HttpHeaderNames.AUTHORIZATION, "Bearer " + bob).execute();
        assertThat(delete.status().code()).isIn(200, 404);

        Prompt alicesNow = rest.call(Rpcs.GET_PROMPT, alice, GetPromptRequest.newBuilder().setId(alicesPrompt.getId())
                .build()).ok();
        assertThat(alicesNow.getContent()).isEqualTo("alice's words");
    }

    /** Server-owned fields sent by a client are not in the request messages, so they are ignored. */
    @Test
    void serverOwnedFieldsInACreateAreIgnored() throws Exception {
        var rest = server.rest();
        AuthResult alice = server.newUser(rest);
        AuthResult bob = server.newUser(rest);
        AggregatedHttpResponse response = server.blockingWebClient().prepare().post("/api/prompts")
                .header(HttpHeaderNames.AUTHORIZATION, "Bearer " + bob.getAccessToken())
                .content(MediaType.JSON_UTF_8, "{\"content\":\"mine\",\"id\":\"" + PromptId.random().value()
                        + "\",\"ownerId\":\"" + alice.getUser().getId() + "\",\"createdAt\":\"2000-01-01T00:00:00Z\"}")
                .execute();
        assertThat(response.status().code()).isEqualTo(200);
        Prompt created = parse(response.contentUtf8());
        assertThat(created.getOwnerId()).isEqualTo(bob.getUser().getId());
        assertThat(created.getCreatedAt().getSeconds()).isGreaterThan(946_684_800L);
    }

    @Test
    void restJsonPrintsDefaultValuesAndCamelCaseNames() {
        var rest = server.rest();
        String token = server.newUser(rest).getAccessToken();
        AggregatedHttpResponse response = server.blockingWebClient().prepare().post("/api/prompts")
                .header(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                .content(MediaType.JSON_UTF_8, "{\"content\":\"defaults please\"}").execute();
        assertThat(response.contentUtf8()).contains("\"isPublic\":false", "\"tags\":[]", "\"responses\":[]",
                "\"contentPreview\":\"defaults please\"", "\"title\":\"\"");
        AggregatedHttpResponse list = server.blockingWebClient().prepare().get("/api/prompts?pageSize=1")
                .header(HttpHeaderNames.AUTHORIZATION, "Bearer " + token).execute();
        assertThat(list.contentUtf8()).contains("\"responseCount\":0").doesNotContain("\"content\":");
    }

    @Test
    void idsAreRandomAndUnique() {
        var rest = server.rest();
        String token = server.newUser(rest).getAccessToken();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ids.add(create(rest, token, "", "prompt " + i, false).getId());
        }
        assertThat(ids).hasSize(50).allSatisfy(id -> assertThat(PromptId.parse(id)).isPresent());
    }

    private static Prompt parse(String json) throws Exception {
        Prompt.Builder builder = Prompt.newBuilder();
        com.google.protobuf.util.JsonFormat.parser().merge(json, builder);
        return builder.build();
    }
}
