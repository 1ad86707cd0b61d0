package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.VersionMessage;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.user.UserId;

import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;

import static dev.prompttracker.adapter.d1.jooq.Tables.PROMPTS;
import static dev.prompttracker.adapter.d1.jooq.Tables.PROMPT_VERSIONS;
import static dev.prompttracker.adapter.d1.jooq.Tables.RESPONSES;

/** Rows of {@code prompts} and {@code responses} back into domain objects. */
final class PromptRows {
    /** SQLite's rowid grows with each insert: it keeps responses created in the same millisecond in order. */
    static final Field<Long> INSERTION_ORDER = DSL.field("rowid", Long.class);
    private PromptRows() {
    }

    static Prompt toPrompt(SqlRow row) {
        return new Prompt(
                new PromptId(row.text(PROMPTS.ID.getName())),
                new UserId(row.text(PROMPTS.OWNER_ID.getName())),
                row.optionalText(PROMPTS.TITLE.getName()).map(Title::new),
                new ContentPreview(row.text(PROMPTS.CONTENT_PREVIEW.getName())),
                new BlobKey(row.text(PROMPTS.CONTENT_BLOB_KEY.getName())),
                row.bool(PROMPTS.IS_PUBLIC.getName()),
                Tags.parse(Json.strings(row.text(PROMPTS.TAGS.getName()))),
                Instant.ofEpochMilli(row.integer(PROMPTS.CREATED_AT.getName())),
                Instant.ofEpochMilli(row.integer(PROMPTS.UPDATED_AT.getName())),
                row.integer(PROMPTS.VERSION.getName()),
                (int) row.integer(PROMPTS.TEXT_VERSION.getName()));
    }

    static PromptVersion toVersion(SqlRow row) {
        return new PromptVersion(
                new PromptId(row.text(PROMPT_VERSIONS.PROMPT_ID.getName())),
                (int) row.integer(PROMPT_VERSIONS.VERSION_NUMBER.getName()),
                row.optionalText(PROMPT_VERSIONS.TITLE.getName()).map(Title::new),
                new ContentPreview(row.text(PROMPT_VERSIONS.CONTENT_PREVIEW.getName())),
                new BlobKey(row.text(PROMPT_VERSIONS.CONTENT_BLOB_KEY.getName())),
                new UserId(row.text(PROMPT_VERSIONS.AUTHOR_ID.getName())),
                row.optionalText(PROMPT_VERSIONS.MESSAGE.getName()).map(VersionMessage::new),
                Instant.ofEpochMilli(row.integer(PROMPT_VERSIONS.CREATED_AT.getName())));
    }

    static Response toResponse(SqlRow row) {
        return new Response(
                new ResponseId(row.text(RESPONSES.ID.getName())),
                new PromptId(row.text(RESPONSES.PROMPT_ID.getName())),
                new ModelName(row.text(RESPONSES.MODEL_NAME.getName())),
                new ContentPreview(row.text(RESPONSES.CONTENT_PREVIEW.getName())),
                new BlobKey(row.text(RESPONSES.CONTENT_BLOB_KEY.getName())),
                row.bool(RESPONSES.IS_MARKDOWN.getName()),
                Instant.ofEpochMilli(row.integer(RESPONSES.CREATED_AT.getName())),
                Instant.ofEpochMilli(row.integer(RESPONSES.UPDATED_AT.getName())),
                row.integer(RESPONSES.VERSION.getName()),
                (int) row.integer(RESPONSES.PROMPT_VERSION.getName()));
    }

    static PageCursor cursorOf(Prompt prompt) {
        return new PageCursor(prompt.updatedAt(), prompt.id().value());
    }
}
