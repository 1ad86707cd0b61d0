package dev.prompttracker.adapter.diff;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import dev.prompttracker.application.port.out.SequenceDiffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Myers' shortest edit script in linear space (java-diff-utils): memory stays proportional to the
 * input however different the sequences are. The library takes no deadline, so its equality test
 * carries one: elements are numbered first (equal strings, equal numbers), and every few thousand
 * comparisons the monotonic clock is read; past the budget the computation is abandoned.
 */
public final class JavaDiffUtilsSequenceDiffer implements SequenceDiffer {
    private static final int CHECK_EVERY = 4096;

    /** Thrown through the library to abandon a computation that ran out of time. */
    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    @Override
    public Optional<List<Edit>> edits(List<String> from, List<String> to, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        Map<String, Integer> numbers = new HashMap<>();
        List<Integer> a = number(from, numbers);
        List<Integer> b = number(to, numbers);
        int[] comparisons = {0};
        MyersDiffWithLinearSpace<Integer> myers = new MyersDiffWithLinearSpace<>((x, y) -> {
            if (++comparisons[0] % CHECK_EVERY == 0 && System.nanoTime() - deadline > 0) {
                throw new OutOfTime();
            }
            return x.intValue() == y.intValue();
        });
        List<Change> changes;
        try {
            changes = myers.computeDiff(a, b, NO_PROGRESS);
        } catch (OutOfTime late) {
            return Optional.empty();
        }
        return Optional.of(merged(changes));
    }

    private static List<Integer> number(List<String> sequence, Map<String, Integer> numbers) {
        List<Integer> numbered = new ArrayList<>(sequence.size());
        for (String element : sequence) {
            numbered.add(numbers.computeIfAbsent(element, k -> numbers.size()));
        }
        return numbered;
    }

    /** The library may report a deletion and an insertion at one place as two changes: one edit each place. */
    private static List<Edit> merged(List<Change> changes) {
        List<Edit> edits = new ArrayList<>(changes.size());
        for (Change change : changes) {
            if (change.endOriginal == change.startOriginal && change.endRevised == change.startRevised) {
                continue;
            }
            if (!edits.isEmpty() && edits.getLast().fromEnd() == change.startOriginal
                    && edits.getLast().toEnd() == change.startRevised) {
                Edit last = edits.removeLast();
                edits.add(new Edit(last.fromStart(), change.endOriginal, last.toStart(), change.endRevised));
            } else {
                edits.add(new Edit(change.startOriginal, change.endOriginal, change.startRevised, change.endRevised));
            }
        }
        return edits;
    }

    private static final DiffAlgorithmListener NO_PROGRESS = new DiffAlgorithmListener() {
        @Override
        public void diffStart() {
        }

        @Override
        public void diffStep(int value, int max) {
        }

        @Override
        public void diffEnd() {
        }
    };
}
