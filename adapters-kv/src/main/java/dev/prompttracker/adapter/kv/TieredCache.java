package dev.prompttracker.adapter.kv;

import dev.prompttracker.application.port.out.Cache;

import java.time.Duration;
import java.util.Optional;

/**
 * A local cache in front of a shared one (KV): hits are served in process, misses go to the shared
 * tier and fill the local one. The shared tier is best effort: when it fails, the cache answers a
 * miss and the caller reads the source of truth, so KV trouble never breaks a request.
 */
public final class TieredCache implements Cache {
    private static final System.Logger LOG = System.getLogger(TieredCache.class.getName());

    private final Cache local;
    private final Cache shared;
    private final Duration localTtl;

    public TieredCache(Cache local, Cache shared, Duration localTtl) {
        this.local = local;
        this.shared = shared;
        this.localTtl = localTtl;
    }

    @Override
    public Optional<String> get(String key) {
        Optional<String> hit = local.get(key);
        if (hit.isPresent()) {
            return hit;
        }
        try {
            Optional<String> value = shared.get(key);
            value.ifPresent(v -> local.put(key, v, localTtl));
            return value;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "shared cache read failed; treating as a miss: {0}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        local.put(key, value, ttl.compareTo(localTtl) < 0 ? ttl : localTtl);
        try {
            shared.put(key, value, ttl);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "shared cache write failed: {0}", e.toString());
        }
    }

    /** A failed shared invalidation is logged, not thrown: the write it follows has happened; the TTL bounds the staleness. */
    @Override
    public void invalidate(String key) {
        local.invalidate(key);
        try {
            shared.invalidate(key);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "shared cache invalidation failed: {0}", e.toString());
        }
    }
}
