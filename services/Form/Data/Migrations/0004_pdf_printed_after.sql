-- The submission's PDF is printed after the resident has submitted, from the FormSubmitted message: the
-- resident never waits on Chromium. Until then the dossier keeps the page to print (pdf_source).
ALTER TABLE dossiers
    ALTER COLUMN pdf DROP NOT NULL,
    ADD COLUMN pdf_source text NULL;
