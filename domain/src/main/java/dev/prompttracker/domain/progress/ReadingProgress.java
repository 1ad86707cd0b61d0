package dev.prompttracker.domain.progress;

import dev.prompttracker.domain.user.Email;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One reader's progress in one chapter. It only moves forward: time adds up, videos and quizzes
 * accumulate, and a completed chapter stays completed.
 */
public record ReadingProgress(Email email, ChapterNumber chapter, boolean completed, long timeSpentSeconds,
                              SortedSet<String> videosWatched, SortedSet<String> quizzesPassed, Instant createdAt,
                              Instant updatedAt, long version) {
    public ReadingProgress {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(chapter, "chapter");
        videosWatched = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(videosWatched));
        quizzesPassed = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(quizzesPassed));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (timeSpentSeconds < 0) {
            throw new IllegalArgumentException("negative time");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
    }

    /** The first report of a chapter. */
    public static ReadingProgress start(Email email, ChapterNumber chapter, ProgressUpdate update, Instant now) {
        return new ReadingProgress(email, chapter, update.completed(), update.timeSpentSeconds(),
                new TreeSet<>(update.videosWatched()), new TreeSet<>(update.quizzesPassed()), now, now, 1);
    }

    /** This progress with a further report merged in; the next version. */
    public ReadingProgress merge(ProgressUpdate update, Instant now) {
        return new ReadingProgress(email, chapter, completed || update.completed(),
                timeSpentSeconds + update.timeSpentSeconds(), union(videosWatched, update.videosWatched()),
                union(quizzesPassed, update.quizzesPassed()), createdAt, now.isAfter(updatedAt) ? now : updatedAt,
                version + 1);
    }

    private static SortedSet<String> union(Set<String> a, Set<String> b) {
        SortedSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
