package dev.prompttracker.domain.user;

import dev.prompttracker.domain.id.Uuids;

import java.util.Optional;

/** Identifies a user account. Random (UUID version 4), so ids can be neither guessed nor enumerated. */
public record UserId(String value) {
    public UserId {
        if (!Uuids.isCanonical(value)) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
    }

    public static UserId random() {
        return new UserId(Uuids.random());
    }

    /** The id, or empty when the text is not one (callers answer "not found"). */
    public static Optional<UserId> parse(String raw) {
        return Uuids.canonical(raw).map(UserId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
