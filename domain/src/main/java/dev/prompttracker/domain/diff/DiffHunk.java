package dev.prompttracker.domain.diff;

import java.util.List;

/**
 * A run of lines: unchanged ({@code changed} false, one {@link DiffOp#EQUAL} segment), or lines of the
 * old text replaced by lines of the new one (either side may be empty), as word-level segments.
 * Lines are numbered from 1; a side with no lines starts where its next line would.
 */
public record DiffHunk(int fromLine, int fromCount, int toLine, int toCount, boolean changed,
                       List<DiffSegment> segments) {
    public DiffHunk {
        segments = List.copyOf(segments);
        if (fromLine < 1 || toLine < 1 || fromCount < 0 || toCount < 0 || segments.isEmpty()) {
            throw new IllegalArgumentException("a hunk has lines and segments");
        }
        if (!changed && (fromCount != toCount || segments.size() != 1 || segments.getFirst().op() != DiffOp.EQUAL)) {
            throw new IllegalArgumentException("an unchanged hunk is one equal segment");
        }
    }

    /** The hunk's text as it was ({@code EQUAL} and {@code DELETE} segments). */
    public String fromText() {
        return text(DiffOp.DELETE);
    }

    /** The hunk's text as it is ({@code EQUAL} and {@code INSERT} segments). */
    public String toText() {
        return text(DiffOp.INSERT);
    }

    private String text(DiffOp side) {
        StringBuilder text = new StringBuilder();
        for (DiffSegment segment : segments) {
            if (segment.op() == DiffOp.EQUAL || segment.op() == side) {
                text.append(segment.text());
            }
        }
        return text.toString();
    }
}
