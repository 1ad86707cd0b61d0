package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.session.Session;

/** A session as its owner sees it, marked when it is the one making the request. */
public record SessionView(Session session, boolean current) {
}
