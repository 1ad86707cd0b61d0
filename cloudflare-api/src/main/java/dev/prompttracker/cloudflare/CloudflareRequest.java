package dev.prompttracker.cloudflare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call: the method, the path under {@code /accounts/{account}}, query parameters, a body, and
 * whether repeating it is safe. Only reads and idempotent writes may be {@code retryable}; anything
 * else is sent at most once past the network (a lost answer is reported as unknown, not resent).
 *
 * @param service   the Cloudflare product ({@code d1}, {@code kv}, {@code queues}), for metrics
 * @param operation what the call does ({@code query}, {@code get}, {@code pull}…), for metrics
 */
public record CloudflareRequest(String service, String operation, String method, String path,
                                Map<String, String> query, byte[] body, String contentType, boolean retryable) {
    public CloudflareRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("paths start with /");
        }
        query = Map.copyOf(new LinkedHashMap<>(query));
        body = body == null ? null : body.clone();
    }

    public static CloudflareRequest get(String service, String operation, String path, boolean retryable) {
        return new CloudflareRequest(service, operation, "GET", path, Map.of(), null, null, retryable);
    }

    public static CloudflareRequest json(String service, String operation, String method, String path, byte[] json,
                                         boolean retryable) {
        return new CloudflareRequest(service, operation, method, path, Map.of(), json, "application/json", retryable);
    }

    public CloudflareRequest withQuery(Map<String, String> parameters) {
        return new CloudflareRequest(service, operation, method, path, parameters, body, contentType, retryable);
    }
}
