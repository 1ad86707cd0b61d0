package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.SequenceDiffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The textbook longest common subsequence table: exact and obviously right, but quadratic in time and
 * memory, so sequences whose table would pass {@value #MAX_CELLS} cells are answered as over budget.
 */
public final class InMemorySequenceDiffer implements SequenceDiffer {
    static final long MAX_CELLS = 4_000_000;

    @Override
    public Optional<List<Edit>> edits(List<String> from, List<String> to, Duration budget) {
        // Common ends first: unchanged prefixes and suffixes cost no table.
        int prefix = 0;
        while (prefix < from.size() && prefix < to.size() && from.get(prefix).equals(to.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < from.size() - prefix && suffix < to.size() - prefix
                && from.get(from.size() - 1 - suffix).equals(to.get(to.size() - 1 - suffix))) {
            suffix++;
        }
        int n = from.size() - prefix - suffix;
        int m = to.size() - prefix - suffix;
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            return Optional.empty();
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = from.get(prefix + i).equals(to.get(prefix + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        int editFrom = -1;
        int editTo = -1;
        while (i < n || j < m) {
            if (i < n && j < m && from.get(prefix + i).equals(to.get(prefix + j))) {
                if (editFrom >= 0) {
                    edits.add(new Edit(prefix + editFrom, prefix + i, prefix + editTo, prefix + j));
                    editFrom = -1;
                }
                i++;
                j++;
                continue;
            }
            if (editFrom < 0) {
                editFrom = i;
                editTo = j;
            }
            if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
                i++;
            } else {
                j++;
            }
        }
        if (editFrom >= 0) {
            edits.add(new Edit(prefix + editFrom, prefix + n, prefix + editTo, prefix + m));
        }
        return Optional.of(edits);
    }
}
