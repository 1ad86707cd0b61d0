package dev.prompttracker.application.port.in;

/** Create an account with a password. Raw input: the service validates every field. */
public record RegisterUserCommand(String username, String email, String password, ClientInfo client) {
    @Override
    public String toString() {
        return "RegisterUserCommand[username=" + username + "]";
    }
}
