package dev.prompttracker.application.port.in;

public interface UpdateResponseUseCase {
    ResponseView updateResponse(UpdateResponseCommand command);
}
