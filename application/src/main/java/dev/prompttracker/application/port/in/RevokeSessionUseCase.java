package dev.prompttracker.application.port.in;

public interface RevokeSessionUseCase {
    /** Revokes one of the caller's own sessions; someone else's is "not found". */
    void revokeSession(RevokeSessionCommand command);
}
