-- Repère schema, migration 4: the ROME 4.0 referential (France Travail open
-- data, files unix_*_vNNN_utf8.csv) and the job ↔ ROME mapping (issue 4).
--
-- One current referential. Each ROME import is an import_batch of kind
-- 'rome' whose label names the version ("ROME v460") and whose import_file
-- rows give the file names, SHA-256 and row counts.
-- Competencies are never deleted: one that a later version drops keeps its
-- row with removed_batch_id set, so that ratings on it keep their label and
-- can be flagged.

-- The competency table of migration 1 was a placeholder, never filled.
DROP TABLE competency;

-- Fiche métier: unix_referentiel_code_rome.
CREATE TABLE rome_code (
  code        TEXT PRIMARY KEY CHECK (length (code) = 5),   -- "K1903"
  title       TEXT NOT NULL,                                -- libelle_rome
  ogr         INTEGER NOT NULL,                             -- code_ogr
  parent_code TEXT NOT NULL DEFAULT '',                     -- code_rome_parent
  batch_id    INTEGER NOT NULL REFERENCES import_batch (id)
) STRICT;

-- Appellations: unix_referentiel_appellation.
CREATE TABLE rome_appellation (
  id          INTEGER PRIMARY KEY,                          -- code_ogr
  rome_code   TEXT NOT NULL REFERENCES rome_code (code),
  label       TEXT NOT NULL,                                -- libelle_appellation_long
  short_label TEXT NOT NULL,                                -- libelle_appellation_court
  rarely_used INTEGER NOT NULL DEFAULT 0 CHECK (rarely_used IN (0, 1)) -- peu_usite
) STRICT;

-- Savoir-faire and savoir-être (unix_referentiel_competence, nature
-- Compétence or Macro-compétence) and savoirs (unix_referentiel_savoir).
-- code_ogr values do not collide between the two files (checked on import).
CREATE TABLE competency (
  id               INTEGER PRIMARY KEY,                     -- code_ogr / code_ogr_savoir
  nature           TEXT NOT NULL CHECK (nature IN ('competence', 'macro', 'savoir')),
  label            TEXT NOT NULL,
  definition       TEXT NOT NULL DEFAULT '',
  category         TEXT NOT NULL DEFAULT '',                -- cat_comp / categorie_savoir
  subcategory      TEXT NOT NULL DEFAULT '',                -- sous_cat_comp / sous_categorie_savoir
  macro_id         INTEGER,                                 -- code_ogr_macro_comp (a 'macro' row)
  macro_code       TEXT NOT NULL DEFAULT '',                -- code_macro_comp, "4A101" on macro rows
  batch_id         INTEGER REFERENCES import_batch (id),    -- import that added or last changed it
  removed_batch_id INTEGER REFERENCES import_batch (id)     -- import that no longer had it; NULL while current
) STRICT;

CREATE INDEX competency_macro ON competency (macro_id);

-- Bloc 5 of unix_liens_rome_referentiels: code → competency, with the
-- rubrique (1 savoir-faire, 2 savoir-être professionnels, 3 savoirs) and
-- coeur_metier of unix_coherence_item (Principale / Émergente / empty).
CREATE TABLE rome_competency (
  rome_code     TEXT NOT NULL REFERENCES rome_code (code),
  competency_id INTEGER NOT NULL REFERENCES competency (id),
  kind          TEXT NOT NULL CHECK (kind IN ('savoir-faire', 'savoir-etre', 'savoir')),
  core          TEXT NOT NULL DEFAULT '' CHECK (core IN ('', 'principale', 'emergente')),
  PRIMARY KEY (rome_code, competency_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX rome_competency_competency ON rome_competency (competency_id);

-- Search over competency labels, case and accents ignored.
CREATE VIRTUAL TABLE competency_search USING fts5 (
  label,
  content = 'competency',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
