package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.prompt.PromptVersion;

import java.util.List;
import java.util.Objects;

/** One page of versions, newest first, and the token of the next page (empty on the last). */
public record VersionPage(List<PromptVersion> versions, String nextPageToken) {
    public VersionPage {
        versions = List.copyOf(versions);
        Objects.requireNonNull(nextPageToken, "nextPageToken");
    }
}
