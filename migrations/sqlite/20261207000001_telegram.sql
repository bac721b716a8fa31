-- Notices through more than one channel: the outbox keeps one row per message per channel
-- (`email`: `to_addr` is the address; `telegram`: the chat's id). A row the channel refused
-- for good (a chat that blocked the bot) is given up, not retried.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'telegram'));
ALTER TABLE outbox ADD COLUMN gave_up_at INTEGER;
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND gave_up_at IS NULL;

-- The Telegram chat an account's notices also go to, linked by a one-time code from the
-- account page (the code shown until used or expired, like a two-step set-up's key).
CREATE TABLE telegram_chat (
    account_id INTEGER PRIMARY KEY REFERENCES account (account_id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    chat_name  TEXT    NOT NULL DEFAULT '',
    linked_at  INTEGER NOT NULL
);
CREATE INDEX telegram_chat_chat ON telegram_chat (chat_id);
CREATE TABLE telegram_code (
    code       TEXT    PRIMARY KEY,
    account_id INTEGER NOT NULL UNIQUE REFERENCES account (account_id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
-- The next update the bot asks Telegram for (one poller at a time, under a lease).
CREATE TABLE telegram_poll (
    poll_id     INTEGER PRIMARY KEY CHECK (poll_id = 1),
    next_update INTEGER NOT NULL
);
