-- Repère schema, migration 5: more of each ROME 4.0 fiche (issue 9) and the
-- referential bundled with Repère.
--
-- New parts of the referential, from the same France Travail export:
--   grands domaines and domaines professionnels (unix_grand_domaine,
--   unix_domaine_professionnel; a code's domain from unix_cr_gd_dp),
--   the fiche texts (unix_texte: définition, accès à l'emploi),
--   the work contexts (unix_referentiel_contexte_travail) and the bloc 6
--   links that give each code its contexts (unix_liens_rome_referentiels),
--   the mobility links between codes (unix_rubrique_mobilite),
--   the transition flags of codes (unix_referentiel_code_rome) and of
--   competencies (unix_referentiel_competence, unix_referentiel_savoir).
-- Each new table follows the rollback design of migration 4: it holds the
-- current referential only, every row carries the batch that inserted or last
-- changed it, and an import that changes or deletes a row first copies it
-- into the matching *_undo table under its own batch id.
--
-- Rows imported before this migration keep NULL (or '') in the new columns;
-- their batch is marked fiche = 0 (imported before the fiche parts existed).

-- Grands domaines (one letter) and domaines professionnels (letter and two digits).
CREATE TABLE rome_grand_domain (
  code     TEXT PRIMARY KEY CHECK (length (code) = 1),        -- code_grand_domaine, "M"
  label    TEXT NOT NULL,                                     -- libelle_grand_domaine
  batch_id INTEGER NOT NULL REFERENCES import_batch (id)
) STRICT;

CREATE TABLE rome_domain (
  code              TEXT PRIMARY KEY CHECK (length (code) = 3), -- code_domaine_professionnel, "M18"
  grand_domain_code TEXT NOT NULL REFERENCES rome_grand_domain (code),
  label             TEXT NOT NULL,                            -- libelle_domaine_professionnel
  batch_id          INTEGER NOT NULL REFERENCES import_batch (id)
) STRICT;

-- A code's domain and flags (unix_cr_gd_dp, unix_referentiel_code_rome).
-- transition_eco is ROME's own label ("Emploi Vert", "Emploi Brun",
-- "Emploi stratégique pour la Transition écologique", "Emploi Blanc") or '';
-- the others are 1 (O), 0 (N) or NULL (not stated).
ALTER TABLE rome_code ADD COLUMN domain_code TEXT REFERENCES rome_domain (code);
ALTER TABLE rome_code ADD COLUMN transition_eco TEXT NOT NULL DEFAULT '';
ALTER TABLE rome_code ADD COLUMN transition_num INTEGER CHECK (transition_num = 0 OR transition_num = 1);
ALTER TABLE rome_code ADD COLUMN transition_demo INTEGER CHECK (transition_demo = 0 OR transition_demo = 1);
ALTER TABLE rome_code ADD COLUMN regulated INTEGER CHECK (regulated = 0 OR regulated = 1);   -- emploi_reglemente
ALTER TABLE rome_code ADD COLUMN executive INTEGER CHECK (executive = 0 OR executive = 1);   -- emploi_cadre

ALTER TABLE rome_code_undo ADD COLUMN domain_code TEXT;
ALTER TABLE rome_code_undo ADD COLUMN transition_eco TEXT NOT NULL DEFAULT '';
ALTER TABLE rome_code_undo ADD COLUMN transition_num INTEGER;
ALTER TABLE rome_code_undo ADD COLUMN transition_demo INTEGER;
ALTER TABLE rome_code_undo ADD COLUMN regulated INTEGER;
ALTER TABLE rome_code_undo ADD COLUMN executive INTEGER;

-- A competency's flags: transition_eco, transition_num of
-- unix_referentiel_competence and unix_referentiel_savoir (1 O, 0 N, NULL).
ALTER TABLE competency ADD COLUMN transition_eco INTEGER CHECK (transition_eco = 0 OR transition_eco = 1);
ALTER TABLE competency ADD COLUMN transition_num INTEGER CHECK (transition_num = 0 OR transition_num = 1);
ALTER TABLE competency_undo ADD COLUMN transition_eco INTEGER;
ALTER TABLE competency_undo ADD COLUMN transition_num INTEGER;

-- The fiche texts (unix_texte): bloc 3 définition, bloc 4 accès à l'emploi,
-- one row per sentence (position_phrase).
CREATE TABLE rome_text (
  rome_code TEXT NOT NULL REFERENCES rome_code (code),
  kind      TEXT NOT NULL CHECK (kind = 'definition' OR kind = 'access'),
  position  INTEGER NOT NULL CHECK (position > 0),
  text      TEXT NOT NULL,
  batch_id  INTEGER NOT NULL REFERENCES import_batch (id),
  PRIMARY KEY (rome_code, kind, position)
) STRICT, WITHOUT ROWID;

-- Work contexts (unix_referentiel_contexte_travail), in 6 types
-- (code_type_cont_trav / libelle_type_cont_trav).
CREATE TABLE rome_context (
  id         INTEGER PRIMARY KEY,                             -- code_ogr
  label      TEXT NOT NULL,                                   -- libelle_cont_travail
  type_code  INTEGER NOT NULL,                                -- code_type_cont_trav
  type_label TEXT NOT NULL,                                   -- libelle_type_cont_trav
  batch_id   INTEGER NOT NULL REFERENCES import_batch (id)
) STRICT;

-- Bloc 6 of unix_liens_rome_referentiels: code → work context, with the
-- coeur_metier of unix_coherence_item when it has one.
CREATE TABLE rome_code_context (
  rome_code  TEXT NOT NULL REFERENCES rome_code (code),
  context_id INTEGER NOT NULL REFERENCES rome_context (id),
  core       TEXT NOT NULL DEFAULT '' CHECK (core = '' OR core = 'principale' OR core = 'emergente'),
  batch_id   INTEGER NOT NULL REFERENCES import_batch (id),
  PRIMARY KEY (rome_code, context_id)
) STRICT, WITHOUT ROWID;

-- Mobility (unix_rubrique_mobilite): from a code towards a target code, in
-- ROME's order (numero_ordre).
CREATE TABLE rome_mobility (
  rome_code   TEXT NOT NULL REFERENCES rome_code (code),
  target_code TEXT NOT NULL REFERENCES rome_code (code),
  position    INTEGER NOT NULL,
  batch_id    INTEGER NOT NULL REFERENCES import_batch (id),
  PRIMARY KEY (rome_code, target_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE rome_grand_domain_undo (
  undo_batch_id INTEGER NOT NULL REFERENCES import_batch (id),
  code          TEXT NOT NULL,
  label         TEXT NOT NULL,
  batch_id      INTEGER NOT NULL,
  PRIMARY KEY (undo_batch_id, code)
) STRICT;

CREATE TABLE rome_domain_undo (
  undo_batch_id     INTEGER NOT NULL REFERENCES import_batch (id),
  code              TEXT NOT NULL,
  grand_domain_code TEXT NOT NULL,
  label             TEXT NOT NULL,
  batch_id          INTEGER NOT NULL,
  PRIMARY KEY (undo_batch_id, code)
) STRICT;

CREATE TABLE rome_text_undo (
  undo_batch_id INTEGER NOT NULL REFERENCES import_batch (id),
  rome_code     TEXT NOT NULL,
  kind          TEXT NOT NULL,
  position      INTEGER NOT NULL,
  text          TEXT NOT NULL,
  batch_id      INTEGER NOT NULL,
  PRIMARY KEY (undo_batch_id, rome_code, kind, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE rome_context_undo (
  undo_batch_id INTEGER NOT NULL REFERENCES import_batch (id),
  id            INTEGER NOT NULL,
  label         TEXT NOT NULL,
  type_code     INTEGER NOT NULL,
  type_label    TEXT NOT NULL,
  batch_id      INTEGER NOT NULL,
  PRIMARY KEY (undo_batch_id, id)
) STRICT;

CREATE TABLE rome_code_context_undo (
  undo_batch_id INTEGER NOT NULL REFERENCES import_batch (id),
  rome_code     TEXT NOT NULL,
  context_id    INTEGER NOT NULL,
  core          TEXT NOT NULL,
  batch_id      INTEGER NOT NULL,
  PRIMARY KEY (undo_batch_id, rome_code, context_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE rome_mobility_undo (
  undo_batch_id INTEGER NOT NULL REFERENCES import_batch (id),
  rome_code     TEXT NOT NULL,
  target_code   TEXT NOT NULL,
  position      INTEGER NOT NULL,
  batch_id      INTEGER NOT NULL,
  PRIMARY KEY (undo_batch_id, rome_code, target_code)
) STRICT, WITHOUT ROWID;

-- The sizes of the new parts, recorded with each import (checked by
-- repere-cli check like the others); origin 'bundled' for the referential
-- compiled into Repère (never rolled back), 'user' otherwise; fiche 0 for
-- imports made before this migration, which lack the new parts.
ALTER TABLE rome_batch ADD COLUMN origin TEXT NOT NULL DEFAULT 'user' CHECK (origin = 'user' OR origin = 'bundled');
ALTER TABLE rome_batch ADD COLUMN fiche INTEGER NOT NULL DEFAULT 1 CHECK (fiche = 0 OR fiche = 1);
ALTER TABLE rome_batch ADD COLUMN grand_domains INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rome_batch ADD COLUMN domains INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rome_batch ADD COLUMN texts_definition INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rome_batch ADD COLUMN texts_access INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rome_batch ADD COLUMN contexts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rome_batch ADD COLUMN context_links INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rome_batch ADD COLUMN mobility_links INTEGER NOT NULL DEFAULT 0;
UPDATE rome_batch SET fiche = 0;

-- The ten competencies most exposed to generative AI of section 3.3
-- (top_competency) and the ROME competencies they name
-- (data/top-competency-rome.csv): 'exact' when the label is ROME's own,
-- 'close' when ROME words it otherwise. competency_id is a code_ogr, not a
-- foreign key: the link stays when a referential lacks the competency.
CREATE TABLE top_competency_rome (
  position      INTEGER NOT NULL REFERENCES top_competency (position),
  competency_id INTEGER NOT NULL,
  match         TEXT NOT NULL CHECK (match = 'exact' OR match = 'close'),
  note          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (position, competency_id)
) STRICT;
