package dev.prompttracker.application.port.in;

/** The email worker's step: run from a loop in the server process. */
public interface DeliverEmailsUseCase {
    /** Receives up to {@code max} queued jobs and sends them; returns how many were received. */
    int deliverPending(int max);
}
