package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.rating.Leaderboard;

import java.time.Duration;

public interface GetLeaderboardUseCase {
    /**
     * Everyone's leaderboard (scope public) scans every preference on public prompts, so it is fitted at
     * most once per this long and may be that old; a caller's own is always current.
     */
    Duration PUBLIC_LEADERBOARD_MAX_AGE = Duration.ofSeconds(30);

    Leaderboard leaderboard(GetLeaderboardQuery query);
}
