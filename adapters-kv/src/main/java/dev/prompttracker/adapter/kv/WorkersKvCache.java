package dev.prompttracker.adapter.kv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.prompttracker.application.port.out.Cache;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareException;
import dev.prompttracker.cloudflare.CloudflareRequest;
import dev.prompttracker.cloudflare.CloudflareResponse;
import dev.prompttracker.domain.error.Unavailable;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The cache in Workers KV through the REST API. KV is eventually consistent (a write may take a
 * minute to be seen elsewhere) and every call spends the account's API budget, so it suits shared,
 * read-mostly values; request-rate limits stay in process. KV refuses expiries under 60 seconds:
 * shorter TTLs are rounded up to 60.
 */
public final class WorkersKvCache implements Cache {
    public static final Duration MIN_TTL = Duration.ofSeconds(60);
    private static final int MAX_KEY_BYTES = 512;
    private static final int MAX_METADATA_BYTES = 1024;
    private static final int MAX_BULK = 10_000;

    private final CloudflareClient client;
    private final String base;

    public WorkersKvCache(CloudflareClient client, String namespaceId) {
        this.client = client;
        this.base = "/storage/kv/namespaces/" + namespaceId;
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return client.sendRaw(CloudflareRequest.get("kv", "get", valuePath(key), true))
                    .map(response -> new String(response.body(), StandardCharsets.UTF_8));
        } catch (CloudflareException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        put(key, value, ttl, Optional.empty());
    }

    /** A value with metadata (a JSON object of at most 1024 bytes), sent as KV's multipart form. */
    public void put(String key, String value, Duration ttl, Optional<JsonNode> metadata) {
        Map<String, String> query = Map.of("expiration_ttl", Long.toString(ttlSeconds(ttl)));
        CloudflareRequest request;
        if (metadata.isEmpty()) {
            request = new CloudflareRequest("kv", "put", "PUT", valuePath(key), query,
                    value.getBytes(StandardCharsets.UTF_8), "application/octet-stream", true);
        } else {
            byte[] json = metadata.get().toString().getBytes(StandardCharsets.UTF_8);
            if (json.length > MAX_METADATA_BYTES) {
                throw new IllegalArgumentException("KV metadata is at most 1024 bytes of JSON");
            }
            String boundary = "kv-" + UUID.randomUUID();
            request = new CloudflareRequest("kv", "put", "PUT", valuePath(key), query,
                    multipart(boundary, value.getBytes(StandardCharsets.UTF_8), json),
                    "multipart/form-data; boundary=" + boundary, true);
        }
        send(request);
    }

    @Override
    public void invalidate(String key) {
        send(new CloudflareRequest("kv", "delete", "DELETE", valuePath(key), Map.of(), null, null, true));
    }

    /** The metadata stored with a key, if any. */
    public Optional<JsonNode> metadata(String key) {
        try {
            JsonNode result = client.send(CloudflareRequest.get("kv", "metadata", base + "/metadata/" + encode(key), true))
                    .result();
            return result == null || result.isNull() ? Optional.empty() : Optional.of(result);
        } catch (CloudflareException.ApiError e) {
            if (e.hasCode(10009)) {
                return Optional.empty();
            }
            throw unavailable(e);
        } catch (CloudflareException e) {
            throw unavailable(e);
        }
    }

    /** Writes many values in one call (at most 10 000 per call; more are split); returns keys KV did not take. */
    public List<String> putAll(Map<String, String> values, Duration ttl) {
        List<String> unsuccessful = new ArrayList<>();
        List<Map.Entry<String, String>> entries = new ArrayList<>(values.entrySet());
        for (int start = 0; start < entries.size(); start += MAX_BULK) {
            ArrayNode body = CloudflareClient.json().createArrayNode();
            for (Map.Entry<String, String> entry : entries.subList(start, Math.min(entries.size(), start + MAX_BULK))) {
                checkKey(entry.getKey());
                body.addObject().put("key", entry.getKey()).put("value", entry.getValue())
                        .put("expiration_ttl", ttlSeconds(ttl));
            }
            JsonNode result = send(CloudflareRequest.json("kv", "bulk-put", "PUT", base + "/bulk", bytes(body), true))
                    .result();
            result.path("unsuccessful_keys").forEach(key -> unsuccessful.add(key.asText()));
        }
        return unsuccessful;
    }

    /** Every key under {@code prefix}, following KV's cursors page by page. */
    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        String cursor = "";
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("prefix", prefix);
            query.put("limit", "1000");
            if (!cursor.isEmpty()) {
                query.put("cursor", cursor);
            }
            CloudflareResponse page = send(CloudflareRequest.get("kv", "keys", base + "/keys", true).withQuery(query));
            page.result().forEach(key -> keys.add(key.path("name").asText()));
            cursor = resultInfo(page).path("cursor").asText("");
        } while (!cursor.isEmpty());
        return keys;
    }

    /** KV's minimum: expiries under 60 s are rounded up to 60 s. */
    static long ttlSeconds(Duration ttl) {
        return Math.max(MIN_TTL.toSeconds(), (ttl.toMillis() + 999) / 1000);
    }

    private String valuePath(String key) {
        checkKey(key);
        return base + "/values/" + encode(key);
    }

    private static void checkKey(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_KEY_BYTES || key.equals(".") || key.equals("..")) {
            throw new IllegalArgumentException("KV keys are 1 to 512 bytes and not . or ..");
        }
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private CloudflareResponse send(CloudflareRequest request) {
        try {
            return client.send(request);
        } catch (CloudflareException e) {
            throw unavailable(e);
        }
    }

    private static JsonNode resultInfo(CloudflareResponse response) {
        try {
            return CloudflareClient.json().readTree(response.body()).path("result_info");
        } catch (IOException e) {
            return CloudflareClient.json().createObjectNode();
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] multipart(String boundary, byte[] value, byte[] metadata) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\n";
        String middle = "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value);
        out.writeBytes(middle.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(metadata);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static Unavailable unavailable(CloudflareException e) {
        return new Unavailable("the shared cache (Workers KV) failed: " + e.getMessage(), e);
    }
}
