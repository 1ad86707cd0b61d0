package dev.prompttracker.domain.diff;

import java.util.List;

/**
 * How one text became another: consecutive hunks covering both texts from start to end, line by line,
 * with the changed lines compared word by word. {@code wordLevel} is false when some changed hunk was
 * left as whole lines (it was beyond the word-level bounds).
 */
public record TextDiff(List<DiffHunk> hunks, boolean wordLevel) {
    public TextDiff {
        hunks = List.copyOf(hunks);
    }

    public int linesInserted() {
        return hunks.stream().filter(DiffHunk::changed).mapToInt(DiffHunk::toCount).sum();
    }

    public int linesDeleted() {
        return hunks.stream().filter(DiffHunk::changed).mapToInt(DiffHunk::fromCount).sum();
    }

    public boolean identical() {
        return hunks.stream().noneMatch(DiffHunk::changed);
    }

    /**
     * Applies the hunks to {@code from}: checks that each keeps or deletes exactly what {@code from} holds
     * there, and writes what it keeps or inserts. {@link IllegalArgumentException} when {@code from} is
     * not the text this diff was made from.
     */
    public String apply(String from) {
        StringBuilder to = new StringBuilder(from.length());
        int at = 0;
        for (DiffHunk hunk : hunks) {
            for (DiffSegment segment : hunk.segments()) {
                if (segment.op() != DiffOp.INSERT) {
                    if (!from.startsWith(segment.text(), at)) {
                        throw new IllegalArgumentException("the diff does not apply at character " + at);
                    }
                    at += segment.text().length();
                }
                if (segment.op() != DiffOp.DELETE) {
                    to.append(segment.text());
                }
            }
        }
        if (at != from.length()) {
            throw new IllegalArgumentException("the diff ends at character " + at + " of " + from.length());
        }
        return to.toString();
    }
}
