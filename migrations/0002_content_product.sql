-- Migration number: 0002 	 2026-11-22T08:30:00.000Z
-- The handbook: email subscribers, single-use magic links, sent-email bookkeeping, per-chapter
-- reading progress and the content access log. Times are epoch milliseconds; booleans are 0/1.

CREATE TABLE subscribers (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    email           VARCHAR(254) NOT NULL,
    first_name      VARCHAR(100),
    last_name       VARCHAR(100),
    has_access      BOOLEAN      NOT NULL DEFAULT TRUE,
    has_purchased   BOOLEAN      NOT NULL DEFAULT FALSE,
    discount_code   VARCHAR(64),
    state           VARCHAR(16)  NOT NULL,
    referrer        VARCHAR(200),
    utm_source      VARCHAR(200),
    utm_medium      VARCHAR(200),
    utm_campaign    VARCHAR(200),
    emails_sent     INTEGER      NOT NULL DEFAULT 0,
    last_email_sent BIGINT,
    version         BIGINT       NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);
CREATE UNIQUE INDEX subscribers_email ON subscribers (email);
CREATE INDEX subscribers_created ON subscribers (created_at, id);

-- Only the SHA-256 of a link's token is stored; used_at is set exactly once.
CREATE TABLE magic_links (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    email      VARCHAR(254) NOT NULL,
    purpose    VARCHAR(32)  NOT NULL,
    issued_at  BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL,
    used_at    BIGINT
);
CREATE INDEX magic_links_expires ON magic_links (expires_at);

-- One row per sent email job: a redelivered job finds its row and is not sent again. The nonce
-- lets the same unit of work count the email on the subscriber only when its own insert won.
CREATE TABLE email_deliveries (
    job_id   VARCHAR(36)  NOT NULL PRIMARY KEY,
    email    VARCHAR(254) NOT NULL,
    nonce    VARCHAR(36)  NOT NULL,
    sent_at  BIGINT       NOT NULL
);

CREATE TABLE reading_progress (
    email              VARCHAR(254) NOT NULL,
    chapter_number     INTEGER      NOT NULL,
    completed          BOOLEAN      NOT NULL DEFAULT FALSE,
    time_spent_seconds BIGINT       NOT NULL DEFAULT 0,
    videos_watched     TEXT         NOT NULL DEFAULT '[]',
    quizzes_passed     TEXT         NOT NULL DEFAULT '[]',
    version            BIGINT       NOT NULL,
    created_at         BIGINT       NOT NULL,
    updated_at         BIGINT       NOT NULL,
    PRIMARY KEY (email, chapter_number)
);
CREATE INDEX reading_progress_chapter ON reading_progress (chapter_number);

-- Append-only.
CREATE TABLE content_access_logs (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    email          VARCHAR(254) NOT NULL,
    chapter_number INTEGER      NOT NULL,
    access_type    VARCHAR(16)  NOT NULL,
    ip_address     VARCHAR(64)  NOT NULL,
    user_agent     VARCHAR(512) NOT NULL,
    created_at     BIGINT       NOT NULL
);
CREATE INDEX content_access_logs_created ON content_access_logs (created_at, id);
CREATE INDEX content_access_logs_chapter ON content_access_logs (chapter_number, created_at, id);
