package dev.prompttracker.application.port.in;

/** Housekeeping: forget magic links that expired long ago. */
public interface PurgeExpiredMagicLinksUseCase {
    int purgeExpiredMagicLinks();
}
