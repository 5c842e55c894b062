-- The demo city (docs/CONVENTIONS.md): a residents' office (Witten's four concerns plus Aarau's) and a tax
-- office with topic specialists (Winterthur). Idempotent so it can be re-run on a database that has it.
INSERT INTO departments (key, name_de, name_en, time_zone, mailbox_email, sort_order) VALUES
  ('residents-office', 'Einwohneramt', 'Residents'' office', 'Europe/Zurich', 'einwohneramt@stadt.example', 1),
  ('tax-office', 'Steueramt', 'Tax office', 'Europe/Zurich', 'steueramt@stadt.example', 2)
ON CONFLICT (key) DO NOTHING;

INSERT INTO concerns (key, department_key, name_de, name_en, description_de, description_en, duration_minutes, buffer_minutes,
                      channels, documents_de, documents_en, needs_identity_check, needs_signature, form_id, sort_order) VALUES
  ('residence-registration', 'residents-office', 'Anmeldung des Wohnsitzes', 'Registration of residence',
   'Sie ziehen in die Stadt und melden Ihren Wohnsitz an.', 'You move to the city and register your residence.',
   20, 5, ARRAY['chat','video'], ARRAY['Personalausweis oder Reisepass','Mietvertrag oder Wohnungsgeberbestätigung'],
   ARRAY['Identity card or passport','Tenancy agreement or landlord''s confirmation'], true, true, 'residence-registration', 1),
  ('deregistration-abroad', 'residents-office', 'Abmeldung ins Ausland', 'Deregistration (moving abroad)',
   'Sie verlassen die Schweiz und melden sich ab.', 'You leave the country and deregister.',
   20, 5, ARRAY['chat','video'], ARRAY['Personalausweis oder Reisepass','Neue Adresse im Ausland'],
   ARRAY['Identity card or passport','New address abroad'], true, true, 'deregistration-abroad', 2),
  ('care-facility-registration', 'residents-office', 'Anmeldung in einer Pflegeeinrichtung', 'Registration in a care facility',
   'Anmeldung einer Person, die in eine Pflegeeinrichtung zieht.', 'Registration of a person moving into a care facility.',
   30, 5, ARRAY['chat','video'], ARRAY['Personalausweis oder Reisepass der Person','Vollmacht oder Betreuungsausweis','Bestätigung der Einrichtung'],
   ARRAY['Identity card or passport of the person','Power of attorney or guardianship document','Confirmation from the facility'], true, true, 'care-facility-registration', 3),
  ('disabled-parking-permit', 'residents-office', 'Parkausweis für Menschen mit Behinderung', 'Disabled parking permit',
   'Antrag auf einen Parkausweis für Menschen mit Behinderung.', 'Application for a disabled parking permit.',
   30, 5, ARRAY['chat','video'], ARRAY['Personalausweis oder Reisepass','Schwerbehindertenausweis','Passfoto'],
   ARRAY['Identity card or passport','Disability card','Passport photo'], true, true, 'disabled-parking-permit', 4),
  ('move', 'residents-office', 'Umzug innerhalb der Stadt', 'Moving within the city',
   'Adressänderung nach einem Umzug innerhalb der Stadt.', 'Change of address after moving within the city.',
   15, 5, ARRAY['chat','video'], ARRAY['Personalausweis oder Reisepass','Neuer Mietvertrag'],
   ARRAY['Identity card or passport','New tenancy agreement'], true, true, 'move', 5),
  ('naturalisation', 'residents-office', 'Einbürgerung', 'Naturalisation',
   'Erstes Gespräch und Beratung zur Einbürgerung.', 'First meeting and advice on naturalisation.',
   45, 10, ARRAY['chat','video'], ARRAY['Ausländerausweis','Reisepass','Wohnsitzbestätigungen der letzten Jahre'],
   ARRAY['Residence permit','Passport','Proof of residence for recent years'], true, true, 'naturalisation', 6),
  ('dog-registration', 'residents-office', 'Hundeanmeldung', 'Dog registration',
   'Anmeldung eines Hundes und Hundesteuer.', 'Registering a dog and the dog tax.',
   15, 5, ARRAY['chat','video'], ARRAY['Chipnummer des Hundes','Impfausweis'],
   ARRAY['The dog''s microchip number','Vaccination record'], false, true, 'dog-registration', 7),
  ('lost-and-found', 'residents-office', 'Fundbüro', 'Lost and found',
   'Verlust melden oder Fundsache abholen.', 'Report a loss or collect a found item.',
   10, 5, ARRAY['chat','video'], ARRAY['Beschreibung des Gegenstands'],
   ARRAY['Description of the item'], false, false, 'lost-and-found', 8),
  ('general-enquiry', 'residents-office', 'Allgemeine Fragen', 'General questions',
   'Fragen, die zu keinem anderen Anliegen passen.', 'Questions that fit no other concern.',
   15, 5, ARRAY['chat','video'], ARRAY[]::text[], ARRAY[]::text[], false, false, 'general-enquiry', 9),
  ('tax-enquiry', 'tax-office', 'Allgemeine Steuerfragen', 'General tax questions',
   'Fragen zu Steuern, Fristen und Formularen.', 'Questions on taxes, deadlines and forms.',
   15, 5, ARRAY['chat','video'], ARRAY['Steuernummer (falls vorhanden)'], ARRAY['Tax number (if you have one)'], false, false, 'tax-enquiry', 1),
  ('tax-return', 'tax-office', 'Steuererklärung', 'Tax return',
   'Hilfe beim Ausfüllen der Steuererklärung.', 'Help with filling in the tax return.',
   30, 5, ARRAY['chat','video'], ARRAY['Steuernummer','Lohnausweis','Belege zu Abzügen'],
   ARRAY['Tax number','Salary statement','Receipts for deductions'], true, true, 'tax-return', 2),
  ('tax-assessment', 'tax-office', 'Steuerveranlagung', 'Tax assessment',
   'Fragen zu Ihrer Veranlagung oder Einsprache.', 'Questions on your assessment or an objection.',
   20, 5, ARRAY['chat','video'], ARRAY['Steuernummer','Veranlagungsverfügung'],
   ARRAY['Tax number','Assessment notice'], true, false, 'tax-assessment', 3),
  ('tax-payment', 'tax-office', 'Steuerbezug und Ratenzahlung', 'Tax payment and instalments',
   'Zahlungen, Raten und Mahnungen.', 'Payments, instalments and reminders.',
   15, 5, ARRAY['chat','video'], ARRAY['Steuernummer','Rechnung oder Mahnung'],
   ARRAY['Tax number','Invoice or reminder'], true, false, 'tax-payment', 4),
  ('withholding-tax', 'tax-office', 'Quellensteuer', 'Withholding tax',
   'Quellensteuer für ausländische Arbeitnehmende.', 'Withholding tax for foreign employees.',
   20, 5, ARRAY['chat','video'], ARRAY['Ausländerausweis','Lohnausweis'],
   ARRAY['Residence permit','Salary statement'], true, false, 'withholding-tax', 5)
ON CONFLICT (key) DO NOTHING;

-- Winterthur's live hours for the tax office; the residents' office is open every weekday, late on Thursday.
INSERT INTO opening_hours (department_key, day_of_week, opens, closes)
SELECT d, w, o::time, c::time FROM (VALUES
  ('tax-office', 1, '08:00', '12:00'), ('tax-office', 1, '13:30', '17:00'),
  ('tax-office', 2, '08:00', '12:00'), ('tax-office', 2, '13:30', '17:00'),
  ('residents-office', 1, '08:00', '12:00'), ('residents-office', 1, '13:30', '16:30'),
  ('residents-office', 2, '08:00', '12:00'), ('residents-office', 2, '13:30', '16:30'),
  ('residents-office', 3, '08:00', '12:00'), ('residents-office', 3, '13:30', '16:30'),
  ('residents-office', 4, '08:00', '12:00'), ('residents-office', 4, '13:30', '18:30'),
  ('residents-office', 5, '08:00', '12:00')) AS v(d, w, o, c)
WHERE NOT EXISTS (SELECT 1 FROM opening_hours);

INSERT INTO closures (department_key, date, reason_de, reason_en) VALUES
  (NULL, '2026-12-25', 'Weihnachtstag', 'Christmas Day'),
  (NULL, '2026-12-26', 'Stephanstag', 'St Stephen''s Day'),
  (NULL, '2027-01-01', 'Neujahr', 'New Year''s Day'),
  (NULL, '2027-01-02', 'Berchtoldstag', 'St Berchtold''s Day'),
  (NULL, '2027-03-26', 'Karfreitag', 'Good Friday'),
  (NULL, '2027-03-29', 'Ostermontag', 'Easter Monday'),
  (NULL, '2027-05-01', 'Tag der Arbeit', 'Labour Day'),
  (NULL, '2027-05-06', 'Auffahrt', 'Ascension Day'),
  (NULL, '2027-05-17', 'Pfingstmontag', 'Whit Monday'),
  (NULL, '2027-08-01', 'Bundesfeiertag', 'Swiss National Day'),
  (NULL, '2027-12-25', 'Weihnachtstag', 'Christmas Day'),
  (NULL, '2027-12-26', 'Stephanstag', 'St Stephen''s Day')
ON CONFLICT DO NOTHING;

-- The gateway's development accounts (fixed ids): clerks with the skills of their department.
INSERT INTO staff_skills (staff_id, concern_key, staff_name, department_key)
SELECT s.id::uuid, c.key, s.name, c.department_key
FROM (VALUES
  ('00000000-0000-0000-0000-00000000a003', 'clerk.residents', 'residents-office'),
  ('00000000-0000-0000-0000-00000000a005', 'clerk.second', 'residents-office'),
  ('00000000-0000-0000-0000-00000000a004', 'clerk.tax', 'tax-office')) AS s(id, name, department)
JOIN concerns c ON c.department_key = s.department
ON CONFLICT DO NOTHING;
