package dev.prompttracker.domain.user;

/** What an account may do beyond its own data. */
public enum Role {
    USER,
    ADMIN
}
