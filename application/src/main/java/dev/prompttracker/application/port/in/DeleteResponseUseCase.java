package dev.prompttracker.application.port.in;

public interface DeleteResponseUseCase {
    void deleteResponse(DeleteResponseCommand command);
}
