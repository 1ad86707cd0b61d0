package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** Read a collection and a page of its prompts; {@code client} counts an anonymous read. */
public record GetCollectionQuery(Actor actor, String collectionId, int pageSize, String pageToken, ClientInfo client) {
}
