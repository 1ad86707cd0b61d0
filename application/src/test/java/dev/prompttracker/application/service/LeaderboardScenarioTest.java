package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.GetLeaderboardQuery;
import dev.prompttracker.application.port.in.GetLeaderboardUseCase;
import dev.prompttracker.application.port.in.PreferResponseCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.rating.ModelStanding;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The leaderboard through the use case: a caller's own is current, everyone's is fitted at most once per expiry. */
class LeaderboardScenarioTest {
    private static final ClientInfo CLIENT = new ClientInfo("JUnit", "127.0.0.1");
    private final CoreFixture core = new CoreFixture();

    private record Pair(String promptId, String first, String second) {
    }

    private Pair publicPromptAnsweredBy(Actor.SignedIn owner, String modelA, String modelB) {
        String prompt = core.app.createPrompt().createPrompt(new CreatePromptCommand(owner, "Compare", "Say hello",
                true, List.of())).prompt().id().value();
        String a = answer(owner, prompt, modelA);
        String b = answer(owner, prompt, modelB);
        return new Pair(prompt, a, b);
    }

    private String answer(Actor.SignedIn owner, String prompt, String model) {
        return core.app.addResponse().addResponse(new AddResponseCommand(owner, prompt, model, "Hello from " + model,
                Optional.empty())).response().id().value();
    }

    private void prefer(Actor.SignedIn rater, Pair pair, boolean firstWins) {
        core.app.preferResponse().preferResponse(new PreferResponseCommand(rater, pair.promptId(),
                firstWins ? pair.first() : pair.second(), firstWins ? pair.second() : pair.first(), "", CLIENT));
    }

    private Map<String, Long> wins(Actor actor, String scope) {
        return core.app.leaderboard().leaderboard(new GetLeaderboardQuery(actor, scope, CLIENT)).standings().stream()
                .collect(Collectors.toMap(ModelStanding::model, ModelStanding::wins));
    }

    @Test
    void everyonesLeaderboardShowsNewJudgementsOnceItsCopyExpiresAndTheCallersOwnAtOnce() {
        Actor.SignedIn ada = core.actor(core.register("ada"));
        Pair pair = publicPromptAnsweredBy(ada, "model-a", "model-b");
        prefer(ada, pair, true);
        assertThat(wins(Actor.ANONYMOUS, "public")).containsEntry("model-a", 1L).containsEntry("model-b", 0L);

        Pair second = publicPromptAnsweredBy(ada, "model-a", "model-b");
        prefer(ada, second, false);
        assertThat(wins(ada, "mine")).as("the caller's own is fitted on every call")
                .containsEntry("model-a", 1L).containsEntry("model-b", 1L);
        assertThat(wins(Actor.ANONYMOUS, "public")).as("everyone's is the copy fitted a moment ago")
                .containsEntry("model-b", 0L);

        core.clock.advance(GetLeaderboardUseCase.PUBLIC_LEADERBOARD_MAX_AGE.minus(Duration.ofSeconds(1)));
        assertThat(wins(ada, "public")).containsEntry("model-b", 0L);
        core.clock.advance(Duration.ofSeconds(1));
        assertThat(wins(ada, "public")).as("fitted again once the copy expired")
                .containsEntry("model-a", 1L).containsEntry("model-b", 1L);
    }

    @Test
    void aClockThatWentBackFitsAgainRatherThanKeepAnOldCopyForLonger() {
        Actor.SignedIn ada = core.actor(core.register("ada"));
        Pair pair = publicPromptAnsweredBy(ada, "model-a", "model-b");
        assertThat(wins(ada, "public")).isEmpty();
        prefer(ada, pair, true);
        core.clock.advance(Duration.ofSeconds(-5));
        assertThat(wins(ada, "public")).containsEntry("model-a", 1L);
    }
}
