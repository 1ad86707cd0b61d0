package dev.prompttracker.domain.subscriber;

import dev.prompttracker.domain.id.Uuids;

import java.util.Optional;

/** Identifies a subscriber (the email is the natural key; this id orders pages and never changes). */
public record SubscriberId(String value) {
    public SubscriberId {
        if (!Uuids.isCanonical(value)) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
    }

    public static SubscriberId random() {
        return new SubscriberId(Uuids.random());
    }

    public static Optional<SubscriberId> parse(String raw) {
        return Uuids.canonical(raw).map(SubscriberId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
