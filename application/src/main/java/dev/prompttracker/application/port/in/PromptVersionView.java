package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.prompt.PromptVersion;

import java.util.Objects;

/** A version with its text. */
public record PromptVersionView(PromptVersion version, Content content) {
    public PromptVersionView {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(content, "content");
    }
}
