-- Migration number: 0001 	 2026-11-22T00:00:00.000Z
-- Accounts, login sessions, prompts and model responses. Times are epoch milliseconds (BIGINT, an
-- INTEGER to SQLite); booleans are 0/1; prompt and response bodies live in blob storage under *_blob_key.

CREATE TABLE users (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    username      VARCHAR(32)  NOT NULL,
    username_key  VARCHAR(32)  NOT NULL,
    email         VARCHAR(254) NOT NULL,
    password_hash TEXT,
    role          VARCHAR(16)  NOT NULL,
    created_at    BIGINT      NOT NULL,
    updated_at    BIGINT      NOT NULL
);
CREATE UNIQUE INDEX users_username_key ON users (username_key);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE sessions (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id      VARCHAR(36)  NOT NULL REFERENCES users (id),
    refresh_hash VARCHAR(64)  NOT NULL,
    created_at   BIGINT      NOT NULL,
    last_used_at BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    revoked_at   BIGINT,
    user_agent   VARCHAR(512) NOT NULL,
    ip           VARCHAR(64)  NOT NULL
);
CREATE UNIQUE INDEX sessions_refresh_hash ON sessions (refresh_hash);
CREATE INDEX sessions_user ON sessions (user_id, created_at);
CREATE INDEX sessions_revoked_at ON sessions (revoked_at);

-- Refresh tokens rotated away: presenting one again is a replay and revokes its session.
CREATE TABLE retired_refresh_tokens (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    session_id VARCHAR(36) NOT NULL REFERENCES sessions (id),
    retired_at BIGINT     NOT NULL
);

CREATE TABLE prompts (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    owner_id         VARCHAR(36)  NOT NULL REFERENCES users (id),
    title            VARCHAR(200),
    content_preview  TEXT         NOT NULL,
    content_blob_key VARCHAR(80)  NOT NULL,
    is_public        BOOLEAN      NOT NULL DEFAULT FALSE,
    tags             TEXT         NOT NULL DEFAULT '[]',
    version          BIGINT      NOT NULL,
    created_at       BIGINT      NOT NULL,
    updated_at       BIGINT      NOT NULL
);
CREATE INDEX prompts_owner_updated ON prompts (owner_id, updated_at, id);
CREATE INDEX prompts_public_updated ON prompts (is_public, updated_at, id);

-- One row per (prompt, tag) so a tag filter uses an index; prompts.tags keeps the display order.
CREATE TABLE prompt_tags (
    prompt_id VARCHAR(36) NOT NULL REFERENCES prompts (id),
    tag       VARCHAR(40) NOT NULL,
    PRIMARY KEY (prompt_id, tag)
);
CREATE INDEX prompt_tags_tag ON prompt_tags (tag, prompt_id);

CREATE TABLE responses (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    prompt_id        VARCHAR(36)  NOT NULL REFERENCES prompts (id),
    model_name       VARCHAR(100) NOT NULL,
    content_preview  TEXT         NOT NULL,
    content_blob_key VARCHAR(80)  NOT NULL,
    is_markdown      BOOLEAN      NOT NULL DEFAULT TRUE,
    version          BIGINT      NOT NULL,
    created_at       BIGINT      NOT NULL,
    updated_at       BIGINT      NOT NULL
);
CREATE INDEX responses_prompt ON responses (prompt_id, created_at);
