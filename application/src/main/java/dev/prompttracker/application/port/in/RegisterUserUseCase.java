package dev.prompttracker.application.port.in;

public interface RegisterUserUseCase {
    AuthResult register(RegisterUserCommand command);
}
