package dev.prompttracker.domain.diff;

/** What a piece of a diff does: kept in both texts, only in the new one, or only in the old one. */
public enum DiffOp {
    EQUAL, INSERT, DELETE
}
