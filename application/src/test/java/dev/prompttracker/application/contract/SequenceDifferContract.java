package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.SequenceDiffer;
import dev.prompttracker.application.port.out.SequenceDiffer.Edit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every differ guarantees, checked on many random pairs (a fixed seed each, so a failure repeats):
 * its edits turn {@code from} into {@code to}, keep a longest common subsequence, are ordered and apart,
 * and a pair too hard for the budget is answered within it.
 */
public interface SequenceDifferContract {
    Duration PLENTY = Duration.ofSeconds(10);

    SequenceDiffer differ();

    @Test
    default void editsTurnFromIntoToAndKeepALongestCommonSubsequence() {
        Random random = new Random(20261203);
        for (int round = 0; round < 1_000; round++) {
            List<String> from = randomSequence(random);
            List<String> to = random.nextInt(4) == 0 ? mutate(from, random) : randomSequence(random);
            List<Edit> edits = differ().edits(from, to, PLENTY).orElseThrow();
            String pair = "round " + round + ": " + from + " -> " + to;
            assertThat(Edit.apply(from, to, edits)).as(pair).isEqualTo(to);
            int kept = from.size() - edits.stream().mapToInt(e -> e.fromEnd() - e.fromStart()).sum();
            assertThat(kept).as(pair).isEqualTo(lcsLength(from, to));
            for (int i = 1; i < edits.size(); i++) {
                assertThat(edits.get(i).fromStart()).as(pair).isGreaterThan(edits.get(i - 1).fromEnd());
                assertThat(edits.get(i).toStart()).as(pair).isGreaterThan(edits.get(i - 1).toEnd());
            }
        }
    }

    @Test
    default void theEdgesOfTheInputAreEditsToo() {
        assertThat(differ().edits(List.of(), List.of(), PLENTY)).contains(List.of());
        assertThat(differ().edits(List.of("a", "b"), List.of("a", "b"), PLENTY)).contains(List.of());
        assertThat(differ().edits(List.of(), List.of("a", "b"), PLENTY)).contains(List.of(new Edit(0, 0, 0, 2)));
        assertThat(differ().edits(List.of("a", "b"), List.of(), PLENTY)).contains(List.of(new Edit(0, 2, 0, 0)));
        assertThat(differ().edits(List.of("a", "b", "c"), List.of("a", "x", "c"), PLENTY))
                .contains(List.of(new Edit(1, 2, 1, 2)));
    }

    @Test
    default void aPairTooHardForTheBudgetIsAnsweredWithinIt() {
        // Nothing in common: the worst case of every exact algorithm.
        List<String> from = IntStream.range(0, 60_000).mapToObj(i -> "old line " + i + "\n").toList();
        List<String> to = IntStream.range(0, 60_000).mapToObj(i -> "new line " + i + "\n").toList();
        long start = System.nanoTime();
        Optional<List<Edit>> edits = differ().edits(from, to, Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        edits.ifPresent(found -> assertThat(Edit.apply(from, to, found)).isEqualTo(to));
    }

    private static List<String> randomSequence(Random random) {
        int length = random.nextInt(30);
        List<String> sequence = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            sequence.add(String.valueOf((char) ('a' + random.nextInt(5))));
        }
        return sequence;
    }

    private static List<String> mutate(List<String> from, Random random) {
        List<String> to = new ArrayList<>(from);
        for (int changes = random.nextInt(4); changes > 0; changes--) {
            int at = to.isEmpty() ? 0 : random.nextInt(to.size());
            switch (random.nextInt(3)) {
                case 0 -> to.add(at, "z");
                case 1 -> {
                    if (!to.isEmpty()) {
                        to.remove(at);
                    }
                }
                default -> {
                    if (!to.isEmpty()) {
                        to.set(at, "y");
                    }
                }
            }
        }
        return to;
    }

    private static int lcsLength(List<String> a, List<String> b) {
        int[][] table = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                table[i][j] = a.get(i).equals(b.get(j)) ? table[i + 1][j + 1] + 1
                        : Math.max(table[i + 1][j], table[i][j + 1]);
            }
        }
        return table[0][0];
    }
}
