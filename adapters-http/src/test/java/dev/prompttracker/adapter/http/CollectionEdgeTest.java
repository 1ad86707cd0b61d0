package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Outcome;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.out.RateLimiter.Limit;
import dev.prompttracker.proto.v1.AddPromptToCollectionRequest;
import dev.prompttracker.proto.v1.Collection;
import dev.prompttracker.proto.v1.CollectionMove;
import dev.prompttracker.proto.v1.CreateCollectionRequest;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.DeleteCollectionRequest;
import dev.prompttracker.proto.v1.DeletePromptRequest;
import dev.prompttracker.proto.v1.GetCollectionRequest;
import dev.prompttracker.proto.v1.GetCollectionResponse;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.ListCollectionsRequest;
import dev.prompttracker.proto.v1.ListCollectionsResponse;
import dev.prompttracker.proto.v1.ListPromptCollectionsRequest;
import dev.prompttracker.proto.v1.PromptSummary;
import dev.prompttracker.proto.v1.RemovePromptFromCollectionRequest;
import dev.prompttracker.proto.v1.ReorderCollectionRequest;
import dev.prompttracker.proto.v1.UpdateCollectionRequest;
import dev.prompttracker.proto.v1.UpdatePromptRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every CollectionService method on both transports: the same answers, the same errors. */
class CollectionEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();
    private static final Limit PLENTY = new Limit(1_000_000, Duration.ofSeconds(1));
    @RegisterExtension
    static final EdgeServer limited = new EdgeServer(new RateLimits(PLENTY, PLENTY, PLENTY, PLENTY, PLENTY, PLENTY,
            PLENTY, PLENTY, new Limit(3, Duration.ofMinutes(1)), PLENTY, PLENTY));

    static Stream<Transport> transports() {
        return server.transports();
    }

    private static String prompt(Transport t, String token, String content, boolean isPublic) {
        return t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setContent(content)
                .setIsPublic(isPublic).build()).ok().getId();
    }

    private static Collection create(Transport t, String token, String name, boolean isPublic) {
        server.clock.advance(Duration.ofMillis(10));
        return t.call(Rpcs.CREATE_COLLECTION, token, CreateCollectionRequest.newBuilder().setName(name)
                .setDescription("About " + name).setIsPublic(isPublic).build()).ok();
    }

    private static Collection add(Transport t, String token, String collection, String prompt) {
        server.clock.advance(Duration.ofMillis(10));
        return t.call(Rpcs.ADD_TO_COLLECTION, token, AddPromptToCollectionRequest.newBuilder()
                .setCollectionId(collection).setPromptId(prompt).build()).ok();
    }

    private static Outcome<GetCollectionResponse> get(Transport t, String token, String id) {
        return t.call(Rpcs.GET_COLLECTION, token, GetCollectionRequest.newBuilder().setId(id).build());
    }

    private static List<String> order(Transport t, String token, String id) {
        return get(t, token, id).ok().getPromptsList().stream().map(PromptSummary::getId).toList();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void anOwnerBuildsOrdersSharesAndDeletesACollection(Transport t) {
        String ada = server.newUser(t).getAccessToken();
        String bob = server.newUser(t).getAccessToken();
        String first = prompt(t, ada, "first", false);
        String second = prompt(t, ada, "second", true);
        String bobs = prompt(t, bob, "bob's", true);

        Collection created = create(t, ada, "Best of", false);
        assertThat(created.getName()).isEqualTo("Best of");
        assertThat(created.getDescription()).isEqualTo("About Best of");
        assertThat(created.getPromptCount()).isZero();
        String id = created.getId();
        add(t, ada, id, first);
        add(t, ada, id, bobs);
        Collection withThree = t.call(Rpcs.ADD_TO_COLLECTION, ada, AddPromptToCollectionRequest.newBuilder()
                .setCollectionId(id).setPromptId(second).setPosition(0).build()).ok();
        assertThat(withThree.getPromptCount()).isEqualTo(3);
        assertThat(add(t, ada, id, first).getPromptCount()).as("adding again changes nothing").isEqualTo(3);
        assertThat(order(t, ada, id)).containsExactly(second, first, bobs);

        get(t, null, id).failsWith(ErrorKind.NOT_FOUND);
        get(t, bob, id).failsWith(ErrorKind.NOT_FOUND);
        Collection shared = t.call(Rpcs.UPDATE_COLLECTION, ada, UpdateCollectionRequest.newBuilder().setId(id)
                .setIsPublic(true).setName("Shared best").build()).ok();
        assertThat(shared.getIsPublic()).isTrue();
        assertThat(shared.getDescription()).as("absent fields stay").isEqualTo("About Best of");
        GetCollectionResponse anonymous = get(t, null, id).ok();
        assertThat(anonymous.getCollection().getName()).isEqualTo("Shared best");
        assertThat(anonymous.getPromptsList()).extracting(PromptSummary::getId).containsExactly(second, bobs);
        assertThat(anonymous.getCollection().getPromptCount()).isEqualTo(2);

        t.call(Rpcs.REORDER_COLLECTION, ada, ReorderCollectionRequest.newBuilder().setCollectionId(id)
                .addAllPromptIds(List.of(bobs, first, second)).build()).ok();
        assertThat(order(t, ada, id)).containsExactly(bobs, first, second);
        t.call(Rpcs.REORDER_COLLECTION, ada, ReorderCollectionRequest.newBuilder().setCollectionId(id)
                .setMove(CollectionMove.newBuilder().setPromptId(second).setPosition(0)).build()).ok();
        assertThat(order(t, ada, id)).containsExactly(second, bobs, first);

        GetCollectionResponse page = t.call(Rpcs.GET_COLLECTION, ada, GetCollectionRequest.newBuilder().setId(id)
                .setPageSize(2).build()).ok();
        assertThat(page.getPromptsList()).extracting(PromptSummary::getId).containsExactly(second, bobs);
        assertThat(t.call(Rpcs.GET_COLLECTION, ada, GetCollectionRequest.newBuilder().setId(id).setPageSize(2)
                .setPageToken(page.getNextPageToken()).build()).ok().getPromptsList())
                .extracting(PromptSummary::getId).containsExactly(first);

        assertThat(t.call(Rpcs.LIST_PROMPT_COLLECTIONS, ada, ListPromptCollectionsRequest.newBuilder()
                .setPromptId(bobs).build()).ok().getCollectionIdsList()).containsExactly(id);
        assertThat(t.call(Rpcs.REMOVE_FROM_COLLECTION, ada, RemovePromptFromCollectionRequest.newBuilder()
                .setCollectionId(id).setPromptId(bobs).build()).ok().getPromptCount()).isEqualTo(2);
        assertThat(t.call(Rpcs.LIST_PROMPT_COLLECTIONS, ada, ListPromptCollectionsRequest.newBuilder()
                .setPromptId(bobs).build()).ok().getCollectionIdsList()).isEmpty();

        t.call(Rpcs.DELETE_PROMPT, ada, DeletePromptRequest.newBuilder().setId(first).build()).ok();
        assertThat(order(t, ada, id)).as("a deleted prompt leaves its collections").containsExactly(second);

        t.call(Rpcs.DELETE_COLLECTION, ada, DeleteCollectionRequest.newBuilder().setId(id).build()).ok();
        get(t, ada, id).failsWith(ErrorKind.NOT_FOUND);
        assertThat(t.call(Rpcs.GET_PROMPT, ada, GetPromptRequest.newBuilder().setId(second).build()).ok().getId())
                .as("deleting a collection keeps its prompts").isEqualTo(second);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aPublicCollectionNeverShowsAPromptItsReaderMayNotRead(Transport t) {
        String ada = server.newUser(t).getAccessToken();
        String bob = server.newUser(t).getAccessToken();
        String bobs = prompt(t, bob, "bob's, public for now", true);
        String adasPrivate = prompt(t, ada, "ada's private", false);
        String id = create(t, ada, "Open", true).getId();
        add(t, ada, id, bobs);
        add(t, ada, id, adasPrivate);
        assertThat(order(t, null, id)).containsExactly(bobs);
        assertThat(order(t, bob, id)).containsExactly(bobs);
        assertThat(order(t, ada, id)).containsExactly(bobs, adasPrivate);

        t.call(Rpcs.UPDATE_PROMPT, bob, UpdatePromptRequest.newBuilder().setId(bobs).setIsPublic(false).build()).ok();
        assertThat(order(t, null, id)).isEmpty();
        assertThat(get(t, null, id).ok().getCollection().getPromptCount()).isZero();
        assertThat(order(t, ada, id)).containsExactly(adasPrivate);
        assertThat(order(t, bob, id)).as("its owner still sees it there").containsExactly(bobs);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void listsTheCallersCollectionsNewestFirstPageByPage(Transport t) {
        String token = server.newUser(t).getAccessToken();
        String oldest = create(t, token, "Oldest", false).getId();
        String middle = create(t, token, "Middle", true).getId();
        String newest = create(t, token, "Newest", false).getId();
        ListCollectionsResponse first = t.call(Rpcs.LIST_COLLECTIONS, token, ListCollectionsRequest.newBuilder()
                .setPageSize(2).build()).ok();
        assertThat(first.getCollectionsList()).extracting(Collection::getId).containsExactly(newest, middle);
        ListCollectionsResponse rest = t.call(Rpcs.LIST_COLLECTIONS, token, ListCollectionsRequest.newBuilder()
                .setPageSize(2).setPageToken(first.getNextPageToken()).build()).ok();
        assertThat(rest.getCollectionsList()).extracting(Collection::getId).containsExactly(oldest);
        assertThat(rest.getNextPageToken()).isEmpty();
        t.call(Rpcs.LIST_COLLECTIONS, null, ListCollectionsRequest.getDefaultInstance())
                .failsWith(ErrorKind.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void badInputAndForeignCollectionsGetTheirErrorKinds(Transport t) {
        String ada = server.newUser(t).getAccessToken();
        String bob = server.newUser(t).getAccessToken();
        t.call(Rpcs.CREATE_COLLECTION, null, CreateCollectionRequest.newBuilder().setName("x").build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        Outcome<Collection> blank = t.call(Rpcs.CREATE_COLLECTION, ada, CreateCollectionRequest.newBuilder()
                .setName(" ").setDescription("d".repeat(2001)).build()).failsWith(ErrorKind.INVALID);
        assertThat(blank.detail()).contains("name").contains("description");
        blank.problem().ifPresent(problem -> assertThat(problem.path("errors").findValuesAsText("field"))
                .containsExactly("name", "description"));

        String open = create(t, ada, "Ada's open", true).getId();
        String closed = create(t, ada, "Ada's closed", false).getId();
        String bobsPrivate = prompt(t, bob, "bob's secret", false);
        String adas = prompt(t, ada, "ada's", false);
        t.call(Rpcs.ADD_TO_COLLECTION, ada, AddPromptToCollectionRequest.newBuilder().setCollectionId(open)
                .setPromptId(bobsPrivate).build()).failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.ADD_TO_COLLECTION, bob, AddPromptToCollectionRequest.newBuilder().setCollectionId(open)
                .setPromptId(bobsPrivate).build()).failsWith(ErrorKind.FORBIDDEN);
        t.call(Rpcs.ADD_TO_COLLECTION, bob, AddPromptToCollectionRequest.newBuilder().setCollectionId(closed)
                .setPromptId(bobsPrivate).build()).failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.ADD_TO_COLLECTION, ada, AddPromptToCollectionRequest.newBuilder().setCollectionId(open)
                .setPromptId(adas).setPosition(-1).build()).failsWith(ErrorKind.INVALID);
        t.call(Rpcs.UPDATE_COLLECTION, bob, UpdateCollectionRequest.newBuilder().setId(open).setName("mine")
                .build()).failsWith(ErrorKind.FORBIDDEN);
        t.call(Rpcs.DELETE_COLLECTION, bob, DeleteCollectionRequest.newBuilder().setId(closed).build())
                .failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.UPDATE_COLLECTION, ada, UpdateCollectionRequest.newBuilder().setId(open).setName("x".repeat(101))
                .build()).failsWith(ErrorKind.INVALID);
        get(t, ada, "not-a-collection").failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.GET_COLLECTION, ada, GetCollectionRequest.newBuilder().setId(open).setPageToken("bogus").build())
                .failsWith(ErrorKind.INVALID);
        t.call(Rpcs.REORDER_COLLECTION, ada, ReorderCollectionRequest.newBuilder().setCollectionId(open).build())
                .failsWith(ErrorKind.INVALID);
        t.call(Rpcs.REORDER_COLLECTION, ada, ReorderCollectionRequest.newBuilder().setCollectionId(open)
                .addPromptIds(adas).addPromptIds(adas).build()).failsWith(ErrorKind.INVALID);
        t.call(Rpcs.REORDER_COLLECTION, ada, ReorderCollectionRequest.newBuilder().setCollectionId(open)
                .setMove(CollectionMove.newBuilder().setPromptId(adas)).build()).failsWith(ErrorKind.INVALID);
        t.call(Rpcs.LIST_PROMPT_COLLECTIONS, ada, ListPromptCollectionsRequest.newBuilder().setPromptId(bobsPrivate)
                .build()).failsWith(ErrorKind.NOT_FOUND);
    }

    @Test
    void collectionWritesCountAgainstTheWritersRateLimit() {
        limited.transports().forEach(t -> {
            String token = limited.newUser(t).getAccessToken();
            for (int i = 0; i < 3; i++) {
                t.call(Rpcs.CREATE_COLLECTION, token, CreateCollectionRequest.newBuilder().setName("c" + i).build()).ok();
            }
            Outcome<Collection> refused = t.call(Rpcs.CREATE_COLLECTION, token, CreateCollectionRequest.newBuilder()
                    .setName("one more").build()).failsWith(ErrorKind.RATE_LIMITED);
            assertThat(refused.retryAfter()).as(t.name()).isPresent();
            assertThat(t.call(Rpcs.LIST_COLLECTIONS, token, ListCollectionsRequest.getDefaultInstance()).ok()
                    .getCollectionsCount()).as("reads are not writes").isEqualTo(3);
            limited.clock.advance(Duration.ofMinutes(1));
        });
    }

    @Test
    void theReorderVerbAndTheItemPathAreRoutedOverRest() {
        String token = server.newUser(server.rest()).getAccessToken();
        String id = create(server.rest(), token, "Routes", false).getId();
        AggregatedHttpResponse response = server.blockingWebClient().execute(com.linecorp.armeria.common.HttpRequest.of(
                com.linecorp.armeria.common.RequestHeaders.builder(com.linecorp.armeria.common.HttpMethod.POST,
                                "/api/collections/" + id + "/prompts:reorder")
                        .contentType(com.linecorp.armeria.common.MediaType.JSON_UTF_8)
                        .set("authorization", "Bearer " + token).build(),
                com.linecorp.armeria.common.HttpData.ofUtf8("{\"promptIds\":[]}")));
        assertThat(response.status()).as(response.contentUtf8()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.contentUtf8()).contains("promptIds");
    }
}
