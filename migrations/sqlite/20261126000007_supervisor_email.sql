-- The supervisor's (teacher's) email, optional: they hear of the results and of their letter of thanks.
ALTER TABLE participant ADD COLUMN supervisor_email TEXT NOT NULL DEFAULT '';
