package dev.prompttracker.domain.prompt;

import dev.prompttracker.domain.id.Uuids;

import java.util.Optional;

/** Identifies a prompt. Random (UUID version 4), so ids can be neither guessed nor enumerated. */
public record PromptId(String value) {
    public PromptId {
        if (!Uuids.isCanonical(value)) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
    }

    public static PromptId random() {
        return new PromptId(Uuids.random());
    }

    /** The id, or empty when the text is not one (callers answer "not found"). */
    public static Optional<PromptId> parse(String raw) {
        return Uuids.canonical(raw).map(PromptId::new);
    }

    @Override
    public String toString() {
        return value;
    }
}
