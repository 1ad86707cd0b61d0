package dev.prompttracker.application.port.in;

public interface DeleteCollectionUseCase {
    void deleteCollection(DeleteCollectionCommand command);
}
