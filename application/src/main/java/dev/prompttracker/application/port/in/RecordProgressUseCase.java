package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.progress.ReadingProgress;

public interface RecordProgressUseCase {
    /** Merges the report into the caller's progress (time adds, sets union, completed stays). */
    ReadingProgress recordProgress(RecordProgressCommand command);
}
