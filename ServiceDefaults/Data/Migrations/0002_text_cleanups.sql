-- Names stored before every field refused them may hold what a one-line value refuses now: the invisible controls that
-- turn the direction of what follows (U+202A-U+202E, U+2066-U+2069: a staff list showed such a name turned), other
-- control characters, line breaks and characters that take no room. clean_one_line(value) gives the value without
-- them (a line break becomes a space), as the fields would have taken it; each service's own migration applies it to
-- its name columns and keeps every value it changed, as it was, in text_cleanups (the audit of the clean-up: which
-- row, which column, before and after, by which migration).
CREATE TABLE IF NOT EXISTS text_cleanups (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name text NOT NULL,
    column_name text NOT NULL,
    row_id text NOT NULL,
    before text NOT NULL,
    after text NOT NULL,
    migration text NOT NULL,
    cleaned_at timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION clean_one_line(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT btrim(regexp_replace(regexp_replace(regexp_replace(value,
        -- direction controls and characters that take no room (the joiners U+200C, U+200D stay: Persian needs them)
        '[\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\uFEFF\u180E]', '', 'g'),
        -- a line break, tab or Unicode line or paragraph separator: one line, so a space
        '[\t\n\r\u2028\u2029]+', ' ', 'g'),
        -- any other control character (C0, DEL, C1)
        '[\x01-\x1F\x7F-\x9F]', '', 'g'))
$$;

-- Cleans one text column of one table and records each value changed; the row's key is read as text.
CREATE OR REPLACE FUNCTION clean_one_line_column(table_name text, column_name text, key_name text, migration text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    changed integer;
BEGIN
    EXECUTE format($sql$
        WITH cleaned AS (
            SELECT %3$I AS key, %2$I AS before, clean_one_line(%2$I) AS after FROM %1$I
            WHERE %2$I IS NOT NULL AND clean_one_line(%2$I) IS DISTINCT FROM %2$I),
        updated AS (
            UPDATE %1$I t SET %2$I = cleaned.after FROM cleaned WHERE t.%3$I = cleaned.key RETURNING cleaned.*)
        INSERT INTO text_cleanups (table_name, column_name, row_id, before, after, migration)
        SELECT %1$L, %2$L, key::text, before, after, %4$L FROM updated
        $sql$, table_name, column_name, key_name, migration);
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END
$$;
