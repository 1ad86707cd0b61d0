package dev.prompttracker.application.service;

import dev.prompttracker.application.port.out.SequenceDiffer;
import dev.prompttracker.application.port.out.SequenceDiffer.Edit;
import dev.prompttracker.domain.diff.DiffHunk;
import dev.prompttracker.domain.diff.DiffOp;
import dev.prompttracker.domain.diff.DiffSegment;
import dev.prompttracker.domain.diff.TextDiff;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.TooLarge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Structured diffs of two texts (each at most 1 MiB, the content limit): lines first, then the words of
 * each changed run of lines. Bounded so that no pair of texts can hold the server: at most
 * {@value #MAX_LINES} lines a side, the line diff within {@link #BUDGET} (else {@code TooLarge}), word
 * diffs only for changed runs of at most {@value #MAX_WORD_TOKENS} words and spaces a side and only
 * while the same budget lasts (else those runs stay whole lines), and at most {@value #MAX_CONCURRENT}
 * diffs at once (a caller waits up to the budget for a turn, then gets {@code RateLimited}).
 */
final class TextDiffs {
    static final int MAX_LINES = 100_000;
    static final int MAX_WORD_TOKENS = 20_000;
    static final Duration BUDGET = Duration.ofSeconds(2);
    static final int MAX_CONCURRENT = 2;

    private final SequenceDiffer differ;
    private final Clock clock;
    private final Semaphore turns = new Semaphore(MAX_CONCURRENT, true);

    TextDiffs(SequenceDiffer differ, Clock clock) {
        this.differ = differ;
        this.clock = clock;
    }

    TextDiff diff(String from, String to) {
        List<String> fromLines = lines(from);
        List<String> toLines = lines(to);
        if (fromLines.size() > MAX_LINES || toLines.size() > MAX_LINES) {
            throw new TooLarge("texts of more than " + MAX_LINES + " lines are not compared");
        }
        try {
            if (!turns.tryAcquire(BUDGET.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RateLimited("too many comparisons at once; try again in a moment", Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimited("too many comparisons at once; try again in a moment", Duration.ofSeconds(1));
        }
        try {
            Instant deadline = clock.instant().plus(BUDGET);
            List<Edit> edits = differ.edits(fromLines, toLines, BUDGET).orElseThrow(() -> new TooLarge(
                    "these texts differ too much to compare within " + BUDGET.toSeconds() + " s; compare shorter texts"));
            return hunks(fromLines, toLines, edits, deadline);
        } finally {
            turns.release();
        }
    }

    private TextDiff hunks(List<String> from, List<String> to, List<Edit> edits, Instant deadline) {
        List<DiffHunk> hunks = new ArrayList<>();
        boolean wordLevel = true;
        int i = 0;
        int j = 0;
        for (Edit edit : edits) {
            if (edit.fromStart() > i) {
                hunks.add(equal(from, i, edit.fromStart(), j));
            }
            String removed = String.join("", from.subList(edit.fromStart(), edit.fromEnd()));
            String added = String.join("", to.subList(edit.toStart(), edit.toEnd()));
            Optional<List<DiffSegment>> words = words(removed, added, deadline);
            wordLevel &= words.isPresent();
            hunks.add(new DiffHunk(edit.fromStart() + 1, edit.fromEnd() - edit.fromStart(), edit.toStart() + 1,
                    edit.toEnd() - edit.toStart(), true, words.orElseGet(() -> wholeLines(removed, added))));
            i = edit.fromEnd();
            j = edit.toEnd();
        }
        if (i < from.size()) {
            hunks.add(equal(from, i, from.size(), j));
        }
        return new TextDiff(hunks, wordLevel);
    }

    private static DiffHunk equal(List<String> from, int start, int end, int toStart) {
        return new DiffHunk(start + 1, end - start, toStart + 1, end - start, false,
                List.of(new DiffSegment(DiffOp.EQUAL, String.join("", from.subList(start, end)))));
    }

    private static List<DiffSegment> wholeLines(String removed, String added) {
        List<DiffSegment> segments = new ArrayList<>(2);
        if (!removed.isEmpty()) {
            segments.add(new DiffSegment(DiffOp.DELETE, removed));
        }
        if (!added.isEmpty()) {
            segments.add(new DiffSegment(DiffOp.INSERT, added));
        }
        return segments;
    }

    /** Word-level segments of a changed run, or empty when it is beyond the bounds or the budget is spent. */
    private Optional<List<DiffSegment>> words(String removed, String added, Instant deadline) {
        if (removed.isEmpty() || added.isEmpty()) {
            return Optional.of(wholeLines(removed, added));
        }
        List<String> a = tokens(removed);
        List<String> b = tokens(added);
        Duration left = Duration.between(clock.instant(), deadline);
        if (a.size() > MAX_WORD_TOKENS || b.size() > MAX_WORD_TOKENS || left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        return differ.edits(a, b, left).map(edits -> {
            Segments segments = new Segments();
            int i = 0;
            for (Edit edit : edits) {
                segments.add(DiffOp.EQUAL, a.subList(i, edit.fromStart()));
                segments.add(DiffOp.DELETE, a.subList(edit.fromStart(), edit.fromEnd()));
                segments.add(DiffOp.INSERT, b.subList(edit.toStart(), edit.toEnd()));
                i = edit.fromEnd();
            }
            segments.add(DiffOp.EQUAL, a.subList(i, a.size()));
            return segments.list;
        });
    }

    /** Adjacent tokens with the same op become one segment. */
    private static final class Segments {
        final List<DiffSegment> list = new ArrayList<>();

        void add(DiffOp op, List<String> tokens) {
            if (tokens.isEmpty()) {
                return;
            }
            String text = String.join("", tokens);
            if (!list.isEmpty() && list.getLast().op() == op) {
                text = list.removeLast().text() + text;
            }
            list.add(new DiffSegment(op, text));
        }
    }

    /** The lines of a text, each with its line break ({@code \n}, or {@code \r\n}); the last may have none. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines;
    }

    /**
     * Words (letters, digits, marks and {@code _}), runs of spaces and tabs, and every other character
     * on its own (punctuation, a line break); joined they are the text again.
     */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int c = text.codePointAt(start);
            int end = start + Character.charCount(c);
            if (isWord(c)) {
                while (end < text.length() && isWord(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
            } else if (c == ' ' || c == '\t') {
                while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
                    end++;
                }
            }
            tokens.add(text.substring(start, end));
            start = end;
        }
        return tokens;
    }

    private static boolean isWord(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK;
    }
}
