package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.List;

/** One reading report for a chapter: merged into what is stored, never replacing it. */
public record RecordProgressCommand(Actor actor, int chapterNumber, boolean completed, int timeSpentSeconds,
                                    List<String> videosWatched, List<String> quizzesPassed) {
    public RecordProgressCommand {
        videosWatched = videosWatched == null ? List.of() : List.copyOf(videosWatched);
        quizzesPassed = quizzesPassed == null ? List.of() : List.copyOf(quizzesPassed);
    }
}
