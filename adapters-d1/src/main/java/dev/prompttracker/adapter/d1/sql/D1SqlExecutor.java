package dev.prompttracker.adapter.d1.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prompttracker.cloudflare.CloudflareClient;
import dev.prompttracker.cloudflare.CloudflareException;
import dev.prompttracker.cloudflare.CloudflareRequest;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.Unavailable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cloudflare D1 behind the SQL seam, over its HTTP API: one {@code /query} call per unit of work,
 * the {@code batch} form for several statements (D1 runs a batch as one transaction and refuses
 * {@code BEGIN}/{@code COMMIT}). Reads may be retried on transient failures; writes are sent once
 * and a lost answer is reported as {@code Unavailable}, because a write may have committed (the
 * repositories make the writes that matter idempotent or conditional). Values follow D1's JSON
 * mapping: integers only within ±2^53, finite numbers, no binary.
 */
public final class D1SqlExecutor implements SqlExecutor {
    static final int MAX_STATEMENT_BYTES = 100_000;
    static final int MAX_PARAMETERS = 100;
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final Pattern TRANSACTION_SQL = Pattern.compile("(?is)^\\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\\b");

    private final CloudflareClient client;
    private final String path;

    public D1SqlExecutor(CloudflareClient client, String databaseId) {
        this.client = client;
        this.path = "/d1/database/" + databaseId + "/query";
    }

    @Override
    public List<SqlResult> read(List<SqlStatement> statements) {
        return call(statements, true);
    }

    @Override
    public List<SqlResult> write(List<SqlStatement> statements) {
        return call(statements, false);
    }

    @Override
    public void executeScript(String script) {
        String sql = script.replace("\r\n", "\n");
        if (sql.getBytes(StandardCharsets.UTF_8).length > MAX_STATEMENT_BYTES) {
            throw new IllegalArgumentException("a D1 script is at most 100 KB; split the migration");
        }
        ObjectNode body = CloudflareClient.json().createObjectNode().put("sql", sql);
        send(body, false, 0);
    }

    private List<SqlResult> call(List<SqlStatement> statements, boolean read) {
        if (statements.isEmpty()) {
            return List.of();
        }
        ObjectNode body = CloudflareClient.json().createObjectNode();
        if (statements.size() == 1) {
            fill(body, statements.getFirst());
        } else {
            ArrayNode batch = body.putArray("batch");
            statements.forEach(statement -> fill(batch.addObject(), statement));
        }
        return send(body, read, statements.size());
    }

    private List<SqlResult> send(ObjectNode body, boolean read, int expected) {
        JsonNode result;
        try {
            byte[] json = CloudflareClient.json().writeValueAsBytes(body);
            result = client.send(CloudflareRequest.json("d1", read ? "read" : "write", "POST", path, json, read)).result();
        } catch (CloudflareException.ApiError e) {
            throw translate(e);
        } catch (CloudflareException.RateLimited e) {
            throw new RateLimited("the metadata store is rate limited; try again later", e.retryAfter());
        } catch (CloudflareException.Unavailable e) {
            throw new Unavailable("the metadata store (D1) did not answer: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("a D1 request always serialises", e);
        }
        List<SqlResult> results = new ArrayList<>();
        if (result != null && result.isArray()) {
            for (JsonNode item : result) {
                if (!item.path("success").asBoolean(true)) {
                    throw new IllegalStateException("D1 reported a failed statement in a successful call");
                }
                results.add(new SqlResult(rows(item.path("results")), item.path("meta").path("changes").asLong(0)));
            }
        }
        if (expected > 0 && results.size() != expected) {
            throw new Unavailable("D1 answered " + results.size() + " results for " + expected + " statements", null);
        }
        return results;
    }

    private static void fill(ObjectNode target, SqlStatement statement) {
        if (TRANSACTION_SQL.matcher(statement.sql()).find()) {
            throw new IllegalArgumentException("D1 refuses BEGIN/COMMIT: send the statements as one batch instead");
        }
        if (statement.sql().getBytes(StandardCharsets.UTF_8).length > MAX_STATEMENT_BYTES) {
            throw new IllegalArgumentException("a D1 statement is at most 100 KB");
        }
        if (statement.params().size() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("a D1 statement binds at most 100 parameters; chunk multi-row writes");
        }
        target.put("sql", statement.sql());
        ArrayNode params = target.putArray("params");
        for (Object param : statement.params()) {
            switch (param) {
                case null -> params.addNull();
                case Long number -> {
                    if (Math.abs(number) > MAX_SAFE_INTEGER) {
                        throw new IllegalArgumentException("D1 carries integers only up to ±2^53 exactly");
                    }
                    params.add(number);
                }
                case Double number -> params.add(number);
                case String text -> params.add(text);
                default -> throw new IllegalArgumentException("unsupported D1 parameter " + param.getClass());
            }
        }
    }

    private static List<SqlRow> rows(JsonNode results) {
        List<SqlRow> rows = new ArrayList<>();
        for (JsonNode row : results) {
            Map<String, Object> values = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                values.put(field.getKey().toLowerCase(Locale.ROOT), value(field.getValue()));
            }
            rows.add(new SqlRow(values));
        }
        return rows;
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            double value = node.asDouble();
            return value == Math.rint(value) && Math.abs(value) <= MAX_SAFE_INTEGER ? (Object) (long) value : value;
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? 1L : 0L;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        throw new IllegalStateException("unexpected D1 value of type " + node.getNodeType());
    }

    private static RuntimeException translate(CloudflareException.ApiError e) {
        String message = e.messages();
        String lower = message.toLowerCase(Locale.ROOT);
        if (e.hasCode(7500) && lower.contains("constraint failed")) {
            return new SqlConstraintViolation(SqlConstraintViolation.Kind.fromMessage(message), message, e);
        }
        if (lower.contains("daily row") || lower.contains("exceeded")) {
            return new Unavailable("the metadata store's quota is used up", e);
        }
        if (e.hasCode(7404)) {
            return new Unavailable("the D1 database does not exist (check D1_DATABASE_ID)", e);
        }
        if (e.status() == 401 || e.status() == 403) {
            return new Unavailable("Cloudflare refused the API token for D1", e);
        }
        // Anything else is SQL this program should not have sent.
        return new IllegalStateException("D1 refused a statement: " + message, e);
    }

    @Override
    public void close() {
        // Nothing held: the HTTP client is shared and closed with the process.
    }
}
