-- The departments an audit entry concerns, so supervisors read only their departments' entries (admins read all).
-- Entries written before have none and stay visible to admins only.
ALTER TABLE audit_log ADD COLUMN departments text[] NOT NULL DEFAULT '{}';

CREATE INDEX ix_audit_log_departments ON audit_log USING gin (departments);
