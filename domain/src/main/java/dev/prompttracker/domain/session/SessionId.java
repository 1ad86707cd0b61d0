package dev.prompttracker.domain.session;

import dev.prompttracker.domain.id.Uuids;

import java.util.Optional;

/** Identifies a login session (a refresh-token family). Random (UUID version 4), so ids can be neither guessed nor enumerated. */
public record SessionId(String value) {
    public SessionId {
        if (!Uuids.isCanonical(value)) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
    }

    public static SessionId random() {
        return new SessionId(Uuids.random());
    }

    /** The id, or empty when the text is not one (callers answer "not found"). */
    public static Optional<SessionId> parse(String raw) {
        return Uuids.canonical(raw).map(SessionId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
