package dev.prompttracker.domain.mail;

/** The emails the product sends. */
public enum EmailJobKind {
    MAGIC_LINK
}
