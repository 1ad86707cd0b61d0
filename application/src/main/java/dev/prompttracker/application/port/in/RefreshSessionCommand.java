package dev.prompttracker.application.port.in;

/** Trade a refresh token for a new access token and a new refresh token. */
public record RefreshSessionCommand(String refreshToken, ClientInfo client) {
    @Override
    public String toString() {
        return "RefreshSessionCommand[redacted]";
    }
}
