package dev.prompttracker.bootstrap;

/** The configuration cannot work; the message names the variable and what to do. Start-up stops. */
public final class ConfigurationError extends RuntimeException {
    public ConfigurationError(String message) {
        super(message);
    }
}
