-- Repère schema, migration 4: the ROME 4.0 referential (France Travail open
-- data, files unix_*_vNNN_utf8.csv) and the job ↔ ROME mapping (issue 4).
--
-- One current referential. Each ROME import is an import_batch of kind
-- 'rome' whose label names the version ("ROME v460") and whose import_file
-- rows give the file names, SHA-256 and row counts.
-- Competencies are never deleted: one that a later version drops keeps its
-- row with removed_batch_id set, so that ratings on it keep their label and
-- can be flagged.
--
-- Rollback design (docs/rome-import.md): the tables below hold the current
-- referential only, and every row carries the batch that inserted or last
-- changed it. An import that changes or deletes a row first copies the old
-- row into the matching *_undo table under its own batch id. Rolling back
-- batch B is then: delete the rows whose batch_id is B, put back the rows of
-- the *_undo tables saved under B, forget them. This restores exactly the
-- referential (and the removed flags) that was current before B, costs
-- nothing for the rows an update leaves alone, and works batch after batch
-- back to the empty referential. A re-import of an identical referential
-- changes nothing and records no batch.

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
  rarely_used INTEGER NOT NULL DEFAULT 0 CHECK (rarely_used = 0 OR rarely_used = 1), -- peu_usite
  batch_id    INTEGER NOT NULL REFERENCES import_batch (id)
) STRICT;

CREATE INDEX rome_appellation_code ON rome_appellation (rome_code);

-- Savoir-faire and savoir-être (unix_referentiel_competence, nature
-- Compétence or Macro-compétence) and savoirs (unix_referentiel_savoir).
-- code_ogr values do not collide between the two files (checked on import).
CREATE TABLE competency (
  id               INTEGER PRIMARY KEY,                     -- code_ogr / code_ogr_savoir
  nature           TEXT NOT NULL CHECK (nature = 'competence' OR nature = 'macro' OR nature = 'savoir'),
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
  kind          TEXT NOT NULL CHECK (kind = 'savoir-faire' OR kind = 'savoir-etre' OR kind = 'savoir'),
  core          TEXT NOT NULL DEFAULT '' CHECK (core = '' OR core = 'principale' OR core = 'emergente'),
  batch_id      INTEGER NOT NULL REFERENCES import_batch (id),
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

-- One row per ROME import (import_batch.kind = 'rome'): the version read, the
-- sizes of the referential it installed (checked by repere-cli check against
-- the tables while it is the current one), its diff, and when it was rolled
-- back (NULL while it stands). The current referential is the one of the
-- last batch not rolled back.
CREATE TABLE rome_batch (
  batch_id             INTEGER PRIMARY KEY REFERENCES import_batch (id),
  version              TEXT NOT NULL,                   -- "v460"
  previous_batch_id    INTEGER REFERENCES rome_batch (batch_id),
  codes                INTEGER NOT NULL,
  appellations         INTEGER NOT NULL,
  competencies         INTEGER NOT NULL,                -- nature 'competence', current
  macros               INTEGER NOT NULL,
  savoirs              INTEGER NOT NULL,
  links                INTEGER NOT NULL,
  links_savoir_faire   INTEGER NOT NULL,
  links_savoir_etre    INTEGER NOT NULL,
  links_savoir         INTEGER NOT NULL,
  codes_added          INTEGER NOT NULL DEFAULT 0,
  codes_removed        INTEGER NOT NULL DEFAULT 0,
  codes_retitled       INTEGER NOT NULL DEFAULT 0,
  competencies_added   INTEGER NOT NULL DEFAULT 0,
  competencies_removed INTEGER NOT NULL DEFAULT 0,
  rolled_back_at       TEXT                             -- ISO 8601 UTC
) STRICT;

-- Rows as they were before the batch undo_batch_id changed or deleted them.
CREATE TABLE rome_code_undo (
  undo_batch_id INTEGER NOT NULL REFERENCES import_batch (id),
  code          TEXT NOT NULL,
  title         TEXT NOT NULL,
  ogr           INTEGER NOT NULL,
  parent_code   TEXT NOT NULL,
  batch_id      INTEGER NOT NULL,
  PRIMARY KEY (undo_batch_id, code)
) STRICT;

CREATE TABLE rome_appellation_undo (
  undo_batch_id INTEGER NOT NULL REFERENCES import_batch (id),
  id            INTEGER NOT NULL,
  rome_code     TEXT NOT NULL,
  label         TEXT NOT NULL,
  short_label   TEXT NOT NULL,
  rarely_used   INTEGER NOT NULL,
  batch_id      INTEGER NOT NULL,
  PRIMARY KEY (undo_batch_id, id)
) STRICT;

CREATE TABLE competency_undo (
  undo_batch_id    INTEGER NOT NULL REFERENCES import_batch (id),
  id               INTEGER NOT NULL,
  nature           TEXT NOT NULL,
  label            TEXT NOT NULL,
  definition       TEXT NOT NULL,
  category         TEXT NOT NULL,
  subcategory      TEXT NOT NULL,
  macro_id         INTEGER,
  macro_code       TEXT NOT NULL,
  batch_id         INTEGER,
  removed_batch_id INTEGER,
  PRIMARY KEY (undo_batch_id, id)
) STRICT;

CREATE TABLE rome_competency_undo (
  undo_batch_id INTEGER NOT NULL REFERENCES import_batch (id),
  rome_code     TEXT NOT NULL,
  competency_id INTEGER NOT NULL,
  kind          TEXT NOT NULL,
  core          TEXT NOT NULL,
  batch_id      INTEGER NOT NULL,
  PRIMARY KEY (undo_batch_id, rome_code, competency_id)
) STRICT, WITHOUT ROWID;
