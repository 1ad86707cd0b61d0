package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** The caller's collections, newest update first. */
public record ListCollectionsQuery(Actor actor, int pageSize, String pageToken) {
}
