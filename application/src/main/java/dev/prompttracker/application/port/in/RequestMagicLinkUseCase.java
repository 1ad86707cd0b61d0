package dev.prompttracker.application.port.in;

public interface RequestMagicLinkUseCase {
    /**
     * Queues a sign-in email when the address belongs to a subscriber or an account; does the same
     * visible thing (nothing) otherwise. Never sends mail itself.
     */
    void requestMagicLink(RequestMagicLinkCommand command);
}
