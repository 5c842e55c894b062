-- The city's own names in French and Italian beside German and English: departments, concerns (name and
-- description) and the closures' reasons (the opening-hours notes residents read). Empty means "not translated":
-- readers fall back to the city's default language, then German. The seeded rows are filled here.
ALTER TABLE departments ADD COLUMN name_fr text NOT NULL DEFAULT '', ADD COLUMN name_it text NOT NULL DEFAULT '';
ALTER TABLE concerns ADD COLUMN name_fr text NOT NULL DEFAULT '', ADD COLUMN name_it text NOT NULL DEFAULT '',
    ADD COLUMN description_fr text NOT NULL DEFAULT '', ADD COLUMN description_it text NOT NULL DEFAULT '';
ALTER TABLE closures ADD COLUMN reason_fr text NOT NULL DEFAULT '', ADD COLUMN reason_it text NOT NULL DEFAULT '';

UPDATE departments d SET name_fr = v.fr, name_it = v.it
FROM (VALUES
  ('residents-office', 'Contrôle des habitants', 'Controllo abitanti'),
  ('tax-office', 'Service des contributions', 'Ufficio delle imposte')) AS v(key, fr, it)
WHERE d.key = v.key AND d.name_fr = '' AND d.name_it = '';

UPDATE concerns c SET name_fr = v.name_fr, name_it = v.name_it, description_fr = v.description_fr, description_it = v.description_it
FROM (VALUES
  ('residence-registration', 'Annonce d’arrivée', 'Notifica d’arrivo',
   'Vous vous installez en ville et déclarez votre domicile.', 'Vi trasferite in città e notificate il vostro domicilio.'),
  ('deregistration-abroad', 'Annonce de départ à l’étranger', 'Notifica di partenza per l’estero',
   'Vous quittez la Suisse et annoncez votre départ.', 'Lasciate la Svizzera e notificate la vostra partenza.'),
  ('care-facility-registration', 'Annonce d’arrivée dans un établissement de soins', 'Notifica d’arrivo in una casa di cura',
   'Annonce d’une personne qui entre dans un établissement de soins.', 'Notifica di una persona che si trasferisce in una casa di cura.'),
  ('disabled-parking-permit', 'Carte de stationnement pour personnes handicapées', 'Contrassegno di parcheggio per persone con disabilità',
   'Demande de carte de stationnement pour personnes handicapées.', 'Richiesta di un contrassegno di parcheggio per persone con disabilità.'),
  ('move', 'Déménagement dans la ville', 'Trasloco all’interno della città',
   'Changement d’adresse après un déménagement dans la ville.', 'Cambio d’indirizzo dopo un trasloco all’interno della città.'),
  ('naturalisation', 'Naturalisation', 'Naturalizzazione',
   'Premier entretien et conseils sur la naturalisation.', 'Primo colloquio e consulenza sulla naturalizzazione.'),
  ('dog-registration', 'Enregistrement d’un chien', 'Registrazione di un cane',
   'Enregistrement d’un chien et taxe sur les chiens.', 'Registrazione di un cane e tassa sui cani.'),
  ('lost-and-found', 'Objets trouvés', 'Oggetti smarriti',
   'Signaler une perte ou récupérer un objet trouvé.', 'Segnalare una perdita o ritirare un oggetto trovato.'),
  ('general-enquiry', 'Questions générales', 'Domande generali',
   'Questions qui ne correspondent à aucune autre démarche.', 'Domande che non rientrano in nessun’altra pratica.'),
  ('tax-enquiry', 'Questions fiscales générales', 'Domande generali sulle imposte',
   'Questions sur les impôts, les délais et les formulaires.', 'Domande su imposte, termini e moduli.'),
  ('tax-return', 'Déclaration d’impôt', 'Dichiarazione d’imposta',
   'Aide pour remplir la déclaration d’impôt.', 'Aiuto per compilare la dichiarazione d’imposta.'),
  ('tax-assessment', 'Taxation', 'Tassazione',
   'Questions sur votre taxation ou une réclamation.', 'Domande sulla vostra tassazione o su un reclamo.'),
  ('tax-payment', 'Perception de l’impôt et paiement par acomptes', 'Riscossione delle imposte e pagamento rateale',
   'Paiements, acomptes et rappels.', 'Pagamenti, rate e solleciti.'),
  ('withholding-tax', 'Impôt à la source', 'Imposta alla fonte',
   'Impôt à la source pour les travailleurs étrangers.', 'Imposta alla fonte per i lavoratori stranieri.'))
  AS v(key, name_fr, name_it, description_fr, description_it)
WHERE c.key = v.key AND c.name_fr = '' AND c.name_it = '';

UPDATE closures c SET reason_fr = v.fr, reason_it = v.it
FROM (VALUES
  ('Weihnachtstag', 'Noël', 'Natale'),
  ('Stephanstag', 'Saint-Étienne', 'Santo Stefano'),
  ('Neujahr', 'Nouvel An', 'Capodanno'),
  ('Berchtoldstag', 'Saint-Berchtold', 'San Bertoldo'),
  ('Karfreitag', 'Vendredi saint', 'Venerdì santo'),
  ('Ostermontag', 'Lundi de Pâques', 'Lunedì di Pasqua'),
  ('Tag der Arbeit', 'Fête du travail', 'Festa del lavoro'),
  ('Auffahrt', 'Ascension', 'Ascensione'),
  ('Pfingstmontag', 'Lundi de Pentecôte', 'Lunedì di Pentecoste'),
  ('Bundesfeiertag', 'Fête nationale', 'Festa nazionale')) AS v(de, fr, it)
WHERE c.reason_de = v.de AND c.department_key IS NULL AND c.reason_fr = '' AND c.reason_it = '';
