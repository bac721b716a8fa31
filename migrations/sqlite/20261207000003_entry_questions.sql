-- What an organiser asks beside the fixed entry form (`domain::question`), per contest or per
-- nomination, and the answers. Choices keep their options as JSON ([{"kk":…,"ru":…,"en":…}])
-- and answers the options' positions: a contest's questions freeze when entries open, so
-- positions never move under an answer.
CREATE TABLE entry_question (
    question_id   INTEGER PRIMARY KEY,
    contest_id    INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    nomination_id INTEGER REFERENCES nomination (nomination_id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    label_kk      TEXT,
    label_ru      TEXT,
    label_en      TEXT,
    hint_kk       TEXT,
    hint_ru       TEXT,
    hint_en       TEXT,
    kind          TEXT    NOT NULL CHECK (kind IN ('short_text', 'long_text', 'number', 'choice_one', 'choice_many', 'date', 'yes_no', 'url', 'email', 'phone')),
    required      INTEGER NOT NULL CHECK (required IN (0, 1)),
    audience      TEXT    NOT NULL CHECK (audience IN ('admins', 'judges')),
    min_value     INTEGER,
    max_value     INTEGER,
    options       TEXT    NOT NULL DEFAULT '[]',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX entry_question_contest ON entry_question (contest_id, position);
CREATE INDEX entry_question_nomination ON entry_question (nomination_id);
CREATE TABLE entry_answer (
    entry_id    INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES entry_question (question_id) ON DELETE CASCADE,
    value       TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (entry_id, question_id)
);
CREATE INDEX entry_answer_question ON entry_answer (question_id);
