package dev.prompttracker.application.port.out;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A shortest edit script between two sequences (lines, or the words of changed lines), computed
 * within a time budget so that two long, very different texts cannot hold a thread for long.
 */
public interface SequenceDiffer {

    /**
     * The edits that turn {@code from} into {@code to}, in order and not touching each other; every
     * element outside them is kept. Empty when the budget ran out first.
     */
    Optional<List<Edit>> edits(List<String> from, List<String> to, Duration budget);

    /**
     * {@code from[fromStart, fromEnd)} replaced by {@code to[toStart, toEnd)}; an empty range on one
     * side is a pure insertion or deletion.
     */
    record Edit(int fromStart, int fromEnd, int toStart, int toEnd) {
        public Edit {
            if (fromStart < 0 || toStart < 0 || fromEnd < fromStart || toEnd < toStart
                    || (fromEnd == fromStart && toEnd == toStart)) {
                throw new IllegalArgumentException("not an edit: " + fromStart + ".." + fromEnd + " -> "
                        + toStart + ".." + toEnd);
            }
        }

        /** Applies edits (as {@link #edits} returns them) to {@code from}. */
        public static <T> List<T> apply(List<T> from, List<T> to, List<Edit> edits) {
            Objects.requireNonNull(to, "to");
            List<T> result = new java.util.ArrayList<>(to.size());
            int at = 0;
            for (Edit edit : edits) {
                if (edit.fromStart < at || edit.fromEnd > from.size() || edit.toEnd > to.size()) {
                    throw new IllegalArgumentException("edits out of order or range");
                }
                result.addAll(from.subList(at, edit.fromStart));
                result.addAll(to.subList(edit.toStart, edit.toEnd));
                at = edit.fromEnd;
            }
            result.addAll(from.subList(at, from.size()));
            return result;
        }
    }
}
