package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

public record ListSubscribersQuery(Actor actor, int pageSize, String pageToken) {
}
