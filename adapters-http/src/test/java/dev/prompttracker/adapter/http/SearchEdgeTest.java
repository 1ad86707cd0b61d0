package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Outcome;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.proto.v1.AddResponseRequest;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import dev.prompttracker.proto.v1.ListPromptsResponse;
import dev.prompttracker.proto.v1.ListPublicPromptsRequest;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptSummary;
import dev.prompttracker.proto.v1.SearchHit;
import dev.prompttracker.proto.v1.SearchPromptsRequest;
import dev.prompttracker.proto.v1.SearchPromptsResponse;
import dev.prompttracker.proto.v1.TextPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Full-text search on both transports: SearchPrompts, and q on the two lists; the same hits, the same errors. */
class SearchEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();

    static Stream<Transport> transports() {
        return server.transports();
    }

    private static Prompt create(Transport t, String token, String title, String content, boolean isPublic,
                                 String... tags) {
        server.clock.advance(java.time.Duration.ofSeconds(1));
        return t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setTitle(title).setContent(content)
                .setIsPublic(isPublic).addAllTags(List.of(tags)).build()).ok();
    }

    private static List<String> titles(SearchPromptsResponse response) {
        return response.getHitsList().stream().map(hit -> hit.getPrompt().getTitle()).toList();
    }

    private static Outcome<SearchPromptsResponse> search(Transport t, String token, SearchPromptsRequest.Builder request) {
        return t.call(Rpcs.SEARCH_PROMPTS, token, request.build());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void findsWhatTheCallerMayReadRankedAndMarked(Transport t) {
        String word = Fixtures.uniqueWord();
        String ada = server.newUser(t).getAccessToken();
        String bob = server.newUser(t).getAccessToken();
        Prompt adaPrivate = create(t, ada, "About " + word, "x ".repeat(80) + "late " + word + " <b>bold</b>", false, "fp");
        create(t, ada, "Shared", "a public " + word, true);
        create(t, bob, "Bob's", "bob writes " + word, false);
        t.call(Rpcs.ADD_RESPONSE, ada, AddResponseRequest.newBuilder().setPromptId(adaPrivate.getId())
                .setModelName("gpt-4o").setContent("an answer").build()).ok();

        SearchPromptsResponse own = search(t, ada, SearchPromptsRequest.newBuilder().setQ(word)).ok();
        assertThat(titles(own)).containsExactly("About " + word, "Shared");
        SearchHit top = own.getHits(0);
        assertThat(top.getTitleList()).extracting(TextPart::getText, TextPart::getMatch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("About ", false),
                        org.assertj.core.groups.Tuple.tuple(word, true));
        assertThat(top.getSnippetList()).anySatisfy(part -> assertThat(part.getMatch()).isTrue());
        assertThat(top.getPrompt().getResponseCount()).isEqualTo(1);
        assertThat(top.getPrompt().getTagsList()).containsExactly("fp");
        assertThat(own.getNextPageToken()).isEmpty();

        assertThat(titles(search(t, null, SearchPromptsRequest.newBuilder().setQ(word)).ok())).containsExactly("Shared");
        assertThat(titles(search(t, bob, SearchPromptsRequest.newBuilder().setQ(word)).ok()))
                .containsExactlyInAnyOrder("Bob's", "Shared");
        assertThat(titles(search(t, bob, SearchPromptsRequest.newBuilder().setQ(word).setScope("own")).ok()))
                .containsExactly("Bob's");
        assertThat(titles(search(t, ada, SearchPromptsRequest.newBuilder().setQ(word).setScope("public")).ok()))
                .containsExactly("Shared");
        assertThat(titles(search(t, ada, SearchPromptsRequest.newBuilder().setQ(word).setTag("fp")).ok()))
                .containsExactly("About " + word);
        assertThat(titles(search(t, ada, SearchPromptsRequest.newBuilder().setQ(word + " model:gpt-4o")).ok()))
                .containsExactly("About " + word);
        assertThat(titles(search(t, ada, SearchPromptsRequest.newBuilder().setQ(word).setModel("GPT-4O")).ok()))
                .containsExactly("About " + word);
        assertThat(titles(search(t, ada, SearchPromptsRequest.newBuilder().setQ(word + " -public")).ok()))
                .containsExactly("About " + word);
        assertThat(titles(search(t, ada, SearchPromptsRequest.newBuilder().setQ("\"late " + word + "\"")).ok()))
                .containsExactly("About " + word);
        assertThat(titles(search(t, ada, SearchPromptsRequest.newBuilder().setQ(word)
                .setFrom(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).toString())).ok())).isEmpty();
        assertThat(titles(search(t, ada, SearchPromptsRequest.newBuilder().setQ(word + " bold")).ok()))
                .as("markup in a body is just words").containsExactly("About " + word);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void pagesWithTokensAndTheListsSearchToo(Transport t) {
        String word = Fixtures.uniqueWord();
        String ada = server.newUser(t).getAccessToken();
        for (int i = 0; i < 3; i++) {
            create(t, ada, "Mine " + i, word + " text", false);
        }
        create(t, ada, "Public one", word + " text", true);
        String other = server.newUser(t).getAccessToken();
        create(t, other, "Theirs", word + " text", true);

        List<String> seen = new ArrayList<>();
        String token = "";
        do {
            SearchPromptsResponse page = search(t, ada, SearchPromptsRequest.newBuilder().setQ(word).setScope("own")
                    .setPageSize(3).setPageToken(token)).ok();
            seen.addAll(titles(page));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        assertThat(seen).containsExactly("Public one", "Mine 2", "Mine 1", "Mine 0");

        ListPromptsResponse list = t.call(Rpcs.LIST_PROMPTS, ada, ListPromptsRequest.newBuilder().setQ(word)
                .setPageSize(2).build()).ok();
        assertThat(list.getPromptsList()).extracting(PromptSummary::getTitle).containsExactly("Public one", "Mine 2");
        ListPromptsResponse next = t.call(Rpcs.LIST_PROMPTS, ada, ListPromptsRequest.newBuilder().setQ(word)
                .setPageSize(2).setPageToken(list.getNextPageToken()).build()).ok();
        assertThat(next.getPromptsList()).extracting(PromptSummary::getTitle).containsExactly("Mine 1", "Mine 0");
        ListPromptsResponse feed = t.call(Rpcs.LIST_PUBLIC_PROMPTS, null, ListPublicPromptsRequest.newBuilder()
                .setQ(word).build()).ok();
        assertThat(feed.getPromptsList()).extracting(PromptSummary::getTitle)
                .containsExactlyInAnyOrder("Public one", "Theirs");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void badInputIsInvalidArgumentWithAMessageNeverAnInternalError(Transport t) {
        String ada = server.newUser(t).getAccessToken();
        for (String q : List.of("\"unclosed", "-only", "a*", "tag:", "", "x".repeat(201))) {
            Outcome<SearchPromptsResponse> refused = search(t, ada, SearchPromptsRequest.newBuilder().setQ(q))
                    .failsWith(ErrorKind.INVALID);
            assertThat(refused.detail()).as(q).contains("q");
        }
        search(t, ada, SearchPromptsRequest.newBuilder().setQ("x").setScope("everyone")).failsWith(ErrorKind.INVALID);
        search(t, ada, SearchPromptsRequest.newBuilder().setQ("x").setFrom("last week")).failsWith(ErrorKind.INVALID);
        search(t, ada, SearchPromptsRequest.newBuilder().setQ("x").setPageToken("djF8MTIzfDk")).failsWith(ErrorKind.INVALID);
        search(t, null, SearchPromptsRequest.newBuilder().setQ("x").setScope("own")).failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.LIST_PROMPTS, ada, ListPromptsRequest.newBuilder().setQ("\"open").build()).failsWith(ErrorKind.INVALID);
        for (String q : List.of("NEAR(a b)", "a OR b", "{title}: x", "x AND", "\"a\" * ^b", "title:x", "c++ -- **")) {
            search(t, ada, SearchPromptsRequest.newBuilder().setQ(q)).ok();
        }
    }

    @Test
    void restAnswersTheSearchPathWithProblemJsonForBadInput() {
        AggregatedHttpResponse response = server.blockingWebClient().get("/api/search?q=%22open");
        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.contentType().toString()).startsWith("application/problem+json");
        assertThat(response.contentUtf8()).contains("closing");
        assertThat(server.blockingWebClient().get("/api/search?q=anything&scope=public").status().code()).isEqualTo(200);
    }
}
