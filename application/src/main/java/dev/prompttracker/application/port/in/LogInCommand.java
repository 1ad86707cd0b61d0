package dev.prompttracker.application.port.in;

/** Log in with a username or an email ({@code login}) and a password. */
public record LogInCommand(String login, String password, ClientInfo client) {
    @Override
    public String toString() {
        return "LogInCommand[redacted]";
    }
}
