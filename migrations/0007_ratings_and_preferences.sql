-- Migration number: 0007 	 2026-12-04T00:00:00.000Z
-- Judgements of responses: a rating (1-5 stars and a note) per rater and response, and a pairwise
-- preference per rater and unordered pair of responses of one prompt (pair_key: the two response ids,
-- the smaller first, so "A over B" and "B over A" share a row and the latest wins). A ranking is stored
-- as the preferences it implies. Deleting a response or prompt deletes its rows in the same write.

CREATE TABLE ratings (
    response_id VARCHAR(36) NOT NULL REFERENCES responses (id),
    rater_id    VARCHAR(36) NOT NULL,
    prompt_id   VARCHAR(36) NOT NULL REFERENCES prompts (id),
    stars       INTEGER     NOT NULL,
    note        TEXT        NOT NULL DEFAULT '',
    updated_at  BIGINT      NOT NULL,
    PRIMARY KEY (response_id, rater_id)
);
CREATE INDEX ratings_prompt ON ratings (prompt_id, rater_id);
CREATE INDEX ratings_rater ON ratings (rater_id);

CREATE TABLE preferences (
    rater_id             VARCHAR(36) NOT NULL,
    pair_key             VARCHAR(73) NOT NULL,
    prompt_id            VARCHAR(36) NOT NULL REFERENCES prompts (id),
    chosen_response_id   VARCHAR(36) NOT NULL REFERENCES responses (id),
    rejected_response_id VARCHAR(36) NOT NULL REFERENCES responses (id),
    reason               TEXT        NOT NULL DEFAULT '',
    updated_at           BIGINT      NOT NULL,
    PRIMARY KEY (rater_id, pair_key)
);
CREATE INDEX preferences_prompt ON preferences (prompt_id, rater_id);
CREATE INDEX preferences_chosen ON preferences (chosen_response_id);
CREATE INDEX preferences_rejected ON preferences (rejected_response_id);
