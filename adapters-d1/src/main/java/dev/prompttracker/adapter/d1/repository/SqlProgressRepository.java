package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlResult;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;
import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.progress.ProgressUpdate;
import dev.prompttracker.domain.progress.ReadingProgress;
import dev.prompttracker.domain.user.Email;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static dev.prompttracker.adapter.d1.jooq.Tables.READING_PROGRESS;

/** Reading progress in {@code reading_progress}; analytics aggregated in SQL. */
public final class SqlProgressRepository implements ProgressRepository {
    private static final String READERS = "readers";
    private static final String COMPLETIONS = "completions";
    private static final String AVERAGE_TIME = "average_time";

    private static final String FIND = "select * from reading_progress where email = ? and chapter_number = ?";
    /**
     * One report merged in place as {@code ReadingProgress.merge} does (time adds up, the sets are joined,
     * completed stays completed, the later time, the next version), or started as {@code ReadingProgress.start}
     * does: one statement, so concurrent reports need no version check and no retry.
     */
    private static final String MERGE = "insert into reading_progress (email, chapter_number, completed, "
            + "time_spent_seconds, videos_watched, quizzes_passed, version, created_at, updated_at) "
            + "values (?, ?, ?, ?, ?, ?, 1, ?, ?) on conflict (email, chapter_number) do update set "
            + "completed = reading_progress.completed or excluded.completed, "
            + "time_spent_seconds = reading_progress.time_spent_seconds + excluded.time_spent_seconds, "
            + "videos_watched = " + union("videos_watched") + ", "
            + "quizzes_passed = " + union("quizzes_passed") + ", "
            + "version = reading_progress.version + 1, "
            + "updated_at = max(reading_progress.updated_at, excluded.updated_at)";

    private final SqlExecutor sql;
    private final SqlRenderer render = new SqlRenderer();

    public SqlProgressRepository(SqlExecutor sql) {
        this.sql = sql;
    }

    @Override
    public Optional<ReadingProgress> find(Email email, ChapterNumber chapter) {
        return sql.read(render.statement(render.dsl().selectFrom(READING_PROGRESS)
                        .where(READING_PROGRESS.EMAIL.eq(email.value()))
                        .and(READING_PROGRESS.CHAPTER_NUMBER.eq(chapter.value()))))
                .firstRow().map(SqlProgressRepository::toProgress);
    }

    @Override
    public Optional<ReadingProgress> merge(Email email, ChapterNumber chapter, ProgressUpdate update, Instant now) {
        long at = now.toEpochMilli();
        List<SqlResult> results = sql.write(List.of(
                SqlStatement.of(FIND, email.value(), chapter.value()),
                SqlStatement.of(MERGE, email.value(), chapter.value(), update.completed(), update.timeSpentSeconds(),
                        Json.strings(List.copyOf(new TreeSet<>(update.videosWatched()))),
                        Json.strings(List.copyOf(new TreeSet<>(update.quizzesPassed()))), at, at)));
        return results.getFirst().firstRow().map(SqlProgressRepository::toProgress);
    }

    @Override
    public List<ReadingProgress> listByEmail(Email email) {
        return sql.read(render.statement(render.dsl().selectFrom(READING_PROGRESS)
                        .where(READING_PROGRESS.EMAIL.eq(email.value()))
                        .orderBy(READING_PROGRESS.CHAPTER_NUMBER)))
                .rows().stream().map(SqlProgressRepository::toProgress).toList();
    }

    @Override
    public List<ChapterStats> chapterStats() {
        List<SqlRow> rows = sql.read(render.statement(render.dsl()
                .select(READING_PROGRESS.CHAPTER_NUMBER,
                        DSL.count().as(READERS),
                        DSL.sum(READING_PROGRESS.COMPLETED.cast(Integer.class)).as(COMPLETIONS),
                        DSL.avg(READING_PROGRESS.TIME_SPENT_SECONDS).as(AVERAGE_TIME))
                .from(READING_PROGRESS)
                .groupBy(READING_PROGRESS.CHAPTER_NUMBER)
                .orderBy(READING_PROGRESS.CHAPTER_NUMBER))).rows();
        List<ChapterStats> stats = new ArrayList<>(rows.size());
        for (SqlRow row : rows) {
            Object average = row.values().get(AVERAGE_TIME);
            stats.add(new ChapterStats(ChapterNumber.of((int) row.integer(READING_PROGRESS.CHAPTER_NUMBER.getName())),
                    (int) row.integer(READERS), (int) row.integer(COMPLETIONS),
                    average instanceof Number number ? number.doubleValue() : 0));
        }
        return stats;
    }

    /** The stored JSON array of ids joined with the reported one, as a JSON array again. */
    private static String union(String column) {
        return "(select json_group_array(value) from (select value from json_each(reading_progress." + column
                + ") union select value from json_each(excluded." + column + ") order by value))";
    }

    private static ReadingProgress toProgress(SqlRow row) {
        return new ReadingProgress(
                new Email(row.text(READING_PROGRESS.EMAIL.getName())),
                ChapterNumber.of((int) row.integer(READING_PROGRESS.CHAPTER_NUMBER.getName())),
                row.bool(READING_PROGRESS.COMPLETED.getName()),
                row.integer(READING_PROGRESS.TIME_SPENT_SECONDS.getName()),
                new TreeSet<>(Json.strings(row.text(READING_PROGRESS.VIDEOS_WATCHED.getName()))),
                new TreeSet<>(Json.strings(row.text(READING_PROGRESS.QUIZZES_PASSED.getName()))),
                Instant.ofEpochMilli(row.integer(READING_PROGRESS.CREATED_AT.getName())),
                Instant.ofEpochMilli(row.integer(READING_PROGRESS.UPDATED_AT.getName())),
                row.integer(READING_PROGRESS.VERSION.getName()));
    }
}
