package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;

import java.time.Instant;
import java.util.Optional;

/** Issued magic links, by the hash of their token. */
public interface MagicLinkRepository {

    void create(MagicLink.Issued link);

    /**
     * Uses the link in one conditional write: only an unused, unexpired link of this purpose changes,
     * and exactly one caller can win. Empty for anything else (unknown, used, expired, wrong purpose).
     */
    Optional<MagicLink.Used> consume(TokenHash hash, MagicLinkPurpose purpose, Instant now);

    /** Removes links that expired before {@code cutoff}; returns how many. */
    int deleteExpiredBefore(Instant cutoff);
}
