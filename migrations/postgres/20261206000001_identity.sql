-- The organiser's identity on this installation: one row at most (identity_id = 1); none
-- means Baiqau's own look. Names per language, the two colours (#rrggbb), the language of
-- a first visit and whether the browser's preference overrides it (1/0), the logo's file
-- in the store (brand/<name>), and a revision that names the style sheet's version.
CREATE TABLE site_identity (
    identity_id BIGINT PRIMARY KEY CHECK (identity_id = 1),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    main_colour TEXT NOT NULL,
    accent_colour TEXT NOT NULL,
    default_lang TEXT NOT NULL,
    browser_lang BIGINT NOT NULL,
    logo_file TEXT,
    updated_at BIGINT NOT NULL,
    revision BIGINT NOT NULL
);
