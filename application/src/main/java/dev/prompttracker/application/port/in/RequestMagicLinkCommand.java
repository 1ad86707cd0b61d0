package dev.prompttracker.application.port.in;

/** Ask for a sign-in link by email. */
public record RequestMagicLinkCommand(String email, ClientInfo client) {
}
