package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.rating.Leaderboard;

public interface GetLeaderboardUseCase {
    Leaderboard leaderboard(GetLeaderboardQuery query);
}
