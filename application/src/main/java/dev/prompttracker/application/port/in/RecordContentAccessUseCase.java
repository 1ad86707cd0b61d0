package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.access.ContentAccess;

public interface RecordContentAccessUseCase {
    ContentAccess recordContentAccess(RecordContentAccessCommand command);
}
