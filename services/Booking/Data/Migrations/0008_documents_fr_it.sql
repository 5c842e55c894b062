-- Each concern's documents to bring in French and Italian beside German and English (0007 did the same for names).
-- Empty means "not translated": readers fall back to the city's default language, then German. The seeded concerns
-- are filled here, in Swiss usage (contribuable, certificat de salaire, livret pour étrangers, libretto per stranieri).
ALTER TABLE concerns ADD COLUMN documents_fr text[] NOT NULL DEFAULT '{}', ADD COLUMN documents_it text[] NOT NULL DEFAULT '{}';

UPDATE concerns c SET documents_fr = v.fr, documents_it = v.it
FROM (VALUES
  ('residence-registration',
   ARRAY['Carte d’identité ou passeport', 'Contrat de bail ou attestation du bailleur'],
   ARRAY['Carta d’identità o passaporto', 'Contratto di locazione o attestazione del locatore']),
  ('deregistration-abroad',
   ARRAY['Carte d’identité ou passeport', 'Nouvelle adresse à l’étranger'],
   ARRAY['Carta d’identità o passaporto', 'Nuovo indirizzo all’estero']),
  ('care-facility-registration',
   ARRAY['Carte d’identité ou passeport de la personne', 'Procuration ou acte de curatelle', 'Attestation de l’établissement'],
   ARRAY['Carta d’identità o passaporto della persona', 'Procura o atto di curatela', 'Conferma dell’istituto']),
  ('disabled-parking-permit',
   ARRAY['Carte d’identité ou passeport', 'Attestation de handicap', 'Photo d’identité'],
   ARRAY['Carta d’identità o passaporto', 'Attestazione di disabilità', 'Fototessera']),
  ('move',
   ARRAY['Carte d’identité ou passeport', 'Nouveau contrat de bail'],
   ARRAY['Carta d’identità o passaporto', 'Nuovo contratto di locazione']),
  ('naturalisation',
   ARRAY['Livret pour étrangers', 'Passeport', 'Attestations de domicile des dernières années'],
   ARRAY['Libretto per stranieri', 'Passaporto', 'Certificati di domicilio degli ultimi anni']),
  ('dog-registration',
   ARRAY['Numéro de puce électronique du chien', 'Carnet de vaccination'],
   ARRAY['Numero del microchip del cane', 'Libretto delle vaccinazioni']),
  ('lost-and-found',
   ARRAY['Description de l’objet'],
   ARRAY['Descrizione dell’oggetto']),
  ('tax-enquiry',
   ARRAY['Numéro de contribuable (si vous en avez un)'],
   ARRAY['Numero di contribuente (se ne avete uno)']),
  ('tax-return',
   ARRAY['Numéro de contribuable', 'Certificat de salaire', 'Justificatifs des déductions'],
   ARRAY['Numero di contribuente', 'Certificato di salario', 'Giustificativi delle deduzioni']),
  ('tax-assessment',
   ARRAY['Numéro de contribuable', 'Décision de taxation'],
   ARRAY['Numero di contribuente', 'Decisione di tassazione']),
  ('tax-payment',
   ARRAY['Numéro de contribuable', 'Facture ou rappel'],
   ARRAY['Numero di contribuente', 'Fattura o sollecito']),
  ('withholding-tax',
   ARRAY['Livret pour étrangers', 'Certificat de salaire'],
   ARRAY['Libretto per stranieri', 'Certificato di salario'])) AS v(key, fr, it)
WHERE c.key = v.key AND c.documents_fr = '{}' AND c.documents_it = '{}';
