package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.port.out.CollectionRepository;
import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionDescription;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionItem;
import dev.prompttracker.domain.collection.CollectionName;
import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.collection.ItemCursor;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collections in {@code collections}, their prompts in {@code collection_items} (migration 0006). Every
 * method is one call to the {@link SqlExecutor} (one HTTP request on D1). A change checks who may make
 * it in SQL, in the unit that makes it, and reads back what it left. A new order is computed in that
 * unit too, from the order stored ({@link #plan}): within the unit nobody else can change it. Positions
 * only order the items (a gap left by a removal is no matter); a new order writes them as 0, 1, … in
 * one statement, whatever the number of items.
 */
public final class SqlCollectionRepository implements CollectionRepository {
    private static final String COLUMNS = "id, owner_id, name, description, is_public, version, created_at, updated_at";
    private static final String INSERT_UNLESS_OWNER_HAS = "insert into collections (" + COLUMNS + ") "
            + "select ?, ?, ?, ?, ?, ?, ?, ? where (select count(*) from collections where owner_id = ?) < ?";
    /** An imported collection's items, from a JSON array of prompt ids, if the collection row was just written. */
    private static final String INSERT_ITEMS = "insert into collection_items (collection_id, prompt_id, item_position, "
            + "added_at) select ?, j.value, j.key, ? from json_each(?) as j where exists "
            + "(select 1 from collections where id = ? and version = ? and created_at = ?)";
    private static final String BY_ID = "select * from collections where id = ?";
    private static final String ITEMS = "select ci.prompt_id as prompt_id, p.owner_id as prompt_owner_id, "
            + "p.is_public as prompt_is_public from collection_items ci join prompts p on p.id = ci.prompt_id "
            + "where ci.collection_id = ? order by ci.item_position, ci.prompt_id";
    /** Who may read a prompt through a collection: anyone when it is public, its owner always. */
    private static final String READABLE = "(p.is_public = ? or p.owner_id = ?)";
    private static final String COUNT_READABLE = "select count(*) as n from collection_items ci "
            + "join prompts p on p.id = ci.prompt_id where ci.collection_id = ? and " + READABLE;
    private static final String PAGE = "select p.*, ci.item_position as item_position, "
            + "(select count(*) from responses r where r.prompt_id = p.id) as response_count "
            + "from collection_items ci join prompts p on p.id = ci.prompt_id where ci.collection_id = ? and " + READABLE;
    private static final String AFTER = " and (ci.item_position > ? or (ci.item_position = ? and ci.prompt_id > ?))";
    private static final String PAGE_ORDER = " order by ci.item_position, ci.prompt_id limit ?";
    /** The collection is this user's. */
    private static final String OWNED_BY = "exists (select 1 from collections where id = ? and owner_id = ?)";
    /** Fields left null are kept; the version moves on and the change time never goes back. */
    private static final String REVISE = "update collections set name = coalesce(?, name), "
            + "description = coalesce(?, description), is_public = coalesce(?, is_public), version = version + 1, "
            + "updated_at = max(?, updated_at) where id = ? and owner_id = ?";
    /**
     * The collection's items in their order, as slots 0, 1, … ({@code slot}), and whether the owner sees each
     * ({@code visible}: their own prompts and public ones). The CTE {@code cur} of {@link #plan}.
     */
    private static final String CURRENT = "select ci.prompt_id as prompt_id, "
            + "row_number() over (order by ci.item_position, ci.prompt_id) - 1 as slot, "
            + "(p.is_public = ? or p.owner_id = ?) as visible "
            + "from collection_items ci join prompts p on p.id = ci.prompt_id where ci.collection_id = ?";
    /** The CTE {@code vis} of an arrangement: the seen items the order names, ranked as it lists them. */
    private static final String ARRANGED = "select cur.prompt_id as prompt_id, cur.slot as slot, j.key as want "
            + "from cur join json_each(?) as j on j.value = cur.prompt_id where cur.visible";
    /**
     * The CTE {@code vis} of a move: every seen item, the moved one ranked between the {@code position}-th and
     * the next of the others (2 × position − 1 against 0, 2, 4, …), so a position past the end is last.
     */
    private static final String MOVED = "select prompt_id, slot, case when prompt_id = ? then 2 * ? - 1 "
            + "else 2 * (row_number() over (partition by prompt_id = ? order by slot) - 1) end as want "
            + "from cur where visible";
    /**
     * After {@code cur} and {@code vis}: the moving items take the slots they hold, in the order they want
     * ({@code new_slot}); every other item keeps its slot.
     */
    private static final String PLAN = ", ranked as (select prompt_id, slot, row_number() over (order by slot) as by_slot, "
            + "row_number() over (order by want, slot) as by_want from vis), "
            + "plan as (select a.prompt_id as prompt_id, a.slot as slot, b.slot as new_slot from ranked a "
            + "join ranked b on b.by_slot = a.by_want "
            + "union all select prompt_id, slot, slot from cur where prompt_id not in (select prompt_id from vis)) ";
    /** The CTE {@code cur} of an addition goes on with the prompt added, last and seen. */
    private static final String APPENDED = " union all select ?, "
            + "(select count(*) from collection_items where collection_id = ?), 1";
    /**
     * The prompt may be added: to the owner's collection, which does not hold it and has room, a prompt the
     * owner may read.
     */
    private static final String ADDABLE = OWNED_BY + " and exists (select 1 from prompts where id = ? "
            + "and (is_public = ? or owner_id = ?)) and not exists (select 1 from collection_items "
            + "where collection_id = ? and prompt_id = ?) and (select count(*) from collection_items "
            + "where collection_id = ?) < ?";
    private static final String ORDER_CHANGES = "exists (select 1 from plan where new_slot <> slot)";
    /** As Collection.touched, on the owner's collection, under a condition that follows. */
    private static final String TOUCH = "update collections set version = version + 1, "
            + "updated_at = max(?, updated_at) where id = ? and owner_id = ? and ";
    /** As Collection.touched, only while the owner's collection holds the prompt. */
    private static final String TOUCH_HOLDING = TOUCH
            + "exists (select 1 from collection_items where collection_id = ? and prompt_id = ?)";
    /**
     * Writes the plan's slots as positions: a new item is inserted, an item whose position differs is updated.
     * As an INSERT … SELECT that reads the table it writes, SQLite runs the whole SELECT before the first write,
     * so the plan is computed from the items as they were (an UPDATE's subqueries would see its own changes).
     */
    private static final String WRITE_PLAN = "insert into collection_items (collection_id, prompt_id, item_position, "
            + "added_at) select ?, plan.prompt_id, plan.new_slot, ? from plan left join collection_items ci "
            + "on ci.collection_id = ? and ci.prompt_id = plan.prompt_id "
            + "where (ci.prompt_id is null or ci.item_position <> plan.new_slot) and ";
    private static final String PLAN_WRITTEN = " on conflict (collection_id, prompt_id) do update "
            + "set item_position = excluded.item_position";
    private static final String OWNERS_COLLECTIONS = "select c.*, (select count(*) from collection_items ci "
            + "join prompts p on p.id = ci.prompt_id where ci.collection_id = c.id "
            + "and (p.is_public = ? or p.owner_id = c.owner_id)) as prompt_count from collections c where c.owner_id = ?";
    private static final String OWNERS_AFTER = " and (c.updated_at < ? or (c.updated_at = ? and c.id < ?))";
    private static final String NEWEST_FIRST = " order by c.updated_at desc, c.id desc";

    private final SqlExecutor sql;

    public SqlCollectionRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public void create(Collection collection, int maxPerOwner) {
        SqlResult result;
        try {
            result = sql.write(SqlStatement.of(INSERT_UNLESS_OWNER_HAS, collection.id().value(),
                    collection.ownerId().value(), collection.name().value(), collection.description().value(),
                    collection.isPublic(), collection.version(), collection.createdAt().toEpochMilli(),
                    collection.updatedAt().toEpochMilli(), collection.ownerId().value(), maxPerOwner));
        } catch (SqlConstraintViolation violation) {
            if (violation.kind() == SqlConstraintViolation.Kind.FOREIGN_KEY) {
                throw new NotFound("the owner of this collection does not exist");
            }
            throw new Conflict("this collection already exists");
        }
        if (result.changes() == 0) {
            throw new Conflict("one person keeps at most " + maxPerOwner + " collections; delete one first");
        }
    }

    @Override
    public void importCollection(Collection collection, List<PromptId> order, int maxPerOwner) {
        String id = collection.id().value();
        List<SqlResult> results;
        try {
            results = sql.write(List.of(
                    SqlStatement.of(INSERT_UNLESS_OWNER_HAS, id, collection.ownerId().value(), collection.name().value(),
                            collection.description().value(), collection.isPublic(), collection.version(),
                            collection.createdAt().toEpochMilli(), collection.updatedAt().toEpochMilli(),
                            collection.ownerId().value(), maxPerOwner),
                    SqlStatement.of(INSERT_ITEMS, id, collection.updatedAt().toEpochMilli(),
                            Json.strings(order.stream().map(PromptId::value).toList()), id, collection.version(),
                            collection.createdAt().toEpochMilli())));
        } catch (SqlConstraintViolation violation) {
            if (violation.kind() == SqlConstraintViolation.Kind.FOREIGN_KEY) {
                throw new NotFound("a prompt of this collection, or its owner, does not exist");
            }
            throw new Conflict("this collection already exists");
        }
        if (results.getFirst().changes() == 0) {
            throw new Conflict("one person keeps at most " + maxPerOwner + " collections; delete one first");
        }
    }

    @Override
    public Optional<Contents> findWithItems(CollectionId id) {
        List<SqlResult> results = sql.read(withItems(id));
        return withItems(results.getFirst(), results.get(1));
    }

    /** The collection, then its items in order: two statements. */
    private static List<SqlStatement> withItems(CollectionId id) {
        return List.of(SqlStatement.of(BY_ID, id.value()), SqlStatement.of(ITEMS, id.value()));
    }

    /** What the two statements of {@link #withItems(CollectionId)} read. */
    private static Optional<Contents> withItems(SqlResult collection, SqlResult items) {
        return collection.firstRow().map(SqlCollectionRepository::toCollection)
                .map(found -> new Contents(found, items.rows().stream()
                        .map(row -> new CollectionItem(new PromptId(row.text("prompt_id")),
                                new UserId(row.text("prompt_owner_id")), row.bool("prompt_is_public")))
                        .toList()));
    }

    @Override
    public Optional<ItemPage> readPage(CollectionId id, Optional<UserId> viewer, PageSize size,
                                       Optional<ItemCursor> after) {
        String reader = viewer.map(UserId::value).orElse(null);
        List<Object> params = new ArrayList<>(List.of(id.value(), true));
        params.add(reader);
        String page = PAGE;
        if (after.isPresent()) {
            page += AFTER;
            params.addAll(List.of(after.get().position(), after.get().position(), after.get().promptId().value()));
        }
        params.add(size.value() + 1);
        List<Object> countParams = new ArrayList<>(List.of(id.value(), true));
        countParams.add(reader);
        List<SqlResult> results = sql.read(List.of(SqlStatement.of(BY_ID, id.value()),
                SqlStatement.of(COUNT_READABLE, countParams.toArray()),
                SqlStatement.of(page + PAGE_ORDER, params.toArray())));
        Optional<Collection> collection = results.getFirst().firstRow().map(SqlCollectionRepository::toCollection);
        if (collection.isEmpty()) {
            return Optional.empty();
        }
        List<SqlRow> rows = results.get(2).rows();
        List<SqlRow> shown = rows.stream().limit(size.value()).toList();
        List<PromptSummary> prompts = shown.stream()
                .map(row -> new PromptSummary(PromptRows.toPrompt(row), (int) row.integer("response_count"))).toList();
        Optional<ItemCursor> next = rows.size() > size.value()
                ? Optional.of(new ItemCursor((int) shown.getLast().integer("item_position"),
                        prompts.getLast().prompt().id()))
                : Optional.empty();
        int count = (int) results.get(1).firstRow().orElseThrow().integer("n");
        return Optional.of(new ItemPage(collection.get(), count, prompts, next));
    }

    @Override
    public Revised revise(CollectionId id, UserId owner, Revision revision) {
        long at = revision.at().toEpochMilli();
        List<SqlStatement> statements = new ArrayList<>(List.of(SqlStatement.of(REVISE,
                revision.name().map(CollectionName::value).orElse(null),
                revision.description().map(CollectionDescription::value).orElse(null),
                revision.isPublic().orElse(null), at, id.value(), owner.value())));
        // Read back after the change: the collection as it left it, with its items.
        statements.addAll(withItems(id));
        List<SqlResult> results = sql.write(statements);
        return new Revised(results.getFirst().changes() == 1, withItems(results.get(1), results.get(2))
                .map(found -> new Contents(answered(found.collection(), revision.at()), found.items())));
    }

    @Override
    public Revised reorder(CollectionId id, UserId owner, Reordering reordering, Instant at) {
        SqlStatement moving = switch (reordering) {
            case Reordering.Arrange arrange -> SqlStatement.of(ARRANGED,
                    Json.strings(arrange.order().stream().map(PromptId::value).toList()));
            case Reordering.Move move -> SqlStatement.of(MOVED, move.prompt().value(), move.position(),
                    move.prompt().value());
        };
        SqlStatement plan = plan(SqlStatement.of(CURRENT, true, owner.value(), id.value()), moving);
        // The version moves on only when the order changes; the positions are written then, from the same plan
        // (the touch leaves the items as they were, so both statements compute it alike).
        List<SqlStatement> statements = new ArrayList<>(List.of(
                concat(plan, SqlStatement.of(TOUCH + ORDER_CHANGES, at.toEpochMilli(), id.value(), owner.value())),
                concat(plan, writePlan(id, at), SqlStatement.of(OWNED_BY + " and " + ORDER_CHANGES, id.value(),
                        owner.value()), SqlStatement.of(PLAN_WRITTEN))));
        // Read back after the change: the collection as it left it, with its items.
        statements.addAll(withItems(id));
        List<SqlResult> results = sql.write(statements);
        return new Revised(results.getFirst().changes() == 1, withItems(results.get(2), results.get(3))
                .map(found -> new Contents(answered(found.collection(), at), found.items())));
    }

    /** The CTEs {@code cur} (the items as {@code current} gives them), {@code vis} ({@code moving}) and the plan. */
    private static SqlStatement plan(SqlStatement current, SqlStatement moving) {
        return concat(SqlStatement.of("with cur as ("), current, SqlStatement.of("), vis as ("), moving,
                SqlStatement.of(")" + PLAN));
    }

    /** {@link #WRITE_PLAN} for the collection, new items added {@code at}; its condition follows. */
    private static SqlStatement writePlan(CollectionId id, Instant at) {
        return SqlStatement.of(WRITE_PLAN, id.value(), at.toEpochMilli(), id.value());
    }

    /** The statements' SQL joined, with their values in the same order. */
    private static SqlStatement concat(SqlStatement... parts) {
        StringBuilder text = new StringBuilder();
        List<Object> values = new ArrayList<>();
        for (SqlStatement part : parts) {
            text.append(part.sql());
            values.addAll(part.params());
        }
        return new SqlStatement(text.toString(), values);
    }

    @Override
    public Revised removeItem(CollectionId id, UserId owner, PromptId prompt, Instant at) {
        // The version moves on only while the owner's collection holds the prompt, which then goes: both or
        // neither. The other items keep their positions, so their order (a gap is no matter: positions only
        // order the items, as after a prompt's deletion).
        List<SqlStatement> statements = new ArrayList<>(List.of(
                SqlStatement.of(TOUCH_HOLDING, at.toEpochMilli(), id.value(), owner.value(), id.value(),
                        prompt.value()),
                SqlStatement.of("delete from collection_items where collection_id = ? and prompt_id = ? and "
                        + OWNED_BY, id.value(), prompt.value(), id.value(), owner.value())));
        // Read back after the change: the collection as it left it, with its items.
        statements.addAll(withItems(id));
        List<SqlResult> results = sql.write(statements);
        return new Revised(results.getFirst().changes() == 1, withItems(results.get(2), results.get(3))
                .map(found -> new Contents(answered(found.collection(), at), found.items())));
    }

    /** The change's own time when it is the one stored, not the stored milliseconds, as {@link Collection#revise} answers. */
    private static Collection answered(Collection stored, Instant at) {
        if (!stored.updatedAt().equals(at.truncatedTo(ChronoUnit.MILLIS))) {
            return stored;
        }
        return new Collection(stored.id(), stored.ownerId(), stored.name(), stored.description(), stored.isPublic(),
                stored.createdAt(), at, stored.version());
    }

    @Override
    public Optional<Addition> addItem(CollectionId id, UserId owner, PromptId prompt, Optional<Integer> position,
                                      Instant at) {
        if (position.isPresent() && position.get() < 0) {
            throw new IllegalArgumentException("a position is not negative");
        }
        SqlStatement addable = SqlStatement.of(ADDABLE, id.value(), owner.value(), prompt.value(), true, owner.value(),
                id.value(), prompt.value(), id.value(), Collection.MAX_PROMPTS);
        // The prompt comes last, then moves to its position among what the owner sees (none given: it stays last).
        SqlStatement plan = plan(concat(SqlStatement.of(CURRENT, true, owner.value(), id.value()),
                        SqlStatement.of(APPENDED, prompt.value(), id.value())),
                SqlStatement.of(MOVED, prompt.value(), position.orElse(Collection.MAX_PROMPTS), prompt.value()));
        // Both writes under the same condition, which the first leaves as it was (it changes the version alone).
        List<SqlStatement> statements = new ArrayList<>(List.of(
                concat(SqlStatement.of(TOUCH, at.toEpochMilli(), id.value(), owner.value()), addable),
                concat(plan, writePlan(id, at), addable, SqlStatement.of(PLAN_WRITTEN)),
                // Read back after the change: the prompt, the collection as it left it, with its items.
                PromptReads.prompt(prompt)));
        statements.addAll(withItems(id));
        List<SqlResult> results = sql.write(statements);
        return PromptReads.prompt(results.get(2)).map(found -> new Addition(found, results.getFirst().changes() == 1,
                withItems(results.get(3), results.get(4))
                        .map(read -> new Contents(answered(read.collection(), at), read.items()))));
    }

    @Override
    public Deletion delete(CollectionId id, UserId owner) {
        // Each statement only on the owner's collection, its row last; what was kept is read back after.
        List<SqlResult> results = sql.write(List.of(
                SqlStatement.of("delete from collection_items where collection_id = ? and " + OWNED_BY, id.value(),
                        id.value(), owner.value()),
                SqlStatement.of("delete from collections where id = ? and owner_id = ?", id.value(), owner.value()),
                SqlStatement.of(BY_ID, id.value())));
        return results.get(1).changes() == 1 ? new Deletion(true, Optional.empty())
                : new Deletion(false, results.get(2).firstRow().map(SqlCollectionRepository::toCollection));
    }

    @Override
    public Page<CollectionSummary> listByOwner(UserId owner, PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(true, owner.value()));
        String query = OWNERS_COLLECTIONS;
        if (page.after().isPresent()) {
            PageCursor after = page.after().get();
            query += OWNERS_AFTER;
            params.addAll(List.of(after.at().toEpochMilli(), after.at().toEpochMilli(), after.id()));
        }
        int size = page.size().value();
        params.add(size + 1);
        List<SqlRow> rows = sql.read(SqlStatement.of(query + NEWEST_FIRST + " limit ?", params.toArray())).rows();
        List<CollectionSummary> items = rows.stream().limit(size)
                .map(row -> new CollectionSummary(toCollection(row), (int) row.integer("prompt_count"))).toList();
        Optional<PageCursor> next = rows.size() > size
                ? Optional.of(new PageCursor(items.getLast().collection().updatedAt(),
                        items.getLast().collection().id().value()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    @Override
    public Optional<Holding> holding(UserId owner, PromptId prompt) {
        List<SqlResult> results = sql.read(List.of(PromptReads.prompt(prompt),
                SqlStatement.of("select c.id as id from collections c join collection_items ci "
                        + "on ci.collection_id = c.id where c.owner_id = ? and ci.prompt_id = ?" + NEWEST_FIRST,
                        owner.value(), prompt.value())));
        return PromptReads.prompt(results.getFirst()).map(found -> new Holding(found, results.get(1).rows().stream()
                .map(row -> new CollectionId(row.text("id"))).toList()));
    }

    private static Collection toCollection(SqlRow row) {
        return new Collection(new CollectionId(row.text("id")), new UserId(row.text("owner_id")),
                new CollectionName(row.text("name")), new CollectionDescription(row.text("description")),
                row.bool("is_public"), Instant.ofEpochMilli(row.integer("created_at")),
                Instant.ofEpochMilli(row.integer("updated_at")), row.integer("version"));
    }
}
