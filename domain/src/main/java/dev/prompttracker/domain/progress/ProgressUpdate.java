package dev.prompttracker.domain.progress;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one reading session reports for a chapter: whether it was finished, the seconds spent in
 * this session (added to the total), and the videos watched and quizzes passed (added to the sets).
 */
public record ProgressUpdate(boolean completed, int timeSpentSeconds, Set<String> videosWatched,
                             Set<String> quizzesPassed) {
    /** One report covers at most a day of reading. */
    public static final int MAX_SECONDS_PER_UPDATE = 24 * 60 * 60;
    public static final int MAX_ITEMS = 200;
    public static final int MAX_ITEM_LENGTH = 100;

    public ProgressUpdate {
        videosWatched = Set.copyOf(videosWatched);
        quizzesPassed = Set.copyOf(quizzesPassed);
        if (timeSpentSeconds < 0 || timeSpentSeconds > MAX_SECONDS_PER_UPDATE) {
            throw Invalid.field("timeSpentSeconds", "must be from 0 to " + MAX_SECONDS_PER_UPDATE);
        }
    }

    public static ProgressUpdate parse(boolean completed, int timeSpentSeconds, Collection<String> videos,
                                       Collection<String> quizzes) {
        InputCheck check = new InputCheck();
        Optional<Set<String>> videoIds = check.field(() -> ids(videos, "videosWatched"));
        Optional<Set<String>> quizIds = check.field(() -> ids(quizzes, "quizzesPassed"));
        check.field(() -> new ProgressUpdate(completed, timeSpentSeconds, Set.of(), Set.of()));
        check.done();
        return new ProgressUpdate(completed, timeSpentSeconds, videoIds.orElseThrow(), quizIds.orElseThrow());
    }

    private static Set<String> ids(Collection<String> raw, String field) {
        Set<String> ids = new TreeSet<>();
        if (raw == null) {
            return ids;
        }
        if (raw.size() > MAX_ITEMS) {
            throw Invalid.field(field, "at most " + MAX_ITEMS + " items");
        }
        for (String each : raw) {
            String id = each == null ? "" : each.strip();
            if (id.isEmpty() || Text.length(id) > MAX_ITEM_LENGTH || Text.hasAnyControlCharacter(id)) {
                throw Invalid.field(field, "each item must be 1 to " + MAX_ITEM_LENGTH + " characters on one line");
            }
            ids.add(id);
        }
        return ids;
    }
}
