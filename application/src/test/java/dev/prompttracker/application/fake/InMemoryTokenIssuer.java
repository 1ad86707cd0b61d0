package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.TokenIssuer;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Tokens are random handles to grants kept in memory; expiry is checked against the given clock. */
public final class InMemoryTokenIssuer implements TokenIssuer {
    private final Map<String, AccessGrant> grants = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryTokenIssuer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String issue(AccessGrant grant) {
        String token = "fake." + UUID.randomUUID();
        grants.put(token, grant);
        return token;
    }

    @Override
    public Optional<AccessGrant> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(grants.get(token)).filter(grant -> clock.instant().isBefore(grant.expiresAt()));
    }
}
