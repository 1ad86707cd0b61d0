-- Migration number: 0005 	 2026-12-04T00:00:00.000Z
-- Full-text search over prompts (SQLite FTS5, which D1 has too). One document per prompt with the
-- columns title, text, responses' texts, model names, tags, and access: who may find it ("public",
-- and "u" + the owner's id without dashes), so a search narrows to what the caller may read inside
-- the index before it ranks (the SQL around it checks visibility again). Bodies live in blob storage, so
-- search_texts keeps the searchable part of each current body (the first 32 KiB of a prompt's text,
-- 16 KiB of a response's; written by the product with the metadata, in the same unit). The index's
-- rowid is search_documents.doc_id, an INTEGER PRIMARY KEY, so VACUUM cannot renumber it.

CREATE TABLE search_documents (
    doc_id    INTEGER     NOT NULL PRIMARY KEY,
    prompt_id VARCHAR(36) NOT NULL REFERENCES prompts (id)
);
CREATE UNIQUE INDEX search_documents_prompt ON search_documents (prompt_id);

CREATE TABLE search_texts (
    blob_key  VARCHAR(80) NOT NULL PRIMARY KEY,
    prompt_id VARCHAR(36) NOT NULL REFERENCES prompts (id),
    body      TEXT        NOT NULL
);
CREATE INDEX search_texts_prompt ON search_texts (prompt_id);

-- Bodies stored before this migration, whose text the product indexes from blob storage at start-up
-- (then deletes the row); new writes never add to it, so an empty backlog costs nothing to check.
CREATE TABLE search_backlog (
    blob_key  VARCHAR(80) NOT NULL PRIMARY KEY,
    prompt_id VARCHAR(36) NOT NULL,
    of_prompt BOOLEAN     NOT NULL,
    preview   TEXT        NOT NULL
);

/* [jooq ignore start] */
-- What the index holds for each prompt; a body without its searchable text yet (stored before this
-- migration) is represented by its preview until the product's start-up re-index reads it from blob
-- storage. char(2) and char(3) mark matches in snippets, so they never reach the index.
CREATE VIEW search_sources AS
SELECT d.doc_id AS doc_id,
       p.id AS prompt_id,
       replace(replace(coalesce(p.title, ''), char(2), ' '), char(3), ' ') AS title,
       replace(replace(coalesce((SELECT s.body FROM search_texts s WHERE s.blob_key = p.content_blob_key),
                                p.content_preview), char(2), ' '), char(3), ' ') AS body,
       replace(replace(coalesce((SELECT group_concat(coalesce(s.body, r.content_preview), char(10))
                                 FROM responses r LEFT JOIN search_texts s ON s.blob_key = r.content_blob_key
                                 WHERE r.prompt_id = p.id), ''), char(2), ' '), char(3), ' ') AS responses,
       replace(replace(coalesce((SELECT group_concat(r.model_name, char(10)) FROM responses r
                                 WHERE r.prompt_id = p.id), ''), char(2), ' '), char(3), ' ') AS models,
       coalesce((SELECT group_concat(t.tag, char(10)) FROM prompt_tags t WHERE t.prompt_id = p.id), '') AS tags,
       CASE WHEN p.is_public THEN 'public ' ELSE '' END || 'u' || replace(p.owner_id, '-', '') AS access
FROM search_documents d JOIN prompts p ON p.id = d.prompt_id;

-- Letters fold case and accents; prefixes of 2 and 3 characters have their own index for prefix* queries.
CREATE VIRTUAL TABLE prompt_search USING fts5(title, body, responses, models, tags, access,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

-- Existing prompts: titles, previews, model names and tags now; their bodies at the next start.
INSERT INTO search_documents (prompt_id) SELECT id FROM prompts ORDER BY created_at, id;
INSERT INTO prompt_search (rowid, title, body, responses, models, tags, access)
    SELECT doc_id, title, body, responses, models, tags, access FROM search_sources;
INSERT INTO search_backlog (blob_key, prompt_id, of_prompt, preview)
    SELECT content_blob_key, id, 1, content_preview FROM prompts;
INSERT OR IGNORE INTO search_backlog (blob_key, prompt_id, of_prompt, preview)
    SELECT content_blob_key, prompt_id, 0, content_preview FROM responses;
/* [jooq ignore stop] */
