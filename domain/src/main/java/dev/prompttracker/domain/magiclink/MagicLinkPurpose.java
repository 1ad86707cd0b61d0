package dev.prompttracker.domain.magiclink;

/** What a magic link may be used for; a link for one purpose never works for another. */
public enum MagicLinkPurpose {
    LOGIN
}
