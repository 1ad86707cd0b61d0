package dev.prompttracker.cloudflare.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * D1's HTTP API over SQLite files: {@code {sql, params}} or {@code {batch:[…]}} run as one
 * transaction (a batch is atomic, as D1's is); SQL errors answer 400 with code 7500 and SQLite's
 * message; {@code BEGIN}/{@code COMMIT} are refused like D1 refuses them; an unknown database is 7404.
 */
public final class D1StandIn {
    private static final Pattern PATH = Pattern.compile("^/d1/database/([^/]+)/(query|raw)$");
    private static final Pattern TRANSACTION_SQL = Pattern.compile("(?is)^\\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\\b");
    private static final Pattern SQLITE_MESSAGE = Pattern.compile("\\((.*)\\)\\s*$", Pattern.DOTALL);

    private final Path folder;
    private final Map<String, Connection> databases = new HashMap<>();

    D1StandIn(Path folder) {
        this.folder = folder;
    }

    /** Makes a database with this id exist (D1 databases are created ahead, in the dashboard or by wrangler). */
    public synchronized void create(String databaseId) {
        connection(databaseId, true);
    }

    synchronized CloudflareStandIn.Reply handle(String method, String path, byte[] body) {
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches() || !method.equals("POST")) {
            return CloudflareStandIn.Reply.error(404, 7003, "No route for the URI");
        }
        Connection db = connection(matcher.group(1), false);
        if (db == null) {
            return CloudflareStandIn.Reply.error(404, 7404, "The database " + matcher.group(1) + " could not be found");
        }
        boolean raw = matcher.group(2).equals("raw");
        JsonNode request;
        try {
            request = CloudflareStandIn.JSON.readTree(body);
        } catch (IOException e) {
            return CloudflareStandIn.Reply.error(400, 7400, "The request is malformed: invalid JSON");
        }
        List<JsonNode> statements = new ArrayList<>();
        if (request.has("batch")) {
            request.get("batch").forEach(statements::add);
        } else if (request.has("sql")) {
            statements.add(request);
        } else {
            return CloudflareStandIn.Reply.error(400, 7400, "The request is malformed: sql is required");
        }
        ArrayNode results = CloudflareStandIn.JSON.createArrayNode();
        try {
            db.setAutoCommit(false);
            for (JsonNode statement : statements) {
                results.add(run(db, statement.path("sql").asText(), statement.path("params"), raw));
            }
            db.commit();
            return CloudflareStandIn.Reply.ok(results);
        } catch (SQLException e) {
            rollback(db);
            return CloudflareStandIn.Reply.error(400, 7500, d1Message(e));
        } catch (IllegalArgumentException e) {
            rollback(db);
            return CloudflareStandIn.Reply.error(400, 7500, e.getMessage());
        }
    }

    private static ObjectNode run(Connection db, String sql, JsonNode params, boolean raw) throws SQLException {
        if (TRANSACTION_SQL.matcher(sql).find()) {
            throw new IllegalArgumentException("To execute a transaction, please use the state.storage.transaction() or "
                    + "state.storage.transactionSync() APIs instead of the SQL BEGIN TRANSACTION or SAVEPOINT statements.");
        }
        if (params.size() > 100) {
            throw new IllegalArgumentException("too many SQL variables: SQLITE_ERROR");
        }
        if (sql.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 100_000) {
            throw new IllegalArgumentException("statement too long: SQLITE_TOOBIG");
        }
        long before = totalChanges(db);
        ObjectNode result = CloudflareStandIn.JSON.createObjectNode().put("success", true);
        if (params.isEmpty() && sql.strip().replaceAll(";\\s*$", "").contains(";")) {
            try (Statement script = db.createStatement()) {
                script.executeUpdate(sql.replace("\r\n", "\n"));
            }
            result.set("results", raw ? rawResults(List.of(), List.of()) : CloudflareStandIn.JSON.createArrayNode());
        } else {
            try (PreparedStatement prepared = db.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    prepared.setObject(i + 1, value(params.get(i)));
                }
                List<String> columns = new ArrayList<>();
                List<List<Object>> rows = new ArrayList<>();
                if (prepared.execute()) {
                    try (ResultSet set = prepared.getResultSet()) {
                        ResultSetMetaData meta = set.getMetaData();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            columns.add(meta.getColumnLabel(c));
                        }
                        while (set.next()) {
                            List<Object> row = new ArrayList<>();
                            for (int c = 1; c <= columns.size(); c++) {
                                row.add(set.getObject(c));
                            }
                            rows.add(row);
                        }
                    }
                }
                result.set("results", raw ? rawResults(columns, rows) : objectResults(columns, rows));
            }
        }
        long changes = totalChanges(db) - before;
        result.putObject("meta").put("changes", changes).put("changed_db", changes > 0).put("duration", 0.1)
                .put("rows_read", 0).put("rows_written", changes).put("served_by_region", "WEUR");
        return result;
    }

    private static Object value(JsonNode param) {
        if (param == null || param.isNull()) {
            return null;
        }
        if (param.isBoolean()) {
            return param.asBoolean() ? 1L : 0L;
        }
        if (param.isIntegralNumber()) {
            return param.asLong();
        }
        if (param.isNumber()) {
            return param.asDouble();
        }
        if (param.isTextual()) {
            return param.asText();
        }
        throw new IllegalArgumentException("D1_TYPE_ERROR: Type '" + param.getNodeType() + "' not supported for value");
    }

    private static JsonNode objectResults(List<String> columns, List<List<Object>> rows) {
        ArrayNode array = CloudflareStandIn.JSON.createArrayNode();
        for (List<Object> row : rows) {
            ObjectNode object = array.addObject();
            for (int c = 0; c < columns.size(); c++) {
                object.set(columns.get(c), CloudflareStandIn.JSON.valueToTree(row.get(c)));
            }
        }
        return array;
    }

    private static JsonNode rawResults(List<String> columns, List<List<Object>> rows) {
        ObjectNode results = CloudflareStandIn.JSON.createObjectNode();
        ArrayNode names = results.putArray("columns");
        columns.forEach(names::add);
        ArrayNode values = results.putArray("rows");
        rows.forEach(row -> values.add(CloudflareStandIn.JSON.valueToTree(row)));
        return results;
    }

    private static long totalChanges(Connection db) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("SELECT total_changes()")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** SQLite's own wording, the way D1 reports it: {@code UNIQUE constraint failed: users.email: SQLITE_CONSTRAINT}. */
    private static String d1Message(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher inner = SQLITE_MESSAGE.matcher(message);
        String text = inner.find() ? inner.group(1) : message;
        String code = message.toUpperCase(Locale.ROOT).contains("CONSTRAINT") ? "SQLITE_CONSTRAINT" : "SQLITE_ERROR";
        return text + ": " + code;
    }

    private Connection connection(String databaseId, boolean create) {
        Connection existing = databases.get(databaseId);
        if (existing != null || !create) {
            return existing;
        }
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("d1-" + databaseId + ".sqlite"));
            try (Statement pragma = db.createStatement()) {
                pragma.execute("PRAGMA foreign_keys = ON");
            }
            databases.put(databaseId, db);
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rollback(Connection db) {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // The error answer is what matters.
        }
    }

    synchronized void close() {
        databases.values().forEach(db -> {
            try {
                db.close();
            } catch (SQLException ignored) {
                // shutting down
            }
        });
    }
}
