package dev.prompttracker.domain.prompt;

import dev.prompttracker.domain.id.Uuids;

import java.util.Optional;

/** Identifies one model's response to a prompt. Random (UUID version 4), so ids can be neither guessed nor enumerated. */
public record ResponseId(String value) {
    public ResponseId {
        if (!Uuids.isCanonical(value)) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
    }

    public static ResponseId random() {
        return new ResponseId(Uuids.random());
    }

    /** The id, or empty when the text is not one (callers answer "not found"). */
    public static Optional<ResponseId> parse(String raw) {
        return Uuids.canonical(raw).map(ResponseId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
