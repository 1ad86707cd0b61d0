-- Migration number: 0006 	 2026-12-04T00:00:00.000Z
-- Named, ordered collections of prompts, private or public. A prompt can be in several collections.
-- Deleting a collection keeps its prompts; deleting a prompt takes it out of every collection in the
-- same statement (ON DELETE CASCADE: SQLite and D1 both enforce foreign keys). collection_items keeps
-- the order in item_position, rewritten in one statement when the order changes; version counts every
-- change of a collection (its fields or its items) for optimistic concurrency.

CREATE TABLE collections (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    owner_id    VARCHAR(36)  NOT NULL REFERENCES users (id),
    name        VARCHAR(100) NOT NULL,
    description TEXT         NOT NULL DEFAULT '',
    is_public   BOOLEAN      NOT NULL DEFAULT FALSE,
    version     BIGINT       NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);
CREATE INDEX collections_owner_updated ON collections (owner_id, updated_at, id);

CREATE TABLE collection_items (
    collection_id VARCHAR(36) NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    prompt_id     VARCHAR(36) NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    item_position INTEGER     NOT NULL,
    added_at      BIGINT      NOT NULL,
    PRIMARY KEY (collection_id, prompt_id)
);
CREATE INDEX collection_items_order ON collection_items (collection_id, item_position, prompt_id);
CREATE INDEX collection_items_prompt ON collection_items (prompt_id);
