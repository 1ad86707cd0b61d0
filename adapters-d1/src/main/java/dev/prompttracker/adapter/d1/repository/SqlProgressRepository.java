package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlConstraintViolation;
import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRenderer;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.progress.ChapterNumber;
import dev.prompttracker.domain.progress.ChapterStats;
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
    public void create(ReadingProgress p) {
        try {
            sql.write(render.statement(render.dsl().insertInto(READING_PROGRESS)
                    .set(READING_PROGRESS.EMAIL, p.email().value())
                    .set(READING_PROGRESS.CHAPTER_NUMBER, p.chapter().value())
                    .set(READING_PROGRESS.COMPLETED, p.completed())
                    .set(READING_PROGRESS.TIME_SPENT_SECONDS, p.timeSpentSeconds())
                    .set(READING_PROGRESS.VIDEOS_WATCHED, Json.strings(List.copyOf(p.videosWatched())))
                    .set(READING_PROGRESS.QUIZZES_PASSED, Json.strings(List.copyOf(p.quizzesPassed())))
                    .set(READING_PROGRESS.VERSION, p.version())
                    .set(READING_PROGRESS.CREATED_AT, p.createdAt().toEpochMilli())
                    .set(READING_PROGRESS.UPDATED_AT, p.updatedAt().toEpochMilli())));
        } catch (SqlConstraintViolation exists) {
            throw new Conflict("progress for this chapter already exists");
        }
    }

    @Override
    public void update(ReadingProgress p) {
        long changes = sql.write(render.statement(render.dsl().update(READING_PROGRESS)
                .set(READING_PROGRESS.COMPLETED, p.completed())
                .set(READING_PROGRESS.TIME_SPENT_SECONDS, p.timeSpentSeconds())
                .set(READING_PROGRESS.VIDEOS_WATCHED, Json.strings(List.copyOf(p.videosWatched())))
                .set(READING_PROGRESS.QUIZZES_PASSED, Json.strings(List.copyOf(p.quizzesPassed())))
                .set(READING_PROGRESS.VERSION, p.version())
                .set(READING_PROGRESS.UPDATED_AT, p.updatedAt().toEpochMilli())
                .where(READING_PROGRESS.EMAIL.eq(p.email().value()))
                .and(READING_PROGRESS.CHAPTER_NUMBER.eq(p.chapter().value()))
                .and(READING_PROGRESS.VERSION.eq(p.version() - 1)))).changes();
        if (changes == 0) {
            if (find(p.email(), p.chapter()).isEmpty()) {
                throw new NotFound("no progress for this chapter");
            }
            throw new Conflict("progress changed at the same time");
        }
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
