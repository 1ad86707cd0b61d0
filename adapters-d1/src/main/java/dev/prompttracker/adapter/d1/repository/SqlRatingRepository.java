package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.jooq.tables.Responses;
import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.port.out.PreferenceRecord;
import dev.prompttracker.application.port.out.RatingRepository;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.rating.ModelComparison;
import dev.prompttracker.domain.rating.ModelRatings;
import dev.prompttracker.domain.rating.Note;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.rating.RatingScope;
import dev.prompttracker.domain.rating.ResponseRatings;
import dev.prompttracker.domain.rating.Stars;
import dev.prompttracker.domain.user.UserId;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.prompttracker.adapter.d1.jooq.Tables.PREFERENCES;
import static dev.prompttracker.adapter.d1.jooq.Tables.PROMPTS;
import static dev.prompttracker.adapter.d1.jooq.Tables.RATINGS;
import static dev.prompttracker.adapter.d1.jooq.Tables.RESPONSES;

/**
 * Ratings and preferences in the {@code ratings} and {@code preferences} tables (migration 0007). Reads
 * join the responses, so a judgement never outlives its response in an answer; the prompt and response
 * repositories delete the rows themselves in the same write as the response.
 */
public final class SqlRatingRepository implements RatingRepository {
    private static final Responses CHOSEN = RESPONSES.as("chosen");
    private static final Responses REJECTED = RESPONSES.as("rejected");
    /** Who may judge which responses: see {@link #judgeable}. */
    private static final String JUDGEABLE = "exists (select 1 from prompts where prompts.id = ? "
            + "and (prompts.is_public or prompts.owner_id = ?)) and (select count(*) from responses "
            + "where responses.prompt_id = ? and responses.id in (select value from json_each(?))) = ?";
    private static final String HOLDS_EXACTLY = "(select count(*) from responses where responses.prompt_id = ?) = ?";
    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();

    public SqlRatingRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    /**
     * The statements that delete the judgements of one response, where {@code guard} holds: to run before
     * the response's own delete.
     */
    static List<SqlStatement> deleteForResponse(SqlRenderer render, ResponseId id, Condition guard) {
        return List.of(
                render.statement(render.dsl().deleteFrom(RATINGS).where(RATINGS.RESPONSE_ID.eq(id.value())).and(guard)),
                render.statement(render.dsl().deleteFrom(PREFERENCES)
                        .where(PREFERENCES.CHOSEN_RESPONSE_ID.eq(id.value())
                                .or(PREFERENCES.REJECTED_RESPONSE_ID.eq(id.value())))
                        .and(guard)));
    }

    /**
     * The statements that delete the judgements of one prompt's responses, where {@code guard} holds: to
     * run before the prompt's own delete.
     */
    static List<SqlStatement> deleteForPrompt(SqlRenderer render, PromptId id, Condition guard) {
        return List.of(
                render.statement(render.dsl().deleteFrom(RATINGS).where(RATINGS.PROMPT_ID.eq(id.value())).and(guard)),
                render.statement(render.dsl().deleteFrom(PREFERENCES).where(PREFERENCES.PROMPT_ID.eq(id.value()))
                        .and(guard)));
    }

    @Override
    public void saveRating(Rating rating) {
        write(List.of(upsert(rating, DSL.trueCondition())));
    }

    @Override
    public void savePreferences(List<Preference> preferences) {
        if (preferences.isEmpty()) {
            return;
        }
        write(List.of(upsert(preferences, DSL.trueCondition())));
    }

    @Override
    public Optional<Judged> saveRatingIfAllowed(Rating rating) {
        return judged(rating.promptId(), List.of(upsert(rating,
                judgeable(rating.promptId(), rating.raterId(), Set.of(rating.responseId()), false))));
    }

    @Override
    public Optional<Judged> savePreferencesIfAllowed(List<Preference> preferences, boolean wholeRanking) {
        Preference judge = RatingRepository.sameJudge(preferences);
        Set<ResponseId> named = new LinkedHashSet<>();
        preferences.forEach(p -> {
            named.add(p.chosen());
            named.add(p.rejected());
        });
        Condition guard = judgeable(judge.promptId(), judge.raterId(), named, wholeRanking);
        return judged(judge.promptId(), List.of(upsert(preferences, guard)));
    }

    /** Writes the judgements (each under the same condition: all or none), then reads back what it found. */
    private Optional<Judged> judged(PromptId prompt, List<SqlStatement> judgements) {
        List<SqlStatement> unit = new ArrayList<>(judgements);
        unit.addAll(PromptReads.withResponses(prompt));
        List<SqlResult> results = sql.write(unit);
        return PromptReads.withResponses(results.get(unit.size() - 2), results.getLast())
                .map(found -> new Judged(found, results.getFirst().changes() > 0));
    }

    /**
     * The prompt is readable by the rater (public, or theirs) and holds every response {@code named};
     * when {@code exactly}, no other.
     */
    private static Condition judgeable(PromptId prompt, UserId rater, Set<ResponseId> named, boolean exactly) {
        String ids = Json.strings(named.stream().map(ResponseId::value).toList());
        Condition condition = DSL.condition(JUDGEABLE, prompt.value(), rater.value(), prompt.value(), ids, named.size());
        return exactly ? condition.and(DSL.condition(HOLDS_EXACTLY, prompt.value(), named.size())) : condition;
    }

    /** Stores the rating where {@code guard} holds, replacing the rater's earlier one of the same response. */
    private SqlStatement upsert(Rating rating, Condition guard) {
        long at = rating.updatedAt().toEpochMilli();
        return render.statement(render.dsl().insertInto(RATINGS, RATINGS.RESPONSE_ID, RATINGS.RATER_ID,
                        RATINGS.PROMPT_ID, RATINGS.STARS, RATINGS.NOTE, RATINGS.UPDATED_AT)
                .select(render.dsl().select(DSL.val(rating.responseId().value(), RATINGS.RESPONSE_ID),
                        DSL.val(rating.raterId().value(), RATINGS.RATER_ID),
                        DSL.val(rating.promptId().value(), RATINGS.PROMPT_ID),
                        DSL.val(rating.stars().value(), RATINGS.STARS), DSL.val(rating.note().value(), RATINGS.NOTE),
                        DSL.val(at, RATINGS.UPDATED_AT)).where(guard))
                .onConflict(RATINGS.RESPONSE_ID, RATINGS.RATER_ID).doUpdate()
                .set(RATINGS.STARS, rating.stars().value())
                .set(RATINGS.NOTE, rating.note().value())
                .set(RATINGS.UPDATED_AT, at));
    }

    /**
     * Stores the preferences where {@code guard} holds, each replacing the rater's earlier one of the same
     * pair: one statement reading one JSON array, whatever their number (a ranking of 50 responses implies
     * 1,225, past what one batch through a Worker may hold).
     */
    private SqlStatement upsert(List<Preference> preferences, Condition guard) {
        Json.PreferenceRows json = Json.preferences(preferences);
        Field<String> row = DSL.field(DSL.name("v", "value"), String.class);
        Field<String> reason = DSL.field("json_extract({0}, '$[' || json_extract({1}, '$.n') || ']')",
                PREFERENCES.REASON.getDataType(), DSL.val(json.reasons()), row);
        return render.statement(render.dsl().insertInto(PREFERENCES, PREFERENCES.RATER_ID, PREFERENCES.PAIR_KEY,
                        PREFERENCES.PROMPT_ID, PREFERENCES.CHOSEN_RESPONSE_ID, PREFERENCES.REJECTED_RESPONSE_ID,
                        PREFERENCES.REASON, PREFERENCES.UPDATED_AT)
                .select(render.dsl().select(member(row, "r", PREFERENCES.RATER_ID), member(row, "k", PREFERENCES.PAIR_KEY),
                                member(row, "p", PREFERENCES.PROMPT_ID), member(row, "c", PREFERENCES.CHOSEN_RESPONSE_ID),
                                member(row, "x", PREFERENCES.REJECTED_RESPONSE_ID), reason,
                                member(row, "at", PREFERENCES.UPDATED_AT))
                        .from(DSL.table("json_each({0}) as v", DSL.val(json.rows())))
                        .where(guard))
                .onConflict(PREFERENCES.RATER_ID, PREFERENCES.PAIR_KEY).doUpdate()
                .set(PREFERENCES.CHOSEN_RESPONSE_ID, DSL.excluded(PREFERENCES.CHOSEN_RESPONSE_ID))
                .set(PREFERENCES.REJECTED_RESPONSE_ID, DSL.excluded(PREFERENCES.REJECTED_RESPONSE_ID))
                .set(PREFERENCES.REASON, DSL.excluded(PREFERENCES.REASON))
                .set(PREFERENCES.UPDATED_AT, DSL.excluded(PREFERENCES.UPDATED_AT)));
    }

    /** One member of a row of {@link Json#preferences}, typed as the column it goes to. */
    private static <T> Field<T> member(Field<String> row, String name, Field<T> column) {
        return DSL.field("json_extract({0}, {1})", column.getDataType(), row, DSL.inline("$." + name));
    }

    private void write(List<SqlStatement> statements) {
        try {
            sql.write(statements);
        } catch (SqlConstraintViolation violation) {
            if (violation.kind() == SqlConstraintViolation.Kind.FOREIGN_KEY) {
                throw new NotFound("response not found");
            }
            throw violation;
        }
    }

    @Override
    public List<Rating> ratingsBy(PromptId prompt, UserId rater) {
        return ratings(sql.read(ratingsOf(prompt, rater)));
    }

    @Override
    public List<Preference> preferencesBy(PromptId prompt, UserId rater) {
        return preferences(sql.read(preferencesOf(prompt, rater)));
    }

    @Override
    public Optional<PromptJudgements> judgementsOf(PromptId prompt, Optional<UserId> viewer) {
        if (viewer.isEmpty()) {
            return PromptReads.prompt(sql.read(PromptReads.prompt(prompt)))
                    .map(found -> new PromptJudgements(found, List.of(), List.of(), List.of()));
        }
        UserId rater = viewer.get();
        List<SqlResult> results = sql.read(List.of(PromptReads.prompt(prompt), ratingsOf(prompt, rater),
                preferencesOf(prompt, rater), totalsOf(prompt, rater)));
        return PromptReads.prompt(results.getFirst()).map(found -> new PromptJudgements(found,
                ratings(results.get(1)), preferences(results.get(2)), totals(results.get(3))));
    }

    @Override
    public LeaderboardInputs leaderboardInputs(RatingScope scope) {
        List<SqlResult> results = sql.read(List.of(comparisonsIn(scope), modelRatingsIn(scope)));
        return new LeaderboardInputs(results.getFirst().rows().stream().map(row -> new ModelComparison(
                row.text("winner"), row.text("loser"), row.integer("n"))).toList(),
                results.get(1).rows().stream().map(row -> new ModelRatings(row.text("model"), row.integer("n"),
                        row.integer("total"))).toList());
    }

    private SqlStatement ratingsOf(PromptId prompt, UserId rater) {
        return render.statement(render.dsl().select(RATINGS.asterisk()).from(RATINGS)
                .join(RESPONSES).on(RESPONSES.ID.eq(RATINGS.RESPONSE_ID))
                .where(RATINGS.PROMPT_ID.eq(prompt.value())).and(RATINGS.RATER_ID.eq(rater.value())));
    }

    private static List<Rating> ratings(SqlResult read) {
        return read.rows().stream().map(SqlRatingRepository::toRating).toList();
    }

    private SqlStatement preferencesOf(PromptId prompt, UserId rater) {
        return render.statement(render.dsl().select(PREFERENCES.asterisk()).from(PREFERENCES)
                .join(CHOSEN).on(CHOSEN.ID.eq(PREFERENCES.CHOSEN_RESPONSE_ID))
                .join(REJECTED).on(REJECTED.ID.eq(PREFERENCES.REJECTED_RESPONSE_ID))
                .where(PREFERENCES.PROMPT_ID.eq(prompt.value())).and(PREFERENCES.RATER_ID.eq(rater.value()))
                .orderBy(PREFERENCES.PAIR_KEY));
    }

    private static List<Preference> preferences(SqlResult read) {
        return read.rows().stream().map(SqlRatingRepository::toPreference).toList();
    }

    /** Everyone's ratings of each rated response of the prompt, summed: only for its owner. */
    private SqlStatement totalsOf(PromptId prompt, UserId owner) {
        return render.statement(render.dsl()
                .select(RATINGS.RESPONSE_ID, DSL.count().as("n"), DSL.sum(RATINGS.STARS).as("total"))
                .from(RATINGS)
                .join(RESPONSES).on(RESPONSES.ID.eq(RATINGS.RESPONSE_ID))
                .where(RATINGS.PROMPT_ID.eq(prompt.value()))
                .and(PromptReads.condition(PromptReads.ownedBy(prompt, owner)))
                .groupBy(RATINGS.RESPONSE_ID));
    }

    private static List<ResponseRatings> totals(SqlResult read) {
        return read.rows().stream().map(row -> new ResponseRatings(new ResponseId(row.text(RATINGS.RESPONSE_ID.getName())),
                row.integer("n"), row.integer("total"))).toList();
    }

    private SqlStatement comparisonsIn(RatingScope scope) {
        return render.statement(render.dsl()
                .select(CHOSEN.MODEL_NAME.as("winner"), REJECTED.MODEL_NAME.as("loser"), DSL.count().as("n"))
                .from(PREFERENCES)
                .join(CHOSEN).on(CHOSEN.ID.eq(PREFERENCES.CHOSEN_RESPONSE_ID))
                .join(REJECTED).on(REJECTED.ID.eq(PREFERENCES.REJECTED_RESPONSE_ID))
                .join(PROMPTS).on(PROMPTS.ID.eq(PREFERENCES.PROMPT_ID))
                .where(inScope(scope, PREFERENCES.RATER_ID))
                .groupBy(CHOSEN.MODEL_NAME, REJECTED.MODEL_NAME));
    }

    private SqlStatement modelRatingsIn(RatingScope scope) {
        return render.statement(render.dsl()
                .select(RESPONSES.MODEL_NAME.as("model"), DSL.count().as("n"), DSL.sum(RATINGS.STARS).as("total"))
                .from(RATINGS)
                .join(RESPONSES).on(RESPONSES.ID.eq(RATINGS.RESPONSE_ID))
                .join(PROMPTS).on(PROMPTS.ID.eq(RATINGS.PROMPT_ID))
                .where(inScope(scope, RATINGS.RATER_ID))
                .groupBy(RESPONSES.MODEL_NAME));
    }

    @Override
    public List<PreferenceRecord> preferencesAfter(RatingScope scope, Optional<String> cursor, int limit) {
        Condition condition = inScope(scope, PREFERENCES.RATER_ID);
        if (cursor.isPresent()) {
            int slash = cursor.get().indexOf('/');
            String rater = cursor.get().substring(0, Math.max(slash, 0));
            String pair = cursor.get().substring(slash + 1);
            condition = condition.and(PREFERENCES.RATER_ID.gt(rater)
                    .or(PREFERENCES.RATER_ID.eq(rater).and(PREFERENCES.PAIR_KEY.gt(pair))));
        }
        return sql.read(render.statement(render.dsl()
                        .select(PREFERENCES.RATER_ID, PREFERENCES.PAIR_KEY, PREFERENCES.PROMPT_ID,
                                PROMPTS.CONTENT_BLOB_KEY.as("prompt_key"),
                                PREFERENCES.CHOSEN_RESPONSE_ID, CHOSEN.MODEL_NAME.as("chosen_model"),
                                CHOSEN.CONTENT_BLOB_KEY.as("chosen_key"),
                                PREFERENCES.REJECTED_RESPONSE_ID, REJECTED.MODEL_NAME.as("rejected_model"),
                                REJECTED.CONTENT_BLOB_KEY.as("rejected_key"),
                                PREFERENCES.REASON, PREFERENCES.UPDATED_AT)
                        .from(PREFERENCES)
                        .join(CHOSEN).on(CHOSEN.ID.eq(PREFERENCES.CHOSEN_RESPONSE_ID))
                        .join(REJECTED).on(REJECTED.ID.eq(PREFERENCES.REJECTED_RESPONSE_ID))
                        .join(PROMPTS).on(PROMPTS.ID.eq(PREFERENCES.PROMPT_ID))
                        .where(condition)
                        .orderBy(PREFERENCES.RATER_ID, PREFERENCES.PAIR_KEY)
                        .limit(limit)))
                .rows().stream().map(row -> new PreferenceRecord(
                        row.text(PREFERENCES.RATER_ID.getName()) + "/" + row.text(PREFERENCES.PAIR_KEY.getName()),
                        new PromptId(row.text(PREFERENCES.PROMPT_ID.getName())), new BlobKey(row.text("prompt_key")),
                        new ResponseId(row.text(PREFERENCES.CHOSEN_RESPONSE_ID.getName())),
                        new ModelName(row.text("chosen_model")), new BlobKey(row.text("chosen_key")),
                        new ResponseId(row.text(PREFERENCES.REJECTED_RESPONSE_ID.getName())),
                        new ModelName(row.text("rejected_model")), new BlobKey(row.text("rejected_key")),
                        new Note(row.text(PREFERENCES.REASON.getName())),
                        Instant.ofEpochMilli(row.integer(PREFERENCES.UPDATED_AT.getName())))).toList();
    }

    private static Condition inScope(RatingScope scope, org.jooq.Field<String> rater) {
        return switch (scope) {
            case RatingScope.Mine mine -> rater.eq(mine.rater().value());
            case RatingScope.Public ignored -> PROMPTS.IS_PUBLIC.eq(true);
        };
    }

    private static Rating toRating(SqlRow row) {
        return new Rating(new PromptId(row.text(RATINGS.PROMPT_ID.getName())),
                new ResponseId(row.text(RATINGS.RESPONSE_ID.getName())), new UserId(row.text(RATINGS.RATER_ID.getName())),
                new Stars((int) row.integer(RATINGS.STARS.getName())), new Note(row.text(RATINGS.NOTE.getName())),
                Instant.ofEpochMilli(row.integer(RATINGS.UPDATED_AT.getName())));
    }

    private static Preference toPreference(SqlRow row) {
        return new Preference(new PromptId(row.text(PREFERENCES.PROMPT_ID.getName())),
                new ResponseId(row.text(PREFERENCES.CHOSEN_RESPONSE_ID.getName())),
                new ResponseId(row.text(PREFERENCES.REJECTED_RESPONSE_ID.getName())),
                new UserId(row.text(PREFERENCES.RATER_ID.getName())), new Note(row.text(PREFERENCES.REASON.getName())),
                Instant.ofEpochMilli(row.integer(PREFERENCES.UPDATED_AT.getName())));
    }
}
