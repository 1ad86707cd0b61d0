package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** {@code scope}: {@code mine} (the default when signed in) or {@code public} (everyone's, on public prompts). */
public record GetLeaderboardQuery(Actor actor, String scope, ClientInfo client) {
}
