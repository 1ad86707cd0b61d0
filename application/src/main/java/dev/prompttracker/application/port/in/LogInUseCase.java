package dev.prompttracker.application.port.in;

public interface LogInUseCase {
    /** Every failure is the same {@code Unauthenticated}, whatever was wrong. */
    AuthResult logIn(LogInCommand command);
}
