package dev.prompttracker.application.port.in;

public interface AddResponseUseCase {
    ResponseView addResponse(AddResponseCommand command);
}
