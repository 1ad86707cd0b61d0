package dev.prompttracker.application.port.in;

/** Trade the token of a magic link for a session. */
public record VerifyMagicLinkCommand(String token, ClientInfo client) {
    @Override
    public String toString() {
        return "VerifyMagicLinkCommand[redacted]";
    }
}
