package dev.prompttracker.domain.prompt;

import java.util.Objects;

/** A prompt as it appears in a list: its metadata and how many responses it has. */
public record PromptSummary(Prompt prompt, int responseCount) {
    public PromptSummary {
        Objects.requireNonNull(prompt, "prompt");
        if (responseCount < 0) {
            throw new IllegalArgumentException("negative response count");
        }
    }
}
