-- Migration number: 0004 	 2026-12-03T00:00:00.000Z
-- Every change of a prompt's title or text is an immutable version (v1, v2, ...). A version points at
-- its body in blob storage; versions with the same text share a body, which is removed only with its
-- prompt. prompts.text_version is the current version's number (prompts.version stays the counter of
-- every change, for optimistic concurrency); responses.prompt_version is the version a response answered.

CREATE TABLE prompt_versions (
    prompt_id        VARCHAR(36)  NOT NULL REFERENCES prompts (id),
    version_number   INTEGER      NOT NULL,
    title            VARCHAR(200),
    content_preview  TEXT         NOT NULL,
    content_blob_key VARCHAR(80)  NOT NULL,
    author_id        VARCHAR(36)  NOT NULL,
    message          VARCHAR(200),
    created_at       BIGINT       NOT NULL,
    PRIMARY KEY (prompt_id, version_number)
);

ALTER TABLE prompts ADD COLUMN text_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE responses ADD COLUMN prompt_version INTEGER NOT NULL DEFAULT 1;

/* [jooq ignore start] */
-- Existing prompts become version 1 of their current text, written by their owner when it was last
-- changed; their responses are taken to answer it (earlier texts were not kept).
INSERT INTO prompt_versions (prompt_id, version_number, title, content_preview, content_blob_key, author_id,
                             message, created_at)
    SELECT id, 1, title, content_preview, content_blob_key, owner_id, NULL, updated_at FROM prompts;
/* [jooq ignore stop] */
