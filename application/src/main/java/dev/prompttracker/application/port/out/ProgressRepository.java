package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.progress.ReadingProgress;
import dev.prompttracker.domain.user.Email;

import java.util.List;
import java.util.Optional;

/** Reading progress, one row per (email, chapter). */
public interface ProgressRepository {

    Optional<ReadingProgress> find(Email email, ChapterNumber chapter);

    /** Stores the first progress of a chapter; {@code Conflict} when another report created it first. */
    void create(ReadingProgress progress);

    /** Stores {@code revised} if the stored version is still one less; {@code Conflict} otherwise. */
    void update(ReadingProgress revised);

    /** The reader's progress in every chapter they opened, by chapter number. */
    List<ReadingProgress> listByEmail(Email email);

    /** Per chapter: readers, completions and average time, aggregated by the store (not by loading rows). */
    List<ChapterStats> chapterStats();
}
