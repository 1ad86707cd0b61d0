package dev.prompttracker.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.RequestHeaders;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.application.port.in.GetLeaderboardUseCase;
import dev.prompttracker.proto.v1.AddResponseRequest;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.DeleteResponseRequest;
import dev.prompttracker.proto.v1.ExportPreferencesRequest;
import dev.prompttracker.proto.v1.ExportPreferencesResponse;
import dev.prompttracker.proto.v1.GetModelLeaderboardRequest;
import dev.prompttracker.proto.v1.GetPromptRatingsRequest;
import dev.prompttracker.proto.v1.ModelLeaderboard;
import dev.prompttracker.proto.v1.ModelStanding;
import dev.prompttracker.proto.v1.PreferResponseRequest;
import dev.prompttracker.proto.v1.Preference;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptRatings;
import dev.prompttracker.proto.v1.RankResponsesRequest;
import dev.prompttracker.proto.v1.RateResponseRequest;
import dev.prompttracker.proto.v1.Rating;
import dev.prompttracker.proto.v1.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Ratings, preferences, rankings, the leaderboard and the export on both transports: the same answers and errors. */
class RatingEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Transport> transports() {
        return server.transports();
    }

    private static Prompt create(Transport t, String token, String content, boolean isPublic) {
        return t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setContent(content)
                .setIsPublic(isPublic).build()).ok();
    }

    private static Response answer(Transport t, String token, String prompt, String model, String content) {
        return t.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(prompt)
                .setModelName(model).setContent(content).build()).ok();
    }

    private static Preference prefer(Transport t, String token, String prompt, Response chosen, Response rejected,
                                     String reason) {
        return t.call(Rpcs.PREFER_RESPONSE, token, PreferResponseRequest.newBuilder().setPromptId(prompt)
                .setChosenResponseId(chosen.getId()).setRejectedResponseId(rejected.getId()).setReason(reason)
                .build()).ok();
    }

    /** A model name no other test uses, so leaderboards of the shared server can be read per test. */
    private static String model(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void ratingsArePerRaterAndOnlyTheOwnerSeesEveryonesTotals(Transport t) {
        String alice = server.newUser(t).getAccessToken();
        String bob = server.newUser(t).getAccessToken();
        String prompt = create(t, alice, "Explain monads", true).getId();
        Response a = answer(t, alice, prompt, "gpt-4o", "A monad is a monoid...");
        answer(t, alice, prompt, "claude", "Think of a box...");

        t.call(Rpcs.RATE_RESPONSE, alice, RateResponseRequest.newBuilder().setPromptId(prompt)
                .setResponseId(a.getId()).setStars(2).build()).ok();
        Rating again = t.call(Rpcs.RATE_RESPONSE, alice, RateResponseRequest.newBuilder().setPromptId(prompt)
                .setResponseId(a.getId()).setStars(4).setNote(" clear enough ").build()).ok();
        assertThat(again.getStars()).isEqualTo(4);
        assertThat(again.getNote()).isEqualTo("clear enough");
        t.call(Rpcs.RATE_RESPONSE, bob, RateResponseRequest.newBuilder().setPromptId(prompt)
                .setResponseId(a.getId()).setStars(5).build()).ok();

        PromptRatings mine = t.call(Rpcs.PROMPT_RATINGS, alice, GetPromptRatingsRequest.newBuilder()
                .setPromptId(prompt).build()).ok();
        assertThat(mine.getRatingsList()).extracting(Rating::getStars).containsExactly(4);
        assertThat(mine.getTotalsList()).singleElement().satisfies(total -> {
            assertThat(total.getResponseId()).isEqualTo(a.getId());
            assertThat(total.getCount()).isEqualTo(2);
            assertThat(total.getAverageStars()).isEqualTo(4.5);
        });
        PromptRatings bobs = t.call(Rpcs.PROMPT_RATINGS, bob, GetPromptRatingsRequest.newBuilder()
                .setPromptId(prompt).build()).ok();
        assertThat(bobs.getRatingsList()).extracting(Rating::getStars).containsExactly(5);
        assertThat(bobs.getTotalsList()).as("only the owner sees everyone's").isEmpty();
        assertThat(t.call(Rpcs.PROMPT_RATINGS, null, GetPromptRatingsRequest.newBuilder().setPromptId(prompt)
                .build()).ok().getRatingsCount()).isZero();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void badJudgementsAreRefusedWithTheReason(Transport t) {
        String alice = server.newUser(t).getAccessToken();
        String bob = server.newUser(t).getAccessToken();
        String secret = create(t, alice, "private", false).getId();
        Response hidden = answer(t, alice, secret, "m", "x");
        String open = create(t, alice, "public", true).getId();
        Response a = answer(t, alice, open, "m", "a");
        Response b = answer(t, alice, open, "n", "b");

        var stars = t.call(Rpcs.RATE_RESPONSE, alice, RateResponseRequest.newBuilder().setPromptId(open)
                .setResponseId(a.getId()).setStars(6).setNote("x".repeat(2_001)).build()).failsWith(ErrorKind.INVALID);
        assertThat(stars.detail()).contains("stars").contains("note");
        t.call(Rpcs.RATE_RESPONSE, bob, RateResponseRequest.newBuilder().setPromptId(secret)
                .setResponseId(hidden.getId()).setStars(3).build()).failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.RATE_RESPONSE, null, RateResponseRequest.newBuilder().setPromptId(open)
                .setResponseId(a.getId()).setStars(3).build()).failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.RATE_RESPONSE, alice, RateResponseRequest.newBuilder().setPromptId(open)
                .setResponseId(hidden.getId()).setStars(3).build()).failsWith(ErrorKind.NOT_FOUND);
        t.call(Rpcs.PREFER_RESPONSE, alice, PreferResponseRequest.newBuilder().setPromptId(open)
                .setChosenResponseId(a.getId()).setRejectedResponseId(a.getId()).build()).failsWith(ErrorKind.INVALID);
        t.call(Rpcs.PREFER_RESPONSE, alice, PreferResponseRequest.newBuilder().setPromptId(open)
                .setChosenResponseId(a.getId()).setRejectedResponseId(hidden.getId()).build())
                .failsWith(ErrorKind.NOT_FOUND);
        var partial = t.call(Rpcs.RANK_RESPONSES, bob, RankResponsesRequest.newBuilder().setPromptId(open)
                .addResponseIds(b.getId()).build()).failsWith(ErrorKind.INVALID);
        assertThat(partial.detail()).contains("every response");
        t.call(Rpcs.MODEL_LEADERBOARD, null, GetModelLeaderboardRequest.newBuilder().setScope("mine").build())
                .failsWith(ErrorKind.INVALID);
        t.call(Rpcs.MODEL_LEADERBOARD, alice, GetModelLeaderboardRequest.newBuilder().setScope("all").build())
                .failsWith(ErrorKind.INVALID);
        t.call(Rpcs.EXPORT_PREFERENCES, alice, ExportPreferencesRequest.newBuilder().setPageToken("forged!").build())
                .failsWith(ErrorKind.INVALID);
        t.call(Rpcs.EXPORT_PREFERENCES, alice, ExportPreferencesRequest.newBuilder().setPageSize(51).build())
                .failsWith(ErrorKind.INVALID);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void preferencesAndRankingsMakeTheLeaderboardAndTheExport(Transport t) {
        String alice = server.newUser(t).getAccessToken();
        String bob = server.newUser(t).getAccessToken();
        String strong = model("strong");
        String middle = model("middle");
        String weak = model("weak");
        String prompt = create(t, alice, "Write a limerick", true).getId();
        Response s = answer(t, alice, prompt, strong, "There once was a parser from Rome");
        Response m = answer(t, alice, prompt, middle, "A limerick, here");
        Response w = answer(t, alice, prompt, weak, "no");

        prefer(t, alice, prompt, w, s, "first impression");
        Preference replaced = prefer(t, alice, prompt, s, w, "funnier");
        assertThat(replaced.getChosenResponseId()).isEqualTo(s.getId());
        var ranked = t.call(Rpcs.RANK_RESPONSES, bob, RankResponsesRequest.newBuilder().setPromptId(prompt)
                .addResponseIds(s.getId()).addResponseIds(m.getId()).addResponseIds(w.getId()).build()).ok();
        assertThat(ranked.getPreferencesCount()).isEqualTo(3);
        t.call(Rpcs.RATE_RESPONSE, bob, RateResponseRequest.newBuilder().setPromptId(prompt)
                .setResponseId(s.getId()).setStars(5).build()).ok();
        assertThat(t.call(Rpcs.PROMPT_RATINGS, alice, GetPromptRatingsRequest.newBuilder().setPromptId(prompt)
                .build()).ok().getPreferencesList()).extracting(Preference::getReason).containsExactly("funnier");

        ModelLeaderboard mine = t.call(Rpcs.MODEL_LEADERBOARD, alice, GetModelLeaderboardRequest.getDefaultInstance())
                .ok();
        assertThat(mine.getScope()).isEqualTo("mine");
        assertThat(mine.getModelsList()).extracting(ModelStanding::getModelName).containsExactly(strong, weak);
        server.clock.advance(GetLeaderboardUseCase.PUBLIC_LEADERBOARD_MAX_AGE); // past a copy an earlier test left
        ModelLeaderboard everyone = t.call(Rpcs.MODEL_LEADERBOARD, null, GetModelLeaderboardRequest.newBuilder()
                .setScope("public").build()).ok();
        List<ModelStanding> ours = everyone.getModelsList().stream()
                .filter(x -> List.of(strong, middle, weak).contains(x.getModelName())).toList();
        assertThat(ours).extracting(ModelStanding::getModelName).containsExactly(strong, middle, weak);
        assertThat(ours.getFirst().getWins()).isEqualTo(3);
        assertThat(ours.getFirst().getLosses()).isZero();
        assertThat(ours.getFirst().getComparisons()).isEqualTo(3);
        assertThat(ours.getFirst().getAverageStars()).isEqualTo(5.0);
        assertThat(ours.getFirst().getRatingCount()).isEqualTo(1);
        assertThat(ours.get(1).hasAverageStars()).as("middle was not rated").isFalse();
        assertThat(ours.getFirst().getScore()).isGreaterThan(ours.get(1).getScore());

        List<dev.prompttracker.proto.v1.PreferenceExample> exported = new ArrayList<>();
        String token = "";
        for (int pages = 0; pages < 10; pages++) {
            ExportPreferencesResponse page = t.call(Rpcs.EXPORT_PREFERENCES, bob, ExportPreferencesRequest.newBuilder()
                    .setPageSize(2).setPageToken(token).build()).ok();
            exported.addAll(page.getExamplesList());
            token = page.getNextPageToken();
            if (token.isEmpty()) {
                break;
            }
        }
        assertThat(exported).hasSize(3);
        assertThat(exported).allSatisfy(e -> assertThat(e.getPrompt()).isEqualTo("Write a limerick"));
        assertThat(exported).extracting(e -> e.getChosenModel() + ">" + e.getRejectedModel())
                .containsExactlyInAnyOrder(strong + ">" + middle, strong + ">" + weak, middle + ">" + weak);
        assertThat(exported.stream().filter(e -> e.getRejectedModel().equals(weak)).map(e -> e.getRejected()))
                .containsOnly("no");

        t.call(Rpcs.DELETE_RESPONSE, alice, DeleteResponseRequest.newBuilder().setPromptId(prompt).setId(w.getId())
                .build()).ok();
        assertThat(t.call(Rpcs.MODEL_LEADERBOARD, alice, GetModelLeaderboardRequest.getDefaultInstance()).ok()
                .getModelsList()).as("the deleted response's judgements are gone").isEmpty();
    }

    /** The JSON-lines download: the contract's path, streamed, each line a preference pair with its texts. */
    @Test
    void theDownloadStreamsJsonLinesOfEveryPage() throws Exception {
        Transport rest = server.rest();
        String token = server.newUser(rest).getAccessToken();
        String prompt = create(rest, token, "Name a colour", false).getId();
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(answer(rest, token, prompt, "model-" + i, "colour " + i));
        }
        var order = RankResponsesRequest.newBuilder().setPromptId(prompt).setReason("rainbow order");
        answers.forEach(a -> order.addResponseIds(a.getId()));
        rest.call(Rpcs.RANK_RESPONSES, token, order.build()).ok();

        AggregatedHttpResponse download = server.blockingWebClient().execute(HttpRequest.of(RequestHeaders.builder(
                        HttpMethod.GET, "/api/export/preferences?format=jsonl")
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token).build()));
        assertThat(download.status().code()).as(download.contentUtf8()).isEqualTo(200);
        assertThat(download.headers().contentType().toString()).startsWith("application/x-ndjson");
        assertThat(download.headers().get(HttpHeaderNames.CONTENT_DISPOSITION)).startsWith("attachment");
        List<String> lines = download.contentUtf8().lines().toList();
        assertThat(lines).as("15 pairs over more than one page of %s", PreferenceDownload.PAGE_SIZE).hasSize(15);
        JsonNode first = JSON.readTree(lines.getFirst());
        assertThat(first.path("prompt").asText()).isEqualTo("Name a colour");
        assertThat(first.path("chosen").asText()).startsWith("colour ");
        assertThat(first.path("rejected").asText()).startsWith("colour ");
        assertThat(first.path("chosen_model").asText()).startsWith("model-");
        assertThat(first.path("reason").asText()).isEqualTo("rainbow order");
        assertThat(first.path("prompt_id").asText()).isEqualTo(prompt);

        assertThat(server.blockingWebClient().get("/api/export/preferences?format=csv").status().code())
                .isEqualTo(400);
        AggregatedHttpResponse anonymous = server.blockingWebClient().get("/api/export/preferences?scope=mine");
        assertThat(anonymous.status().code()).isEqualTo(400);
        assertThat(anonymous.headers().contentType().toString()).contains("problem+json");
        assertThat(server.blockingWebClient().execute(HttpRequest.of(RequestHeaders.builder(HttpMethod.GET,
                        "/api/export/preferences").set(HttpHeaderNames.AUTHORIZATION, "Bearer forged").build()))
                .status().code()).isEqualTo(401);
    }
}
