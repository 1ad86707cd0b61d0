package dev.prompttracker.adapter.diff;

import dev.prompttracker.application.contract.SequenceDifferContract;
import dev.prompttracker.application.port.out.SequenceDiffer;
import dev.prompttracker.application.port.out.SequenceDiffer.Edit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The java-diff-utils differ passes the port's contract, and holds its budget on the texts the product allows. */
class JavaDiffUtilsSequenceDifferTest implements SequenceDifferContract {
    private final JavaDiffUtilsSequenceDiffer differ = new JavaDiffUtilsSequenceDiffer();

    @Override
    public SequenceDiffer differ() {
        return differ;
    }

    @Test
    void twoLongTextsWithAFewChangesAreComparedQuickly() {
        // A 1 MiB text of short lines (about 100,000 of them) with a few lines changed.
        List<String> from = IntStream.range(0, 100_000).mapToObj(i -> "line " + i + "\n").toList();
        List<String> to = new java.util.ArrayList<>(from);
        to.set(10, "changed\n");
        to.remove(50_000);
        to.add(99_000, "added\n");
        Optional<List<Edit>> edits = differ.edits(from, to, Duration.ofSeconds(2));
        assertThat(edits).hasValueSatisfying(found -> {
            assertThat(found).hasSize(3);
            assertThat(Edit.apply(from, to, found)).isEqualTo(to);
        });
    }

    @Test
    void twoTotallyDifferentLongTextsRunOutOfTimeNotMemory() {
        List<String> from = IntStream.range(0, 100_000).mapToObj(i -> "old " + i + "\n").toList();
        List<String> to = IntStream.range(0, 100_000).mapToObj(i -> "new " + i + "\n").toList();
        long start = System.nanoTime();
        Optional<List<Edit>> edits = differ.edits(from, to, Duration.ofMillis(500));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        edits.ifPresent(found -> assertThat(Edit.apply(from, to, found)).isEqualTo(to));
    }
}
