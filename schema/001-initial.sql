-- Repère schema, migration 1: the study "Impacts de l'IA générative pour les
-- métiers de l'assistance" (Observatoire des métiers de l'assistance, PwC,
-- 2024-2025) and the tables later imports fill (ROME, ratings, mappings).
-- Every study row keeps the section it was transcribed from in `source`.

-- Provenance of every imported value (study bundle, ROME files, mappings).
CREATE TABLE import_batch (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('study', 'rome', 'mapping', 'ratings')),
  label       TEXT NOT NULL,              -- e.g. "Étude 2024-2025", "ROME v460"
  started_at  TEXT NOT NULL,              -- ISO 8601 UTC
  finished_at TEXT,
  note        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE import_file (
  batch_id INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
  name     TEXT NOT NULL,                 -- file name as read
  sha256   TEXT NOT NULL,
  rows     INTEGER NOT NULL,
  PRIMARY KEY (batch_id, name)
) STRICT;

-- Famille métier, 13 (section 1.2.2).
CREATE TABLE family (
  code   TEXT PRIMARY KEY CHECK (length (code) = 2),
  name   TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL
) STRICT;

-- Other spellings of a family in the study's tables ("05 - Réseau de prestataires").
CREATE TABLE family_alias (
  alias       TEXT PRIMARY KEY,
  family_code TEXT NOT NULL REFERENCES family (code),
  source      TEXT NOT NULL
) STRICT;

-- Métier, 58 (section 1.2.2); texts of the fiches (section 4.2) for core jobs.
CREATE TABLE job (
  id          TEXT PRIMARY KEY,           -- stable slug, e.g. "charge-d-assistance"
  family_code TEXT NOT NULL REFERENCES family (code),
  name        TEXT NOT NULL UNIQUE,       -- canonical name, list of 1.2.2
  position    INTEGER NOT NULL,           -- order within the family in 1.2.2
  core        INTEGER NOT NULL CHECK (core IN (0, 1)), -- cœur d'assistance (4.1.1)
  description TEXT NOT NULL DEFAULT '',   -- "Spécificité métier"
  short_term  TEXT NOT NULL DEFAULT '',   -- "Applications opérationnelles de l'IA générative"
  scenario_5y TEXT NOT NULL DEFAULT '',   -- "Pour aller plus loin, scénario d'approfondissement"
  source      TEXT NOT NULL
) STRICT;

-- Spellings of a job used elsewhere in the study (truncated table cells,
-- "Infirmier assistance", "Gestionnaire de réseaux prestataires"...).
CREATE TABLE job_alias (
  alias  TEXT PRIMARY KEY,
  job_id TEXT NOT NULL REFERENCES job (id),
  source TEXT NOT NULL
) STRICT;

-- Niveau d'exposition 1-5 (3.2.1.1, 4.2).
CREATE TABLE exposure_level (
  level      INTEGER PRIMARY KEY CHECK (level BETWEEN 1 AND 5),
  name       TEXT NOT NULL,               -- Négligeable ... Majeur
  definition TEXT NOT NULL,
  colour     TEXT NOT NULL,               -- study palette, "#rrggbb" (3.2.2.1 "Lecture du graphique")
  source     TEXT NOT NULL
) STRICT;

-- Classification métier (3.2.1.2).
CREATE TABLE classification (
  id         TEXT PRIMARY KEY,            -- emergent | strong-transformation | evolving | not-impacted
  name       TEXT NOT NULL UNIQUE,
  position   INTEGER NOT NULL,            -- column order of Figure 2
  definition TEXT NOT NULL,
  rule       TEXT NOT NULL,
  colour     TEXT NOT NULL,
  source     TEXT NOT NULL
) STRICT;

-- The study's three assessments (qualifications) and, later, the user's own.
CREATE TABLE assessment (
  id          TEXT PRIMARY KEY,           -- pwc-initial | pwc-revised | experts | user slug
  name        TEXT NOT NULL,
  description TEXT NOT NULL,
  position    INTEGER NOT NULL,
  is_study    INTEGER NOT NULL CHECK (is_study IN (0, 1)),
  based_on    TEXT REFERENCES assessment (id),
  source      TEXT NOT NULL
) STRICT;

-- One row of a published ranking table: Annexe 1.1 (pwc-initial), Figure 1
-- of 3.2.2.1 (pwc-revised), Figure 1 of 3.2.2.2 (experts).
CREATE TABLE published_result (
  assessment_id        TEXT NOT NULL REFERENCES assessment (id),
  job_id               TEXT NOT NULL REFERENCES job (id),
  score                REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
  rank                 INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 58),
  classification_id    TEXT NOT NULL REFERENCES classification (id),
  printed_family       TEXT NOT NULL,     -- the cells as printed
  printed_job          TEXT NOT NULL,
  printed_class        TEXT NOT NULL,
  source               TEXT NOT NULL,
  PRIMARY KEY (assessment_id, job_id),
  UNIQUE (assessment_id, rank)
) STRICT;

-- Membership of a job in a column of a classification figure: Figure 2 of
-- 3.2.2.1 and 3.2.2.2, Annexe 1.2.
CREATE TABLE figure_classification (
  assessment_id     TEXT NOT NULL REFERENCES assessment (id),
  job_id            TEXT NOT NULL REFERENCES job (id),
  classification_id TEXT NOT NULL REFERENCES classification (id),
  printed_job       TEXT NOT NULL,
  source            TEXT NOT NULL,
  PRIMARY KEY (assessment_id, job_id)
) STRICT;

-- Share of jobs per class printed in a classification figure header (only
-- Figure 2 of 3.2.2.2 prints them).
CREATE TABLE figure_class_share (
  assessment_id     TEXT NOT NULL REFERENCES assessment (id),
  classification_id TEXT NOT NULL REFERENCES classification (id),
  percent           INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
  source            TEXT NOT NULL,
  PRIMARY KEY (assessment_id, classification_id)
) STRICT;

-- Fiche of a core job, section 4.2: per assessment, the competencies
-- analysed/retained and the count at each exposure level, with the score and
-- class the fiche prints.
CREATE TABLE level_count (
  assessment_id     TEXT NOT NULL REFERENCES assessment (id),
  job_id            TEXT NOT NULL REFERENCES job (id),
  competencies      INTEGER NOT NULL CHECK (competencies >= 0), -- "N compétences analysées/retenues"
  n1                INTEGER NOT NULL CHECK (n1 >= 0),
  n2                INTEGER NOT NULL CHECK (n2 >= 0),
  n3                INTEGER NOT NULL CHECK (n3 >= 0),
  n4                INTEGER NOT NULL CHECK (n4 >= 0),
  n5                INTEGER NOT NULL CHECK (n5 >= 0),
  score             REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
  classification_id TEXT NOT NULL REFERENCES classification (id),
  printed_class     TEXT NOT NULL,
  source            TEXT NOT NULL,
  PRIMARY KEY (assessment_id, job_id)
) STRICT;

-- Cas d'usage (4.2 fiches; Observatoire complements). One row per distinct
-- use case, shared by every job whose fiche lists it.
CREATE TABLE use_case (
  id      TEXT PRIMARY KEY,               -- slug of the title
  title   TEXT NOT NULL,
  origin  TEXT NOT NULL CHECK (origin IN ('workshop', 'observatoire')),
  body    TEXT NOT NULL DEFAULT '',       -- free text (Observatoire complements)
  source  TEXT NOT NULL
) STRICT;

CREATE TABLE job_use_case (
  job_id      TEXT NOT NULL REFERENCES job (id),
  use_case_id TEXT NOT NULL REFERENCES use_case (id),
  priority    INTEGER CHECK (priority BETWEEN 1 AND 3), -- NULL for Observatoire complements
  context     TEXT NOT NULL DEFAULT '',   -- sub-table heading, e.g. "Cas d'usage spécifiques chargé d'assistance au médical"
  position    INTEGER NOT NULL,           -- order in the fiche
  source      TEXT NOT NULL,
  PRIMARY KEY (job_id, use_case_id, context)
) STRICT;

-- Comment of a use case in one job's fiche, split in its parts.
CREATE TABLE use_case_comment (
  job_id      TEXT NOT NULL,
  use_case_id TEXT NOT NULL,
  context     TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('approfondissement', 'limite', 'prerequis', 'note')),
  text        TEXT NOT NULL,
  source      TEXT NOT NULL,
  PRIMARY KEY (job_id, use_case_id, context, position),
  FOREIGN KEY (job_id, use_case_id, context) REFERENCES job_use_case (job_id, use_case_id, context)
) STRICT;

-- Transverse use cases (4.3.1).
CREATE TABLE transverse_use_case (
  position INTEGER PRIMARY KEY,
  title    TEXT NOT NULL,
  source   TEXT NOT NULL
) STRICT;

-- Top-10 exposed competencies and the AI capability text (3.3).
CREATE TABLE top_competency (
  position      INTEGER PRIMARY KEY,
  label         TEXT NOT NULL,
  ai_capability TEXT NOT NULL,
  source        TEXT NOT NULL
) STRICT;

-- Préconisations (section 5).
CREATE TABLE recommendation_axis (
  number    INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 5),
  title     TEXT NOT NULL,
  objective TEXT NOT NULL,
  stakes    TEXT NOT NULL,                -- "Enjeux"
  source    TEXT NOT NULL
) STRICT;

CREATE TABLE recommendation (
  axis_number INTEGER NOT NULL REFERENCES recommendation_axis (number),
  number      INTEGER NOT NULL,
  title       TEXT NOT NULL,              -- the bold lead
  text        TEXT NOT NULL,
  source      TEXT NOT NULL,
  PRIMARY KEY (axis_number, number)
) STRICT;

CREATE TABLE recommendation_illustration (
  axis_number INTEGER NOT NULL REFERENCES recommendation_axis (number),
  position    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  source      TEXT NOT NULL,
  PRIMARY KEY (axis_number, position)
) STRICT;

CREATE TABLE priority_action (
  position INTEGER PRIMARY KEY,
  text     TEXT NOT NULL,
  source   TEXT NOT NULL
) STRICT;

-- Filled by later work: ROME competencies, job↔ROME links, ratings.
CREATE TABLE competency (
  id       TEXT PRIMARY KEY,              -- ROME code_ogr
  kind     TEXT NOT NULL CHECK (kind IN ('savoir-faire', 'savoir-etre', 'savoir')),
  label    TEXT NOT NULL,
  batch_id INTEGER REFERENCES import_batch (id)
) STRICT;

CREATE TABLE job_rome (
  job_id      TEXT NOT NULL REFERENCES job (id),
  rome_code   TEXT NOT NULL,
  appellation TEXT NOT NULL DEFAULT '',
  confidence  TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job_id, rome_code)
) STRICT;

CREATE TABLE rating (
  assessment_id TEXT NOT NULL REFERENCES assessment (id),
  job_id        TEXT NOT NULL REFERENCES job (id),
  competency_id TEXT NOT NULL,            -- kept when the competency leaves ROME
  level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  rated_by      TEXT NOT NULL,
  rated_at      TEXT NOT NULL,
  PRIMARY KEY (assessment_id, job_id, competency_id)
) STRICT;

CREATE INDEX job_family ON job (family_code);
CREATE INDEX job_alias_job ON job_alias (job_id);
CREATE INDEX job_use_case_use_case ON job_use_case (use_case_id);
