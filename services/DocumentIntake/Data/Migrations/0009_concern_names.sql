-- The concerns' names as booking announces them (ConcernChanged, on each save and for all at booking's start): the
-- mail to a department's mailbox named a new document's concern by its key ("Anliegen: move").
CREATE TABLE concern_names (
    concern_key text PRIMARY KEY,
    department_key text NOT NULL,
    name_de text NOT NULL,
    name_en text NOT NULL DEFAULT '',
    name_fr text NOT NULL DEFAULT '',
    name_it text NOT NULL DEFAULT ''
);
