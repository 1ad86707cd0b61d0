package dev.prompttracker.application.port.in;

public interface LogOutUseCase {
    void logOut(LogOutCommand command);
}
