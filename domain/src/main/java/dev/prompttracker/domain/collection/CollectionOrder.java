package dev.prompttracker.domain.collection;

import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.PromptId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a collection's order changes. Every change is computed on the whole order (at most
 * {@value Collection#MAX_PROMPTS} ids) as the caller sees it. A caller may not see every item (a prompt
 * of someone else made private stays in the collection, hidden): the items it does not see keep their
 * places. A store computes these rules in the unit that writes the new order (in SQL on SQLite and D1),
 * and the repository's contract checks it against them.
 */
public final class CollectionOrder {
    private CollectionOrder() {
    }

    /**
     * {@code requested} placed in the slots that its ids hold in {@code current}, in the requested
     * order; every other id keeps its place. Ids not (or no longer) in the collection are ignored, so a
     * reorder made while someone removed an item still applies.
     */
    public static List<PromptId> arrange(List<PromptId> current, List<PromptId> requested) {
        if (requested.size() > Collection.MAX_PROMPTS) {
            throw Invalid.field("promptIds", "must list at most " + Collection.MAX_PROMPTS + " prompts");
        }
        Set<PromptId> seen = new HashSet<>();
        for (PromptId id : requested) {
            if (!seen.add(id)) {
                throw Invalid.field("promptIds", "lists the prompt " + id + " more than once");
            }
        }
        Set<PromptId> present = Set.copyOf(current);
        List<PromptId> placed = requested.stream().filter(present::contains).toList();
        Set<PromptId> moving = Set.copyOf(placed);
        List<PromptId> result = new ArrayList<>(current.size());
        int next = 0;
        for (PromptId id : current) {
            result.add(moving.contains(id) ? placed.get(next++) : id);
        }
        return List.copyOf(result);
    }

    /**
     * {@code item} moved to {@code index} (0 is first) among the items the caller sees ({@code visible},
     * in order); an index past the end moves it to the end.
     */
    public static List<PromptId> move(List<PromptId> current, List<PromptId> visible, PromptId item, int index) {
        if (index < 0) {
            throw Invalid.field("position", "must not be negative");
        }
        if (!visible.contains(item)) {
            throw Invalid.field("promptId", "is not in this collection");
        }
        List<PromptId> order = new ArrayList<>(visible);
        order.remove(item);
        order.add(Math.min(index, order.size()), item);
        return arrange(current, order);
    }

    /**
     * {@code item} added at {@code index} among the visible items, or at the end. A prompt already in
     * the collection stays where it is (adding is idempotent); a full collection is a {@link Conflict}.
     */
    public static List<PromptId> add(List<PromptId> current, List<PromptId> visible, PromptId item,
                                     Optional<Integer> index) {
        if (index.isPresent() && index.get() < 0) {
            throw Invalid.field("position", "must not be negative");
        }
        if (current.contains(item)) {
            return current;
        }
        if (current.size() >= Collection.MAX_PROMPTS) {
            throw new Conflict("a collection holds at most " + Collection.MAX_PROMPTS + " prompts");
        }
        List<PromptId> appended = new ArrayList<>(current);
        appended.add(item);
        if (index.isEmpty()) {
            return List.copyOf(appended);
        }
        List<PromptId> seen = new ArrayList<>(visible);
        seen.add(item);
        return move(appended, seen, item, index.get());
    }

    /** {@code item} taken out; the same order when it was not in the collection. */
    public static List<PromptId> remove(List<PromptId> current, PromptId item) {
        return current.stream().filter(id -> !id.equals(item)).toList();
    }
}
