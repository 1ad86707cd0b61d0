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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Cloudflare D1 behind the SQL seam, over HTTP (the REST API or the gateway Worker): one
 * {@code /query} call per unit of work, the {@code batch} form for several statements (D1 runs a batch
 * as one transaction and refuses {@code BEGIN}/{@code COMMIT}). Reads are retried on transient
 * failures. So are writes: each batch starts with a receipt (migration 0008) whose id stays the same
 * across attempts, so an attempt after one that committed unseen fails on the receipt and changes
 * nothing; the write is then known to be made, and its answer is rebuilt from the receipt (which
 * notes each statement's changed-row count) and by running its queries again.
 * Values follow D1's JSON mapping: integers only within ±2^53, finite numbers, no binary.
 */
public final class D1SqlExecutor implements SqlExecutor {
    static final int MAX_STATEMENT_BYTES = 100_000;
    static final int MAX_PARAMETERS = 100;
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final Pattern TRANSACTION_SQL = Pattern.compile("(?is)^\\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\\b");

    /** Receipts are kept this long: far past the last retry of the write they mark. */
    static final Duration RECEIPT_RETENTION = Duration.ofHours(1);
    /** One write in this many also deletes expired receipts, a bounded number at a time. */
    private static final int PURGE_EVERY = 64;
    private static final int PURGE_BATCH = 200;
    private static final String RECEIPT = "insert into write_receipts (id, written_at) values (?, ?)";
    private static final String NOTE_CHANGES = "update write_receipts set outcome = coalesce(outcome || ',', '') "
            + "|| changes() where id = ?";
    private static final Pattern QUERY_SQL = Pattern.compile("(?is)^\\s*select\\b");
    private static final Pattern RETURNING = Pattern.compile("(?i)\\breturning\\b");
    private static final String PURGE = "delete from write_receipts where rowid in (select rowid from write_receipts "
            + "where written_at < ? order by rowid limit " + PURGE_BATCH + ")";

    private final CloudflareClient client;
    private final String path;
    private final Clock clock;
    private final AtomicLong writes = new AtomicLong();
    /** Whether migration 0008 is applied; writes before it (the migrations' own) carry no receipt. */
    private volatile boolean receipts;

    public D1SqlExecutor(CloudflareClient client, String databaseId) {
        this.client = client;
        this.path = "/d1/database/" + databaseId + "/query";
        this.clock = client.clock();
    }

    @Override
    public List<SqlResult> read(List<SqlStatement> statements) {
        return call(statements, true, true);
    }

    @Override
    public List<SqlResult> write(List<SqlStatement> statements) {
        if (statements.isEmpty() || !receiptsExist()) {
            return call(statements, false, false);
        }
        long now = clock.millis();
        String receipt = UUID.randomUUID().toString();
        // The receipt goes first, so an attempt after one that committed stops at it, before any other
        // statement; after each write its count of changed rows is noted on the receipt, for a lost answer.
        List<SqlStatement> marked = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        marked.add(SqlStatement.of(RECEIPT, receipt, now));
        for (SqlStatement statement : statements) {
            positions.add(marked.size());
            marked.add(statement);
            if (!isQuery(statement)) {
                marked.add(SqlStatement.of(NOTE_CHANGES, receipt));
            }
        }
        if (writes.incrementAndGet() % PURGE_EVERY == 0) {
            marked.add(SqlStatement.of(PURGE, now - RECEIPT_RETENTION.toMillis()));
        }
        List<SqlResult> results;
        try {
            results = call(marked, false, true);
        } catch (SqlConstraintViolation violation) {
            if (violation.getMessage() != null && violation.getMessage().contains("write_receipts.id")) {
                return recover(receipt, statements);
            }
            throw violation;
        }
        return positions.stream().map(results::get).toList();
    }

    /**
     * An earlier attempt of this very batch committed and its answer never arrived: the changed-row
     * counts come from the receipt, and the queries are run again: that answers a query after which no
     * statement of the batch changed a row (a read-back at its end). The rows of a query that saw the
     * batch half-made, and of a {@code RETURNING} clause, cannot be had again: reading them is
     * {@link Unavailable}.
     */
    private List<SqlResult> recover(String receipt, List<SqlStatement> statements) {
        List<SqlStatement> reads = new ArrayList<>();
        reads.add(SqlStatement.of("select outcome from write_receipts where id = ?", receipt));
        statements.stream().filter(D1SqlExecutor::isQuery).forEach(reads::add);
        List<SqlResult> answers;
        try {
            answers = call(reads, true, true);
        } catch (Unavailable unanswered) {
            throw new Unavailable(SqlResult.LOST, unanswered);
        }
        String outcome = answers.getFirst().firstRow().map(row -> row.text("outcome")).orElse(null);
        long[] changes = outcome == null ? new long[0]
                : Arrays.stream(outcome.split(",")).mapToLong(Long::parseLong).toArray();
        long writes = statements.stream().filter(statement -> !isQuery(statement)).count();
        if (writes != changes.length) {
            throw new IllegalStateException("a write receipt noted " + changes.length + " counts for " + writes + " writes");
        }
        List<SqlResult> results = new ArrayList<>();
        int write = 0;
        int query = 1;
        for (SqlStatement statement : statements) {
            if (isQuery(statement)) {
                // Run again now, it sees what the batch left: the same answer only if nothing after it changed a row.
                boolean changedAfter = Arrays.stream(changes, write, changes.length).anyMatch(n -> n > 0);
                SqlResult again = answers.get(query++);
                results.add(changedAfter ? SqlResult.rowsLost(0) : again);
            } else {
                long changed = changes[write++];
                // A RETURNING statement that changed nothing returned nothing: only rows that were are lost.
                results.add(changed > 0 && RETURNING.matcher(statement.sql()).find() ? SqlResult.rowsLost(changed)
                        : new SqlResult(List.of(), changed));
            }
        }
        return results;
    }

    private static boolean isQuery(SqlStatement statement) {
        return QUERY_SQL.matcher(statement.sql()).find();
    }

    private boolean receiptsExist() {
        if (!receipts) {
            receipts = !call(List.of(SqlStatement.of(
                    "select 1 from sqlite_master where type = 'table' and name = 'write_receipts'")), true, true)
                    .getFirst().rows().isEmpty();
        }
        return receipts;
    }

    @Override
    public void executeScript(String script) {
        String sql = script.replace("\r\n", "\n");
        if (sql.getBytes(StandardCharsets.UTF_8).length > MAX_STATEMENT_BYTES) {
            throw new IllegalArgumentException("a D1 script is at most 100 KB; split the migration");
        }
        ObjectNode body = CloudflareClient.json().createObjectNode().put("sql", sql);
        send(body, false, false, 0);
    }

    /** {@code retryable}: a read, or a write made safe to send again by its receipt. */
    private List<SqlResult> call(List<SqlStatement> statements, boolean read, boolean retryable) {
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
        return send(body, read, retryable, statements.size());
    }

    private List<SqlResult> send(ObjectNode body, boolean read, boolean retryable, int expected) {
        JsonNode result;
        try {
            byte[] json = CloudflareClient.json().writeValueAsBytes(body);
            result = client.send(CloudflareRequest.json("d1", read ? "read" : "write", "POST", path, json, retryable))
                    .result();
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
        long rowsRead = 0;
        long rowsWritten = 0;
        double sqlMillis = 0;
        if (result != null && result.isArray()) {
            for (JsonNode item : result) {
                if (!item.path("success").asBoolean(true)) {
                    throw new IllegalStateException("D1 reported a failed statement in a successful call");
                }
                JsonNode meta = item.path("meta");
                results.add(new SqlResult(rows(item.path("results")), meta.path("changes").asLong(0)));
                rowsRead += meta.path("rows_read").asLong(0);
                rowsWritten += meta.path("rows_written").asLong(0);
                sqlMillis += meta.path("duration").asDouble(0);
            }
        }
        client.listener().onD1Rows(rowsRead, rowsWritten);
        client.listener().onD1Time(sqlMillis);
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
