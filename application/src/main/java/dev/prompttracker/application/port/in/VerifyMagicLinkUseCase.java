package dev.prompttracker.application.port.in;

public interface VerifyMagicLinkUseCase {
    /** Uses the link once and signs in, creating a passwordless account for a subscriber without one. */
    AuthResult verifyMagicLink(VerifyMagicLinkCommand command);
}
