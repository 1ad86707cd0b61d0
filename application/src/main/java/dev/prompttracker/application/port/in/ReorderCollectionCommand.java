package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Either the new order of the prompts ({@code promptIds}) or one {@code move}, not both. */
public record ReorderCollectionCommand(Actor actor, String collectionId, List<String> promptIds,
                                       Optional<Move> move) {
    public ReorderCollectionCommand {
        promptIds = List.copyOf(promptIds);
        Objects.requireNonNull(move, "move");
    }

    /** {@code promptId} to {@code position} among the prompts the caller sees (0 first). */
    public record Move(String promptId, int position) {
    }
}
