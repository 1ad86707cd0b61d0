package dev.prompttracker.domain.prompt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A prompt and some of its versions, read together as one unit. */
public record PromptWithVersions(Prompt prompt, List<PromptVersion> versions) {
    public PromptWithVersions {
        Objects.requireNonNull(prompt, "prompt");
        versions = List.copyOf(versions);
        for (PromptVersion version : versions) {
            if (!version.promptId().equals(prompt.id())) {
                throw new IllegalArgumentException("version of another prompt");
            }
        }
    }

    /** The version numbered {@code number}, if it was read. */
    public Optional<PromptVersion> version(int number) {
        return versions.stream().filter(version -> version.number() == number).findFirst();
    }
}
