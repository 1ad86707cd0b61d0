package dev.prompttracker.domain;

import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.rating.BradleyTerry;
import dev.prompttracker.domain.rating.Leaderboard;
import dev.prompttracker.domain.rating.ModelComparison;
import dev.prompttracker.domain.rating.ModelRatings;
import dev.prompttracker.domain.rating.ModelStanding;
import dev.prompttracker.domain.rating.Note;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Ranking;
import dev.prompttracker.domain.rating.Stars;
import dev.prompttracker.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RatingsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final PromptId PROMPT = PromptId.random();
    private static final UserId RATER = UserId.random();

    @Test
    void starsAreOneToFiveAndNotesAreBounded() {
        assertThat(new Stars(1).value()).isEqualTo(1);
        assertThat(new Stars(5).value()).isEqualTo(5);
        assertThatThrownBy(() -> new Stars(0)).isInstanceOf(Invalid.class).hasMessageContaining("stars");
        assertThatThrownBy(() -> new Stars(6)).isInstanceOf(Invalid.class);
        assertThat(Note.parse("note", "  fine  ").value()).isEqualTo("fine");
        assertThat(Note.parse("note", null)).isEqualTo(Note.NONE);
        assertThat(Note.parse("note", "x".repeat(Note.MAX_LENGTH)).value()).hasSize(Note.MAX_LENGTH);
        assertThatThrownBy(() -> Note.parse("reason", "x".repeat(Note.MAX_LENGTH + 1)))
                .isInstanceOf(Invalid.class).hasMessageContaining("reason");
    }

    @Test
    void aPreferenceNeedsTwoResponsesAndIsKeyedByTheUnorderedPair() {
        ResponseId a = ResponseId.random();
        ResponseId b = ResponseId.random();
        assertThatThrownBy(() -> new Preference(PROMPT, a, a, RATER, Note.NONE, NOW)).isInstanceOf(Invalid.class);
        assertThat(new Preference(PROMPT, a, b, RATER, Note.NONE, NOW).pairKey())
                .isEqualTo(new Preference(PROMPT, b, a, RATER, Note.NONE, NOW).pairKey());
    }

    @Test
    void aRankingIsThePairwisePreferencesItImplies() {
        ResponseId first = ResponseId.random();
        ResponseId second = ResponseId.random();
        ResponseId third = ResponseId.random();
        List<Preference> implied = Ranking.preferences(PROMPT, List.of(first, second, third),
                Set.of(first, second, third), RATER, Note.NONE, NOW);
        assertThat(implied).extracting(p -> p.chosen() + ">" + p.rejected())
                .containsExactly(first + ">" + second, first + ">" + third, second + ">" + third);
        assertThatThrownBy(() -> Ranking.preferences(PROMPT, List.of(first, second), Set.of(first, second, third),
                RATER, Note.NONE, NOW)).isInstanceOf(Invalid.class).hasMessageContaining("every response");
        assertThatThrownBy(() -> Ranking.preferences(PROMPT, List.of(first, first, second),
                Set.of(first, second), RATER, Note.NONE, NOW)).isInstanceOf(Invalid.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> Ranking.preferences(PROMPT, List.of(first), Set.of(first), RATER, Note.NONE, NOW))
                .isInstanceOf(Invalid.class).hasMessageContaining("at least two");
    }

    @Test
    void bradleyTerryWithoutPriorMatchesTheHandComputedRatio() {
        // A beat B twice, B beat A once: the maximum-likelihood ratio is 2, so sqrt(2) and 1/sqrt(2).
        Map<String, Double> p = BradleyTerry.strengths(List.of(new ModelComparison("A", "B", 2),
                new ModelComparison("B", "A", 1)), 0);
        assertThat(p.get("A")).isCloseTo(Math.sqrt(2), within(1e-6));
        assertThat(p.get("B")).isCloseTo(1 / Math.sqrt(2), within(1e-6));
        assertThat(BradleyTerry.score(p.get("A"))).isCloseTo(1060.206, within(1e-3));
    }

    @Test
    void bradleyTerryWithThePriorMatchesTheHandComputedFixedPoint() {
        // A beat B once; one virtual win and loss each against a reference of strength 1. By symmetry
        // p_B = 1/p_A = 1/x, and A's MM fixed point x = 2 / (x/(x^2+1) + 2/(x+1)) reduces to x^3 - x^2 = 2.
        Map<String, Double> p = BradleyTerry.strengths(List.of(new ModelComparison("A", "B", 1)), 1.0);
        double x = p.get("A");
        assertThat(x * x * x - x * x).isCloseTo(2.0, within(1e-6));
        assertThat(x).isCloseTo(1.69562, within(1e-4));
        assertThat(p.get("B")).isCloseTo(1 / x, within(1e-6));
    }

    @Test
    void aModelThatAlwaysWinsRanksFirst() {
        Leaderboard board = Leaderboard.of(List.of(
                new ModelComparison("champion", "b", 3), new ModelComparison("champion", "c", 2),
                new ModelComparison("b", "c", 4), new ModelComparison("c", "b", 4)), List.of());
        assertThat(board.standings()).extracting(ModelStanding::model).first().isEqualTo("champion");
        ModelStanding champion = board.standings().getFirst();
        assertThat(champion.wins()).isEqualTo(5);
        assertThat(champion.losses()).isZero();
        assertThat(champion.comparisons()).isEqualTo(5);
        assertThat(Double.isFinite(champion.score())).isTrue();
    }

    @Test
    void symmetricDataGivesEqualScores() {
        Leaderboard board = Leaderboard.of(List.of(
                new ModelComparison("a", "b", 3), new ModelComparison("b", "a", 3),
                new ModelComparison("b", "c", 2), new ModelComparison("c", "b", 2),
                new ModelComparison("a", "c", 1), new ModelComparison("c", "a", 1)), List.of());
        assertThat(board.standings()).allSatisfy(s -> assertThat(s.score()).isCloseTo(1000.0, within(1e-6)));
    }

    @Test
    void averageStarsComeWithTheirCountAndUnratedModelsHaveNone() {
        Leaderboard board = Leaderboard.of(List.of(new ModelComparison("a", "b", 1)),
                List.of(new ModelRatings("a", 2, 9), new ModelRatings("c", 1, 3)));
        ModelStanding a = board.standings().stream().filter(s -> s.model().equals("a")).findFirst().orElseThrow();
        ModelStanding b = board.standings().stream().filter(s -> s.model().equals("b")).findFirst().orElseThrow();
        ModelStanding c = board.standings().stream().filter(s -> s.model().equals("c")).findFirst().orElseThrow();
        assertThat(a.averageStars()).contains(4.5);
        assertThat(a.ratingCount()).isEqualTo(2);
        assertThat(b.averageStars()).isEqualTo(Optional.empty());
        assertThat(c.score()).isCloseTo(1000.0, within(1e-6));
        assertThat(c.comparisons()).isZero();
    }
}
