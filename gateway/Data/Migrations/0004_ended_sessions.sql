-- Staff sessions signed out ("Abmelden"): a copy of their cookie is refused until it would have expired anyway.
CREATE TABLE ended_sessions (
    id text PRIMARY KEY,
    until timestamptz NOT NULL
);

CREATE INDEX ix_ended_sessions_until ON ended_sessions (until);
