package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/** The caller opened, downloaded or shared a chapter; ip and user agent come from the request. */
public record RecordContentAccessCommand(Actor actor, int chapterNumber, String accessType, ClientInfo client) {
}
