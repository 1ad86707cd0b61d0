package dev.prompttracker.adapter.d1.sql;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import java.util.Arrays;

/**
 * Builds SQL with jOOQ (SQLite dialect) and renders it to the seam's form without a connection:
 * indexed {@code ?} placeholders plus bind values, valid on local SQLite and on D1 alike.
 */
public final class SqlRenderer {
    private final DSLContext dsl = DSL.using(SQLDialect.SQLITE, new Settings()
            .withRenderSchema(false)
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withParamType(ParamType.INDEXED)
            .withRenderFormatted(false));

    public DSLContext dsl() {
        return dsl;
    }

    public SqlStatement statement(Query query) {
        return new SqlStatement(dsl.render(query), query.getBindValues());
    }

    /** An insert of one row into these columns, its values bound in the columns' order. */
    public SqlTemplate insertTemplate(Table<?> table, Field<?>... columns) {
        Field<?>[] placeholders = Arrays.stream(columns).map(column -> DSL.param(column.getName(), column))
                .toArray(Field<?>[]::new);
        return template(dsl.insertInto(table).columns(columns).values(placeholders));
    }

    /** The query's text, to bind again on every call; its values stand in for placeholders only. */
    public SqlTemplate template(Query query) {
        return new SqlTemplate(dsl.render(query), query.getBindValues().size());
    }
}
