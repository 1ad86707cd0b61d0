package dev.prompttracker.cloudflare.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workers KV's REST shapes over maps: values (raw bytes out, an {@code expiration} header),
 * metadata through multipart, bulk write/delete/get, cursor-paged key listing, and the
 * {@code expiration_ttl} rule (at least 60 s, code 10016). Expiry follows the given clock.
 */
public final class KvStandIn {
    private static final Pattern PATH = Pattern.compile("^/storage/kv/namespaces/([^/]+)/(values|metadata)/(.+)$");
    private static final Pattern NAMESPACE = Pattern.compile("^/storage/kv/namespaces/([^/]+)/(bulk|bulk/delete|bulk/get|keys)$");
    private static final int MAX_KEY_BYTES = 512;

    private record Entry(byte[] value, Long expiration, String metadata) {
    }

    private final Clock clock;
    private final Map<String, TreeMap<String, Entry>> namespaces = new HashMap<>();

    KvStandIn(Clock clock) {
        this.clock = clock;
    }

    public synchronized void create(String namespaceId) {
        namespaces.putIfAbsent(namespaceId, new TreeMap<>());
    }

    synchronized CloudflareStandIn.Reply handle(String method, String path, Map<String, String> query, byte[] body,
                                                String contentType) {
        Matcher value = PATH.matcher(path);
        if (value.matches()) {
            TreeMap<String, Entry> namespace = namespaces.get(value.group(1));
            if (namespace == null) {
                return CloudflareStandIn.Reply.error(404, 10013, "namespace not found");
            }
            String key = URLDecoder.decode(value.group(3), StandardCharsets.UTF_8);
            if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                return CloudflareStandIn.Reply.error(414, 10033, "key exceeds 512 bytes");
            }
            return value.group(2).equals("metadata") ? metadata(namespace, key)
                    : values(namespace, method, key, query, body, contentType);
        }
        Matcher bulk = NAMESPACE.matcher(path);
        if (bulk.matches()) {
            TreeMap<String, Entry> namespace = namespaces.get(bulk.group(1));
            if (namespace == null) {
                return CloudflareStandIn.Reply.error(404, 10013, "namespace not found");
            }
            return switch (bulk.group(2)) {
                case "bulk" -> bulkWrite(namespace, body);
                case "bulk/delete" -> bulkDelete(namespace, body);
                case "bulk/get" -> bulkGet(namespace, body);
                default -> keys(namespace, query);
            };
        }
        return CloudflareStandIn.Reply.error(404, 7003, "No route for the URI");
    }

    private CloudflareStandIn.Reply values(TreeMap<String, Entry> namespace, String method, String key,
                                           Map<String, String> query, byte[] body, String contentType) {
        switch (method) {
            case "GET" -> {
                Entry entry = live(namespace, key);
                if (entry == null) {
                    return CloudflareStandIn.Reply.error(404, 10009, "get: 'key not found'");
                }
                return CloudflareStandIn.Reply.raw(entry.value(), entry.expiration() == null ? Map.of()
                        : Map.of("expiration", Long.toString(entry.expiration())));
            }
            case "DELETE" -> {
                namespace.remove(key);
                return CloudflareStandIn.Reply.ok(null);
            }
            case "PUT" -> {
                Long expiration;
                try {
                    expiration = expiration(query.get("expiration"), query.get("expiration_ttl"));
                } catch (IllegalArgumentException e) {
                    return CloudflareStandIn.Reply.error(400, 10016, e.getMessage());
                }
                byte[] value = body;
                String metadata = null;
                if (contentType.startsWith("multipart/form-data")) {
                    Map<String, byte[]> parts = Multipart.parse(contentType, body);
                    value = parts.getOrDefault("value", new byte[0]);
                    metadata = parts.containsKey("metadata") ? new String(parts.get("metadata"), StandardCharsets.UTF_8) : null;
                    if (metadata != null && metadata.getBytes(StandardCharsets.UTF_8).length > 1024) {
                        return CloudflareStandIn.Reply.error(413, 10023, "metadata exceeds 1024 bytes");
                    }
                }
                namespace.put(key, new Entry(value, expiration, metadata));
                return CloudflareStandIn.Reply.ok(null);
            }
            default -> {
                return CloudflareStandIn.Reply.error(405, 10000, "method not allowed");
            }
        }
    }

    private CloudflareStandIn.Reply metadata(TreeMap<String, Entry> namespace, String key) {
        Entry entry = live(namespace, key);
        if (entry == null) {
            return CloudflareStandIn.Reply.error(404, 10009, "get: 'key not found'");
        }
        try {
            return CloudflareStandIn.Reply.ok(entry.metadata() == null ? null
                    : CloudflareStandIn.JSON.readTree(entry.metadata()));
        } catch (IOException e) {
            return CloudflareStandIn.Reply.ok(null);
        }
    }

    private CloudflareStandIn.Reply bulkWrite(TreeMap<String, Entry> namespace, byte[] body) {
        try {
            JsonNode pairs = CloudflareStandIn.JSON.readTree(body);
            if (!pairs.isArray() || pairs.size() > 10_000) {
                return CloudflareStandIn.Reply.error(400, 10012, "bulk writes take an array of at most 10000 pairs");
            }
            Map<String, Entry> staged = new HashMap<>();
            for (JsonNode pair : pairs) {
                Long expiration = expiration(text(pair, "expiration"), text(pair, "expiration_ttl"));
                byte[] value = pair.path("base64").asBoolean(false)
                        ? Base64.getDecoder().decode(pair.path("value").asText())
                        : pair.path("value").asText().getBytes(StandardCharsets.UTF_8);
                staged.put(pair.path("key").asText(), new Entry(value, expiration,
                        pair.has("metadata") ? pair.get("metadata").toString() : null));
            }
            namespace.putAll(staged);
            ObjectNode result = CloudflareStandIn.JSON.createObjectNode().put("successful_key_count", staged.size());
            result.putArray("unsuccessful_keys");
            return CloudflareStandIn.Reply.ok(result);
        } catch (IllegalArgumentException e) {
            return CloudflareStandIn.Reply.error(400, 10016, e.getMessage());
        } catch (IOException e) {
            return CloudflareStandIn.Reply.error(400, 10012, "malformed JSON");
        }
    }

    private CloudflareStandIn.Reply bulkDelete(TreeMap<String, Entry> namespace, byte[] body) {
        try {
            JsonNode keys = CloudflareStandIn.JSON.readTree(body);
            keys.forEach(key -> namespace.remove(key.asText()));
            ObjectNode result = CloudflareStandIn.JSON.createObjectNode().put("successful_key_count", keys.size());
            result.putArray("unsuccessful_keys");
            return CloudflareStandIn.Reply.ok(result);
        } catch (IOException e) {
            return CloudflareStandIn.Reply.error(400, 10012, "malformed JSON");
        }
    }

    private CloudflareStandIn.Reply bulkGet(TreeMap<String, Entry> namespace, byte[] body) {
        try {
            JsonNode request = CloudflareStandIn.JSON.readTree(body);
            if (request.path("keys").size() > 100) {
                return CloudflareStandIn.Reply.error(400, 10012, "at most 100 keys");
            }
            ObjectNode values = CloudflareStandIn.JSON.createObjectNode();
            for (JsonNode key : request.path("keys")) {
                Entry entry = live(namespace, key.asText());
                if (entry == null) {
                    values.putNull(key.asText());
                } else {
                    values.put(key.asText(), new String(entry.value(), StandardCharsets.UTF_8));
                }
            }
            ObjectNode result = CloudflareStandIn.JSON.createObjectNode();
            result.set("values", values);
            return CloudflareStandIn.Reply.ok(result);
        } catch (IOException e) {
            return CloudflareStandIn.Reply.error(400, 10012, "malformed JSON");
        }
    }

    private CloudflareStandIn.Reply keys(TreeMap<String, Entry> namespace, Map<String, String> query) {
        int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
        if (limit < 10 || limit > 1000) {
            return CloudflareStandIn.Reply.error(400, 10032, "limit must be between 10 and 1000");
        }
        String prefix = query.getOrDefault("prefix", "");
        String after = query.containsKey("cursor") && !query.get("cursor").isEmpty()
                ? new String(Base64.getUrlDecoder().decode(query.get("cursor")), StandardCharsets.UTF_8) : null;
        ArrayNode result = CloudflareStandIn.JSON.createArrayNode();
        String last = null;
        boolean more = false;
        for (Map.Entry<String, Entry> entry : (after == null ? namespace : namespace.tailMap(after, false)).entrySet()) {
            if (!entry.getKey().startsWith(prefix) || live(namespace, entry.getKey()) == null) {
                continue;
            }
            if (result.size() == limit) {
                more = true;
                break;
            }
            ObjectNode key = result.addObject().put("name", entry.getKey());
            if (entry.getValue().expiration() != null) {
                key.put("expiration", entry.getValue().expiration());
            }
            last = entry.getKey();
        }
        ObjectNode info = CloudflareStandIn.JSON.createObjectNode().put("count", result.size())
                .put("cursor", more ? Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)) : "");
        return CloudflareStandIn.Reply.ok(result, info);
    }

    private Entry live(TreeMap<String, Entry> namespace, String key) {
        Entry entry = namespace.get(key);
        if (entry != null && entry.expiration() != null && clock.instant().getEpochSecond() >= entry.expiration()) {
            namespace.remove(key);
            return null;
        }
        return entry;
    }

    /** KV refuses expirations less than 60 s ahead; when both are given, expiration_ttl wins. */
    private Long expiration(String absolute, String ttl) {
        long now = clock.instant().getEpochSecond();
        if (ttl != null) {
            long seconds = Long.parseLong(ttl);
            if (seconds < 60) {
                throw new IllegalArgumentException("Invalid expiration_ttl of " + seconds
                        + ". Expiration TTL must be at least 60.");
            }
            return now + seconds;
        }
        if (absolute != null) {
            long at = Long.parseLong(absolute);
            if (at < now + 60) {
                throw new IllegalArgumentException("Invalid expiration of " + at
                        + ". Expiration times must be at least 60 seconds in the future.");
            }
            return at;
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull() ? node.get(field).asText() : null;
    }

    public synchronized int size(String namespaceId) {
        TreeMap<String, Entry> namespace = namespaces.get(namespaceId);
        return namespace == null ? 0 : namespace.size();
    }
}
