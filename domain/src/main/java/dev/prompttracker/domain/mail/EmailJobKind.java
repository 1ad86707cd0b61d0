package dev.prompttracker.domain.mail;

/** The emails the product sends. */
public enum EmailJobKind {
    /** A sign-in link, for a subscriber or an account with this address (nothing is sent to others). */
    MAGIC_LINK,
    /** The link that proves the address of an account registered with a password. */
    VERIFY_EMAIL
}
