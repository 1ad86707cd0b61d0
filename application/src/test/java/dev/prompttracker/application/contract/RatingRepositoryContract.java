package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.PreferenceRecord;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.RatingRepository;
import dev.prompttracker.application.port.out.RatingRepository.Judged;
import dev.prompttracker.application.port.out.RatingRepository.PromptJudgements;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.rating.ModelComparison;
import dev.prompttracker.domain.rating.ModelRatings;
import dev.prompttracker.domain.rating.Note;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.rating.RatingScope;
import dev.prompttracker.domain.rating.ResponseRatings;
import dev.prompttracker.domain.rating.Stars;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public interface RatingRepositoryContract {

    RatingRepository ratings();

    ResponseRepository responses();

    PromptRepository prompts();

    UserRepository users();

    private User newUser() {
        User user = Fixtures.uniqueUser();
        users().create(user);
        return user;
    }

    private Prompt newPrompt(UserId owner, boolean isPublic) {
        Prompt prompt = Fixtures.prompt(owner, Fixtures.T0, "question", isPublic);
        prompts().create(prompt, Fixtures.text(prompt));
        return prompt;
    }

    private Response newResponse(Prompt prompt, String model) {
        Response response = Fixtures.response(prompt.id(), Fixtures.T0, model, "answer of " + model);
        responses().create(response, Fixtures.text(response));
        return response;
    }

    /** An owner's public prompt with three responses and a private one with two, and another user. */
    record Scene(UserId owner, UserId other, Prompt open, Prompt hidden, Response a, Response b, Response c,
                 Response hiddenA, Response hiddenB) {
    }

    private Scene scene() {
        UserId owner = newUser().id();
        UserId other = newUser().id();
        Prompt open = newPrompt(owner, true);
        Prompt hidden = newPrompt(owner, false);
        return new Scene(owner, other, open, hidden, newResponse(open, "model-a"), newResponse(open, "model-b"),
                newResponse(open, "model-c"), newResponse(hidden, "model-a"), newResponse(hidden, "model-b"));
    }

    private static Rating rating(Response response, UserId rater, int stars, String note) {
        return new Rating(response.promptId(), response.id(), rater, new Stars(stars), new Note(note), Fixtures.T0);
    }

    private static Preference prefer(Response chosen, Response rejected, UserId rater, String reason) {
        return new Preference(chosen.promptId(), chosen.id(), rejected.id(), rater, new Note(reason), Fixtures.T0);
    }

    @Test
    default void aRatingIsOnePerRaterAndResponseAndRatingAgainReplacesIt() {
        UserId owner = newUser().id();
        UserId other = newUser().id();
        Prompt prompt = newPrompt(owner, true);
        Response a = newResponse(prompt, "gpt-4o");
        Response b = newResponse(prompt, "claude");
        ratings().saveRating(rating(a, owner, 2, "meh"));
        ratings().saveRating(rating(a, owner, 5, "on reflection, great"));
        ratings().saveRating(rating(b, owner, 3, ""));
        ratings().saveRating(rating(a, other, 4, ""));

        assertThat(ratings().ratingsBy(prompt.id(), owner))
                .containsExactlyInAnyOrder(rating(a, owner, 5, "on reflection, great"), rating(b, owner, 3, ""));
        assertThat(ratings().ratingsBy(prompt.id(), other)).containsExactly(rating(a, other, 4, ""));
        assertThat(ratings().judgementsOf(prompt.id(), Optional.of(owner)).orElseThrow().totals())
                .containsExactlyInAnyOrder(
                new ResponseRatings(a.id(), 2, 9), new ResponseRatings(b.id(), 1, 3));
    }

    @Test
    default void ratingAMissingResponseIsNotFound() {
        UserId owner = newUser().id();
        Prompt prompt = newPrompt(owner, false);
        Response gone = Fixtures.response(prompt.id(), Fixtures.T0, "gpt-4o", "never stored");
        assertThatThrownBy(() -> ratings().saveRating(rating(gone, owner, 3, ""))).isInstanceOf(NotFound.class);
        Response kept = newResponse(prompt, "claude");
        assertThatThrownBy(() -> ratings().savePreferences(List.of(prefer(kept, gone, owner, ""))))
                .isInstanceOf(NotFound.class);
        assertThat(ratings().preferencesBy(prompt.id(), owner)).isEmpty();
    }

    @Test
    default void aPreferenceIsOnePerRaterAndUnorderedPairAndTheLatestWins() {
        UserId owner = newUser().id();
        UserId other = newUser().id();
        Prompt prompt = newPrompt(owner, true);
        Response a = newResponse(prompt, "gpt-4o");
        Response b = newResponse(prompt, "claude");
        Response c = newResponse(prompt, "gemini");
        ratings().savePreferences(List.of(prefer(a, b, owner, "shorter")));
        ratings().savePreferences(List.of(prefer(b, a, owner, "changed my mind"), prefer(a, c, owner, "")));
        ratings().savePreferences(List.of(prefer(a, b, other, "")));

        assertThat(ratings().preferencesBy(prompt.id(), owner))
                .containsExactlyInAnyOrder(prefer(b, a, owner, "changed my mind"), prefer(a, c, owner, ""));
        assertThat(ratings().preferencesBy(prompt.id(), other)).containsExactly(prefer(a, b, other, ""));
    }

    @Test
    default void leaderboardInputsAreSummedPerModelInTheScope() {
        UserId owner = newUser().id();
        UserId other = newUser().id();
        Prompt open = newPrompt(owner, true);
        Prompt hidden = newPrompt(owner, false);
        Response openA = newResponse(open, "model-a");
        Response openB = newResponse(open, "model-b");
        Response hiddenA = newResponse(hidden, "model-a");
        Response hiddenB = newResponse(hidden, "model-b");
        ratings().savePreferences(List.of(prefer(openA, openB, owner, ""), prefer(hiddenA, hiddenB, owner, "")));
        ratings().savePreferences(List.of(prefer(openB, openA, other, "")));
        ratings().saveRating(rating(openA, owner, 5, ""));
        ratings().saveRating(rating(hiddenA, owner, 3, ""));
        ratings().saveRating(rating(openB, other, 2, ""));

        assertThat(ratings().leaderboardInputs(new RatingScope.Mine(owner)).comparisons())
                .containsExactly(new ModelComparison("model-a", "model-b", 2));
        assertThat(ratings().leaderboardInputs(RatingScope.PUBLIC).comparisons()).containsExactlyInAnyOrder(
                new ModelComparison("model-a", "model-b", 1), new ModelComparison("model-b", "model-a", 1));
        assertThat(ratings().leaderboardInputs(new RatingScope.Mine(owner)).modelRatings())
                .containsExactly(new ModelRatings("model-a", 2, 8));
        assertThat(ratings().leaderboardInputs(RatingScope.PUBLIC).modelRatings()).containsExactlyInAnyOrder(
                new ModelRatings("model-a", 1, 5), new ModelRatings("model-b", 1, 2));
    }

    @Test
    default void deletingAResponseOrAPromptTakesItsJudgementsWithIt() {
        UserId owner = newUser().id();
        Prompt prompt = newPrompt(owner, true);
        Response a = newResponse(prompt, "model-a");
        Response b = newResponse(prompt, "model-b");
        Response c = newResponse(prompt, "model-c");
        ratings().saveRating(rating(a, owner, 4, ""));
        ratings().saveRating(rating(c, owner, 1, ""));
        ratings().savePreferences(List.of(prefer(a, b, owner, ""), prefer(c, b, owner, "")));

        responses().delete(prompt.id(), a.id(), owner);
        assertThat(ratings().ratingsBy(prompt.id(), owner)).containsExactly(rating(c, owner, 1, ""));
        assertThat(ratings().preferencesBy(prompt.id(), owner)).containsExactly(prefer(c, b, owner, ""));
        assertThat(ratings().leaderboardInputs(new RatingScope.Mine(owner)).comparisons())
                .containsExactly(new ModelComparison("model-c", "model-b", 1));

        prompts().delete(prompt.id(), prompt.ownerId());
        assertThat(ratings().ratingsBy(prompt.id(), owner)).isEmpty();
        assertThat(ratings().judgementsOf(prompt.id(), Optional.of(owner))).isEmpty();
        assertThat(ratings().leaderboardInputs(new RatingScope.Mine(owner)))
                .isEqualTo(new RatingRepository.LeaderboardInputs(List.of(), List.of()));
        assertThat(ratings().preferencesAfter(RatingScope.PUBLIC, Optional.empty(), 10)).isEmpty();
    }

    @Test
    default void preferencesArePagedInAStableOrderWithWhatAnExportNeeds() {
        Scene scene = scene();
        UserId owner = scene.owner();
        UserId other = scene.other();
        Prompt open = scene.open();
        Prompt hidden = scene.hidden();
        Response a = scene.a();
        Response b = scene.b();
        Response c = scene.c();
        Response hiddenA = scene.hiddenA();
        Response hiddenB = scene.hiddenB();
        ratings().savePreferences(List.of(prefer(a, b, owner, "clearer"), prefer(a, c, owner, ""),
                prefer(b, c, owner, ""), prefer(hiddenA, hiddenB, owner, "")));
        ratings().savePreferences(List.of(prefer(c, a, other, "")));

        List<PreferenceRecord> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        for (int pages = 0; pages < 10; pages++) {
            List<PreferenceRecord> page = ratings().preferencesAfter(RatingScope.PUBLIC, cursor, 2);
            assertThat(page.size()).isLessThanOrEqualTo(2);
            all.addAll(page);
            if (page.size() < 2) {
                break;
            }
            cursor = Optional.of(page.getLast().cursor());
        }
        assertThat(all).hasSize(4).extracting(PreferenceRecord::cursor).doesNotHaveDuplicates();
        assertThat(all).extracting(PreferenceRecord::promptId).containsOnly(open.id());
        PreferenceRecord clearer = all.stream().filter(r -> r.reason().value().equals("clearer")).findFirst()
                .orElseThrow();
        assertThat(clearer.promptKey()).isEqualTo(open.contentKey());
        assertThat(clearer.chosen()).isEqualTo(a.id());
        assertThat(clearer.chosenModel()).isEqualTo(a.modelName());
        assertThat(clearer.chosenKey()).isEqualTo(a.contentKey());
        assertThat(clearer.rejected()).isEqualTo(b.id());
        assertThat(clearer.rejectedModel()).isEqualTo(b.modelName());
        assertThat(clearer.rejectedKey()).isEqualTo(b.contentKey());
        assertThat(clearer.updatedAt()).isEqualTo(Fixtures.T0);

        assertThat(ratings().preferencesAfter(new RatingScope.Mine(owner), Optional.empty(), 100)).hasSize(4);
        assertThat(ratings().preferencesAfter(new RatingScope.Mine(other), Optional.empty(), 100))
                .extracting(PreferenceRecord::chosen).containsExactly(c.id());
    }

    // ---- the judgements' checks in the same unit as their save

    private Judged judged(Prompt prompt, boolean saved) {
        return new Judged(prompts().findWithResponses(prompt.id()).orElseThrow(), saved);
    }

    @Test
    default void aRatingIsSavedIfItsRaterMayReadThePromptAndItHoldsTheResponse() {
        UserId owner = newUser().id();
        UserId other = newUser().id();
        Prompt open = newPrompt(owner, true);
        Prompt hidden = newPrompt(owner, false);
        Response openA = newResponse(open, "model-a");
        Response hiddenA = newResponse(hidden, "model-a");

        assertThat(ratings().saveRatingIfAllowed(rating(openA, other, 4, "fine"))).contains(judged(open, true));
        assertThat(ratings().saveRatingIfAllowed(rating(hiddenA, owner, 5, ""))).contains(judged(hidden, true));
        assertThat(ratings().saveRatingIfAllowed(rating(hiddenA, other, 1, ""))).as("a private prompt of another")
                .contains(judged(hidden, false));
        Rating elsewhere = new Rating(open.id(), hiddenA.id(), owner, new Stars(2), new Note(""), Fixtures.T0);
        assertThat(ratings().saveRatingIfAllowed(elsewhere)).as("a response of another prompt")
                .contains(judged(open, false));
        Rating nowhere = new Rating(PromptId.random(), openA.id(), owner, new Stars(2), new Note(""), Fixtures.T0);
        assertThat(ratings().saveRatingIfAllowed(nowhere)).as("no such prompt").isEmpty();

        assertThat(ratings().ratingsBy(open.id(), other)).containsExactly(rating(openA, other, 4, "fine"));
        assertThat(ratings().ratingsBy(open.id(), owner)).isEmpty();
        assertThat(ratings().ratingsBy(hidden.id(), other)).isEmpty();
        assertThat(ratings().ratingsBy(hidden.id(), owner)).containsExactly(rating(hiddenA, owner, 5, ""));
        assertThat(ratings().saveRatingIfAllowed(rating(openA, other, 2, "again"))).contains(judged(open, true));
        assertThat(ratings().ratingsBy(open.id(), other)).as("rating again replaces it")
                .containsExactly(rating(openA, other, 2, "again"));
    }

    @Test
    default void preferencesAreSavedIfTheirRaterMayReadThePromptAndItHoldsEveryResponseNamed() {
        Scene scene = scene();
        UserId owner = scene.owner();
        UserId other = scene.other();
        Prompt open = scene.open();
        Prompt hidden = scene.hidden();
        Response a = scene.a();
        Response b = scene.b();
        Response c = scene.c();
        Response hiddenA = scene.hiddenA();
        Response hiddenB = scene.hiddenB();

        assertThat(ratings().savePreferencesIfAllowed(List.of(prefer(a, b, other, "")), false))
                .contains(judged(open, true));
        assertThat(ratings().savePreferencesIfAllowed(List.of(prefer(hiddenA, hiddenB, other, "")), false))
                .as("a private prompt of another").contains(judged(hidden, false));
        Preference across = new Preference(open.id(), a.id(), hiddenB.id(), owner, new Note(""), Fixtures.T0);
        assertThat(ratings().savePreferencesIfAllowed(List.of(prefer(b, c, owner, ""), across), false))
                .as("one response of another prompt: none saved").contains(judged(open, false));
        Preference nowhere = new Preference(PromptId.random(), a.id(), b.id(), owner, new Note(""), Fixtures.T0);
        assertThat(ratings().savePreferencesIfAllowed(List.of(nowhere), false)).as("no such prompt").isEmpty();

        assertThat(ratings().preferencesBy(open.id(), other)).containsExactly(prefer(a, b, other, ""));
        assertThat(ratings().preferencesBy(open.id(), owner)).isEmpty();
        assertThat(ratings().preferencesBy(hidden.id(), other)).isEmpty();
    }

    @Test
    default void aWholeRankingIsSavedOnlyIfItNamesEveryResponseOfThePrompt() {
        UserId owner = newUser().id();
        Prompt prompt = newPrompt(owner, false);
        Response a = newResponse(prompt, "model-a");
        Response b = newResponse(prompt, "model-b");
        Response c = newResponse(prompt, "model-c");
        List<Preference> partial = List.of(prefer(a, b, owner, ""));
        List<Preference> whole = List.of(prefer(c, a, owner, ""), prefer(c, b, owner, ""), prefer(a, b, owner, ""));

        assertThat(ratings().savePreferencesIfAllowed(partial, true)).contains(judged(prompt, false));
        assertThat(ratings().preferencesBy(prompt.id(), owner)).isEmpty();
        assertThat(ratings().savePreferencesIfAllowed(whole, true)).contains(judged(prompt, true));
        assertThat(ratings().preferencesBy(prompt.id(), owner)).containsExactlyInAnyOrderElementsOf(whole);
    }

    /** The longest reason a note may give, in characters of three bytes each in UTF-8. */
    String LONGEST_REASON = "理".repeat(Note.MAX_LENGTH);

    @Test
    default void aRankingOfAsManyResponsesAsAPromptHoldsIsSavedWhole() {
        UserId owner = newUser().id();
        Prompt prompt = newPrompt(owner, false);
        List<Response> ranked = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // the most a prompt holds (ResponseService.MAX_RESPONSES_PER_PROMPT)
            ranked.add(newResponse(prompt, "model-" + i));
        }
        List<Preference> whole = new ArrayList<>();
        for (int better = 0; better < ranked.size(); better++) {
            for (int worse = better + 1; worse < ranked.size(); worse++) {
                whole.add(prefer(ranked.get(better), ranked.get(worse), owner, LONGEST_REASON));
            }
        }

        assertThat(ratings().savePreferencesIfAllowed(whole, true)).contains(judged(prompt, true));
        assertThat(ratings().preferencesBy(prompt.id(), owner)).hasSize(1_225).containsExactlyInAnyOrderElementsOf(whole);
        // A ranking with a reason of its own, and pairs with reasons of their own, each kept with its pair.
        List<Preference> mixed = List.of(prefer(ranked.get(1), ranked.get(0), owner, "second thoughts"),
                prefer(ranked.get(2), ranked.get(0), owner, ""), prefer(ranked.get(3), ranked.get(0), owner, "b"));
        ratings().savePreferences(mixed);
        assertThat(ratings().preferencesBy(prompt.id(), owner)).containsAll(mixed);

        List<Preference> reversed = whole.stream().map(p -> new Preference(p.promptId(), p.rejected(), p.chosen(),
                p.raterId(), new Note("changed my mind"), p.updatedAt().plusSeconds(1))).toList();
        assertThat(ratings().savePreferencesIfAllowed(reversed, true)).contains(judged(prompt, true));
        assertThat(ratings().preferencesBy(prompt.id(), owner)).as("each pair replaced")
                .containsExactlyInAnyOrderElementsOf(reversed);
    }

    @Test
    default void aPromptsJudgementsAreReadWithItShowingEachViewerWhatTheyMaySee() {
        UserId owner = newUser().id();
        UserId other = newUser().id();
        Prompt prompt = newPrompt(owner, true);
        Response a = newResponse(prompt, "model-a");
        Response b = newResponse(prompt, "model-b");
        ratings().saveRating(rating(a, owner, 4, "mine"));
        ratings().saveRating(rating(a, other, 2, "theirs"));
        ratings().savePreferences(List.of(prefer(b, a, other, "")));

        assertThat(ratings().judgementsOf(prompt.id(), Optional.of(owner))).contains(new PromptJudgements(prompt,
                List.of(rating(a, owner, 4, "mine")), List.of(), List.of(new ResponseRatings(a.id(), 2, 6))));
        assertThat(ratings().judgementsOf(prompt.id(), Optional.of(other))).as("totals only for the owner")
                .contains(new PromptJudgements(prompt, List.of(rating(a, other, 2, "theirs")),
                        List.of(prefer(b, a, other, "")), List.of()));
        assertThat(ratings().judgementsOf(prompt.id(), Optional.empty()))
                .contains(new PromptJudgements(prompt, List.of(), List.of(), List.of()));
        assertThat(ratings().judgementsOf(PromptId.random(), Optional.of(owner))).isEmpty();
    }
}
