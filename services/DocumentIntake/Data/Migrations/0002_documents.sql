-- Submissions (one request from a resident, a kiosk or another service) and their documents.
CREATE TABLE submissions (
    id uuid PRIMARY KEY,
    channel text NOT NULL,
    receipt_number text UNIQUE,
    concern_key text,
    department_key text,
    session_id uuid,
    dossier_id uuid,
    resident_token_hash text,
    note text,
    email text,
    language text NOT NULL DEFAULT 'de',
    created_at timestamptz NOT NULL
);
CREATE INDEX ix_submissions_session_id ON submissions (session_id);
CREATE INDEX ix_submissions_resident_token_hash ON submissions (resident_token_hash);

CREATE TABLE documents (
    id uuid PRIMARY KEY,
    submission_id uuid NOT NULL REFERENCES submissions (id),
    file_name text NOT NULL,
    content_type text NOT NULL,
    length bigint NOT NULL,
    sha256 text NOT NULL,
    page_count integer,
    status text NOT NULL,
    signature text,
    scan_attempts integer NOT NULL DEFAULT 0,
    next_scan_at timestamptz,
    scanned_at timestamptz,
    department_key text NOT NULL,
    concern_key text,
    routing_rule text NOT NULL,
    assigned_staff_id uuid,
    assigned_at timestamptz,
    processed_at timestamptz,
    processed_by uuid,
    received_at timestamptz NOT NULL,
    deleted_at timestamptz
);
CREATE INDEX ix_documents_submission_id ON documents (submission_id);
CREATE INDEX ix_documents_pending ON documents (next_scan_at) WHERE status = 'pending_scan';
CREATE INDEX ix_documents_inbox ON documents (department_key, received_at) WHERE deleted_at IS NULL;

-- Kiosk receipts read K-<year>-<number>; the number never repeats, so a receipt names one submission.
CREATE SEQUENCE kiosk_receipt_numbers;

-- Routing: the first matching rule by priority (highest first) decides the department inbox.
-- A rule matches when every condition it sets holds; a rule without conditions catches everything.
CREATE TABLE routing_rules (
    id serial PRIMARY KEY,
    name text NOT NULL,
    priority integer NOT NULL,
    concern_key text,
    source_department_key text,
    keyword text,
    target_department_key text NOT NULL
);

-- Each department's central mailbox receives a notice (with a link to the inbox, never the file).
CREATE TABLE department_inboxes (
    department_key text PRIMARY KEY,
    name_de text NOT NULL,
    name_en text NOT NULL,
    mailbox text NOT NULL
);

-- The demo city.
INSERT INTO department_inboxes (department_key, name_de, name_en, mailbox) VALUES
    ('residents-office', 'Einwohneramt', 'Residents'' office', 'einwohneramt@stadt.example'),
    ('tax-office', 'Steueramt', 'Tax office', 'steueramt@stadt.example');

INSERT INTO routing_rules (name, priority, concern_key, source_department_key, keyword, target_department_key) VALUES
    ('Tax keyword in a general enquiry', 200, 'general-enquiry', NULL, 'steuer', 'tax-office'),
    ('Tax keyword in a general enquiry (en)', 200, 'general-enquiry', NULL, 'tax', 'tax-office'),
    ('Salary certificate', 150, NULL, NULL, 'lohnausweis', 'tax-office'),
    ('Residence registration', 100, 'residence-registration', NULL, NULL, 'residents-office'),
    ('Deregistration abroad', 100, 'deregistration-abroad', NULL, NULL, 'residents-office'),
    ('Care facility registration', 100, 'care-facility-registration', NULL, NULL, 'residents-office'),
    ('Disabled parking permit', 100, 'disabled-parking-permit', NULL, NULL, 'residents-office'),
    ('Move', 100, 'move', NULL, NULL, 'residents-office'),
    ('Naturalisation', 100, 'naturalisation', NULL, NULL, 'residents-office'),
    ('Dog registration', 100, 'dog-registration', NULL, NULL, 'residents-office'),
    ('Lost and found', 100, 'lost-and-found', NULL, NULL, 'residents-office'),
    ('General enquiry', 100, 'general-enquiry', NULL, NULL, 'residents-office'),
    ('Tax enquiry', 100, 'tax-enquiry', NULL, NULL, 'tax-office'),
    ('Tax return', 100, 'tax-return', NULL, NULL, 'tax-office'),
    ('Tax assessment', 100, 'tax-assessment', NULL, NULL, 'tax-office'),
    ('Tax payment', 100, 'tax-payment', NULL, NULL, 'tax-office'),
    ('Withholding tax', 100, 'withholding-tax', NULL, NULL, 'tax-office'),
    ('Consultation of the residents'' office', 50, NULL, 'residents-office', NULL, 'residents-office'),
    ('Consultation of the tax office', 50, NULL, 'tax-office', NULL, 'tax-office'),
    ('Everything else to the central mailbox', 0, NULL, NULL, NULL, 'residents-office');
