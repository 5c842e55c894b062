-- A document handed on from one department's inbox to another's (a kiosk scan under the wrong concern, an upload that
-- belongs elsewhere): the document's department changes, and each hand-on is kept here, who, when, from where and why.
CREATE TABLE document_hand_ons (
    id uuid PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents (id),
    from_department_key text NOT NULL,
    to_department_key text NOT NULL,
    reason text NOT NULL,
    handed_on_by uuid NOT NULL,
    handed_on_at timestamptz NOT NULL
);
CREATE INDEX ix_document_hand_ons_document_id ON document_hand_ons (document_id, handed_on_at);
