package dev.prompttracker.application.port.in;

/**
 * Refreshes the in-process list of revoked sessions from the store, so that a logout on another
 * instance takes effect here within one sync interval. Run on a schedule.
 */
public interface SyncRevokedSessionsUseCase {
    void syncRevokedSessions();
}
