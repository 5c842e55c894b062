-- A password an admin set (a new account's, or a reset) must be replaced by the owner at the next sign-in.
ALTER TABLE staff_users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
