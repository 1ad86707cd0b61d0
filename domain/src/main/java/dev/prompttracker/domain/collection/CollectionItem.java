package dev.prompttracker.domain.collection;

import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;

/**
 * A prompt's place in a collection, with what decides who sees it there: its owner and whether it is
 * public. A collection never shows more than its prompts do: through a public collection, anyone sees
 * its public prompts, and a prompt's owner also sees their own private ones.
 */
public record CollectionItem(PromptId promptId, UserId promptOwnerId, boolean promptIsPublic) {
    public CollectionItem {
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(promptOwnerId, "promptOwnerId");
    }

    public boolean isReadableBy(Optional<UserId> reader) {
        return promptIsPublic || reader.filter(promptOwnerId::equals).isPresent();
    }
}
