-- What a plain form (JavaScript off) posted when the server refused it, so that the page
-- it returns to shows the typed values again. Kept ten minutes; passwords and tokens never.
CREATE TABLE form_return (
    token_hash TEXT PRIMARY KEY,      -- SHA-256 of the random token in the browser's cookie
    path TEXT NOT NULL,               -- the server function that refused it (/api/judge_save)
    fields TEXT NOT NULL,             -- JSON: [[name, value], …] as posted
    expires_at INTEGER NOT NULL
);
CREATE INDEX form_return_expires ON form_return (expires_at);
