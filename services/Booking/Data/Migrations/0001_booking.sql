-- Booking's own schema. Capacity is enforced by the exclusion constraint on appointments: a clerk can
-- hold only one booked appointment per instant, so concurrent bookings cannot oversell a slot.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE departments (
    key text PRIMARY KEY,
    name_de text NOT NULL,
    name_en text NOT NULL,
    time_zone text NOT NULL DEFAULT 'Europe/Zurich',
    mailbox_email text NOT NULL,
    sort_order integer NOT NULL DEFAULT 0
);

CREATE TABLE concerns (
    key text PRIMARY KEY,
    department_key text NOT NULL REFERENCES departments (key),
    name_de text NOT NULL,
    name_en text NOT NULL,
    description_de text NOT NULL DEFAULT '',
    description_en text NOT NULL DEFAULT '',
    duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 240),
    buffer_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 120),
    channels text[] NOT NULL DEFAULT ARRAY['chat', 'video'],
    documents_de text[] NOT NULL DEFAULT '{}',
    documents_en text[] NOT NULL DEFAULT '{}',
    needs_identity_check boolean NOT NULL DEFAULT false,
    needs_signature boolean NOT NULL DEFAULT false,
    form_id text NULL,
    active boolean NOT NULL DEFAULT true,
    sort_order integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_concerns_department ON concerns (department_key);

-- Several ranges per day; day_of_week as .NET's DayOfWeek (0 = Sunday).
CREATE TABLE opening_hours (
    id serial PRIMARY KEY,
    department_key text NOT NULL REFERENCES departments (key) ON DELETE CASCADE,
    day_of_week integer NOT NULL CHECK (day_of_week BETWEEN 0 AND 6),
    opens time NOT NULL,
    closes time NOT NULL,
    CHECK (closes > opens)
);
CREATE INDEX ix_opening_hours_department ON opening_hours (department_key);

-- A closure without a department closes the whole city (public holidays).
CREATE TABLE closures (
    id serial PRIMARY KEY,
    department_key text NULL REFERENCES departments (key) ON DELETE CASCADE,
    date date NOT NULL,
    reason_de text NOT NULL,
    reason_en text NOT NULL
);
CREATE UNIQUE INDEX ux_closures_department_date ON closures (coalesce(department_key, ''), date);

CREATE TABLE staff_skills (
    staff_id uuid NOT NULL,
    concern_key text NOT NULL REFERENCES concerns (key) ON DELETE CASCADE,
    staff_name text NOT NULL,
    department_key text NOT NULL REFERENCES departments (key),
    PRIMARY KEY (staff_id, concern_key)
);
CREATE INDEX ix_staff_skills_concern ON staff_skills (concern_key);

CREATE TABLE appointments (
    id uuid PRIMARY KEY,
    concern_key text NOT NULL REFERENCES concerns (key),
    department_key text NOT NULL REFERENCES departments (key),
    staff_id uuid NOT NULL,
    start_at timestamptz NOT NULL,
    end_at timestamptz NOT NULL,
    blocked_until timestamptz NOT NULL,
    citizen_name text NOT NULL,
    email text NOT NULL,
    language text NOT NULL,
    status text NOT NULL,
    sequence integer NOT NULL DEFAULT 0,
    join_token_hash text NOT NULL,
    join_token_expires_at timestamptz NOT NULL,
    booked_at timestamptz NOT NULL,
    cancelled_at timestamptz NULL,
    reminder_due_at timestamptz NULL,
    called_at timestamptz NULL,
    called_by uuid NULL,
    joined_at timestamptz NULL,
    CHECK (end_at > start_at AND blocked_until >= end_at),
    CONSTRAINT appointments_staff_no_overlap EXCLUDE USING gist (
        staff_id WITH =, tstzrange(start_at, blocked_until, '[)') WITH &&) WHERE (status = 'booked')
);
CREATE INDEX ix_appointments_email_active ON appointments (lower(email)) WHERE status = 'booked';
CREATE INDEX ix_appointments_start ON appointments (start_at) WHERE status = 'booked';
CREATE INDEX ix_appointments_reminder ON appointments (reminder_due_at) WHERE status = 'booked' AND reminder_due_at IS NOT NULL;

-- Capability tokens of residents, stored hashed, each with one purpose and an expiry.
CREATE TABLE resident_tokens (
    hash text PRIMARY KEY,
    purpose text NOT NULL,
    subject_id uuid NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_resident_tokens_subject ON resident_tokens (subject_id);

-- One-time rows holding the plain link tokens a mail needs; deleted once the mail is sent.
CREATE TABLE pending_mails (
    id uuid PRIMARY KEY,
    appointment_id uuid NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    kind text NOT NULL,
    join_token text NOT NULL,
    manage_token text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_pending_mails_appointment ON pending_mails (appointment_id, kind);

-- The live queue lives in Redis; every ticket is also kept here for statistics.
CREATE TABLE queue_tickets (
    id uuid PRIMARY KEY,
    concern_key text NOT NULL REFERENCES concerns (key),
    department_key text NOT NULL REFERENCES departments (key),
    citizen_name text NOT NULL,
    email text NULL,
    language text NOT NULL,
    status text NOT NULL,
    issued_at timestamptz NOT NULL,
    called_at timestamptz NULL,
    called_by uuid NULL,
    joined_at timestamptz NULL,
    finished_at timestamptz NULL,
    handling_seconds integer NULL
);
CREATE INDEX ix_queue_tickets_issued ON queue_tickets (issued_at);
