package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryMagicLinkRepository implements MagicLinkRepository {
    private final Map<TokenHash, MagicLink> links = new HashMap<>();

    @Override
    public synchronized void create(MagicLink.Issued link) {
        if (links.putIfAbsent(link.tokenHash(), link) != null) {
            throw new Conflict("this link already exists");
        }
    }

    @Override
    public synchronized Optional<MagicLink.Used> consume(TokenHash hash, MagicLinkPurpose purpose, Instant now) {
        MagicLink link = links.get(hash);
        if (link instanceof MagicLink.Issued issued && issued.purpose() == purpose && now.isBefore(issued.expiresAt())) {
            MagicLink.Used used = new MagicLink.Used(hash, issued.email(), purpose, issued.expiresAt(), now);
            links.put(hash, used);
            return Optional.of(used);
        }
        return Optional.empty();
    }

    /** The link, if it can be used now for {@code purpose}; nothing changes. */
    synchronized Optional<MagicLink.Issued> usable(TokenHash hash, MagicLinkPurpose purpose, Instant now) {
        return links.get(hash) instanceof MagicLink.Issued issued && issued.purpose() == purpose
                && now.isBefore(issued.expiresAt()) ? Optional.of(issued) : Optional.empty();
    }

    @Override
    public synchronized int deleteExpiredBefore(Instant cutoff) {
        int before = links.size();
        links.values().removeIf(link -> link.expiresAt().isBefore(cutoff));
        return before - links.size();
    }

    /** Every stored hash, to check that no raw token is kept. */
    public synchronized Map<TokenHash, MagicLink> stored() {
        return Map.copyOf(links);
    }
}
