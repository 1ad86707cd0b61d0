package dev.prompttracker.application.port.in;

public interface GetProgressUseCase {
    ProgressReport progress(GetProgressQuery query);
}
