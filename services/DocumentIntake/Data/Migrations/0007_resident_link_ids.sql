-- What a resident's link handed in, and its refusals, are counted by the link (resident_links.id, which a move or the
-- links sent again keep) rather than by its token (which they replace): the new token started its allowance from
-- nothing and listed none of the files handed in before. Rows from before are given their link where it is known.
ALTER TABLE submissions ADD COLUMN resident_link_id uuid;
ALTER TABLE refused_uploads ADD COLUMN resident_link_id uuid;
DO $$
BEGIN
    IF to_regclass('resident_links') IS NOT NULL THEN
        UPDATE submissions s SET resident_link_id = l.id FROM resident_links l WHERE l.token_hash = s.resident_token_hash;
        UPDATE refused_uploads r SET resident_link_id = l.id FROM resident_links l WHERE l.token_hash = r.resident_token_hash;
    END IF;
    IF to_regclass('replaced_resident_links') IS NOT NULL THEN
        UPDATE submissions s SET resident_link_id = r.link_id FROM replaced_resident_links r
        WHERE s.resident_link_id IS NULL AND r.token_hash = s.resident_token_hash;
        UPDATE refused_uploads u SET resident_link_id = r.link_id FROM replaced_resident_links r
        WHERE u.resident_link_id IS NULL AND r.token_hash = u.resident_token_hash;
    END IF;
END $$;
CREATE INDEX ix_submissions_resident_link_id ON submissions (resident_link_id) WHERE resident_link_id IS NOT NULL;
CREATE INDEX ix_refused_uploads_resident_link_id ON refused_uploads (resident_link_id) WHERE resident_link_id IS NOT NULL;
