-- Migration number: 0003 	 2026-12-02T00:00:00.000Z
-- An email address is trusted only once proven by a link sent to it. The role is no longer stored:
-- it is evaluated whenever tokens are issued (ADMIN only for a proven address in ADMIN_EMAILS).
-- Revoked sessions are also appended to a log whose sequence the database assigns in commit order,
-- so instances read each other's revocations without trusting each other's clocks.

ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
-- Sessions created before this instant are void (set when a proof removed a password set before it).
ALTER TABLE users ADD COLUMN sessions_valid_from BIGINT;
ALTER TABLE users DROP COLUMN role;

CREATE TABLE session_revocations (
    seq        INTEGER     NOT NULL PRIMARY KEY AUTOINCREMENT,
    session_id VARCHAR(36) NOT NULL,
    revoked_at BIGINT      NOT NULL
);

/* [jooq ignore start] */
INSERT INTO session_revocations (session_id, revoked_at)
    SELECT id, revoked_at FROM sessions WHERE revoked_at IS NOT NULL ORDER BY revoked_at, id;

-- Existing accounts start unproven, except those that signed in by magic link: every passwordless
-- account was made that way; an account with a password whose sign-in link is still on record (links
-- are kept a day after they expire) is proven too, and, as a proof does now, loses the password set
-- before any proof and every session (its owner signs in by link again and can set a new password).
UPDATE users SET email_verified_at = updated_at WHERE password_hash IS NULL;
UPDATE users
   SET email_verified_at = (SELECT MAX(m.used_at) FROM magic_links m
                             WHERE m.email = users.email AND m.purpose = 'LOGIN' AND m.used_at IS NOT NULL),
       sessions_valid_from = CAST(strftime('%s', 'now') AS INTEGER) * 1000,
       password_hash = NULL
 WHERE password_hash IS NOT NULL
   AND EXISTS (SELECT 1 FROM magic_links m
                WHERE m.email = users.email AND m.purpose = 'LOGIN' AND m.used_at IS NOT NULL);
INSERT INTO session_revocations (session_id, revoked_at)
    SELECT s.id, u.sessions_valid_from FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.revoked_at IS NULL AND u.sessions_valid_from IS NOT NULL;
UPDATE sessions
   SET revoked_at = (SELECT u.sessions_valid_from FROM users u WHERE u.id = sessions.user_id)
 WHERE revoked_at IS NULL
   AND user_id IN (SELECT id FROM users WHERE sessions_valid_from IS NOT NULL);
/* [jooq ignore stop] */
