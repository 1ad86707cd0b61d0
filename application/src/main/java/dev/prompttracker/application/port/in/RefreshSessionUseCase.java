package dev.prompttracker.application.port.in;

public interface RefreshSessionUseCase {
    /** Rotates the refresh token; presenting one that was already rotated revokes the whole session. */
    AuthResult refresh(RefreshSessionCommand command);
}
