-- Repère schema, migration 6: the rest of the study "Impacts de l'IA
-- générative pour les métiers de l'assistance": the consultation of the
-- branch's companies (section 2), the fiches' notes and each core job's
-- future role (4.2, 5), the study's context and method (figures and prose
-- passages of 1, 2.1, 3.1, 3.2, 4.1, 4.3, 5, 6), what each class means, the
-- activity types of 3.3, the implementation steps of 4.3.2, the glossary and
-- the bibliography, the evolution table of 3.2.2.2 (Figure 3) and the figures
-- the prose of 3.2.2.1 and 3.2.2.2 states about the tables (checked by the
-- consistency report). Every row keeps the section it was transcribed from
-- in `source` (docs/study-data.md).

-- A passage of prose as printed, in reading order within a part of the
-- study. Paragraphs broken by a page break are joined; footnotes keep their
-- number in `source` ("1.1.1 note 1").
CREATE TABLE study_passage (
  part     TEXT NOT NULL CHECK (part IN ('study', 'sector', 'survey', 'method', 'exposure', 'workshops',
                                         'implementation', 'recommendations', 'conclusion')),
  position INTEGER NOT NULL CHECK (position > 0),
  heading  TEXT NOT NULL,                 -- the heading it sits under, as printed
  kind     TEXT NOT NULL CHECK (kind IN ('paragraph', 'item', 'note', 'footnote')),
  text     TEXT NOT NULL CHECK (text <> ''),
  source   TEXT NOT NULL,
  PRIMARY KEY (part, position)
) STRICT;

-- A figure the study states about itself, the sector or its method
-- (12 512 staff, 101 respondents, 674 competencies, 310 levels re-rated...).
CREATE TABLE study_figure (
  id        TEXT PRIMARY KEY,             -- part-name, e.g. "sector-staff"
  part      TEXT NOT NULL,                -- study | sector | survey | method | workshops | dial-ia
  position  INTEGER NOT NULL CHECK (position > 0),
  label     TEXT NOT NULL,                -- what it counts, in French
  value     REAL NOT NULL,
  unit      TEXT NOT NULL CHECK (unit IN ('count', 'percent', 'months', 'years', 'euros', 'year')),
  qualifier TEXT NOT NULL CHECK (qualifier IN ('exact', 'more-than', 'about')), -- "plus de 68", "une cinquantaine"
  printed   TEXT NOT NULL,                -- the words as printed: "12 512 collaborateurs en 2023"
  source    TEXT NOT NULL,
  UNIQUE (part, position)
) STRICT;

-- The consultation of the branch's companies (section 2.2): ten questions.
CREATE TABLE survey_question (
  id            TEXT PRIMARY KEY,         -- respondent-profile, company-size, strategy, awareness, use-cases,
                                          -- internal-deployment, external-deployment, integration, usage-rules, training
  position      INTEGER NOT NULL UNIQUE CHECK (position > 0), -- N of 2.2.N
  theme         TEXT NOT NULL,            -- the heading of 2.2.N
  question      TEXT NOT NULL,            -- "Question :" as printed
  caption       TEXT NOT NULL,            -- "% de répondants ayant sélectionné…", '' when not printed
  finding_title TEXT NOT NULL,            -- the bold heading of the analysis, '' for none
  finding       TEXT NOT NULL,            -- the analysis, '' for none
  further       TEXT NOT NULL,            -- "Pour aller plus loin"
  fact          TEXT NOT NULL,            -- "Le saviez-vous ?"
  fact_source   TEXT NOT NULL,            -- its "Source :" line
  source        TEXT NOT NULL
) STRICT;

-- An answer option of a question and the share of respondents the study
-- publishes for it. The charts themselves are not in the text: only the
-- shares the analysis states are known, some in words ("La moitié des
-- répondants": 50, not exact); the others are NULL, never guessed.
CREATE TABLE survey_option (
  question_id TEXT NOT NULL REFERENCES survey_question (id),
  position    INTEGER NOT NULL CHECK (position > 0), -- order under the question
  label       TEXT NOT NULL,              -- as printed (2.2.1: the profiles of 2.1.2; 2.2.2: as the analysis names them)
  dont_know   INTEGER NOT NULL CHECK (dont_know IN (0, 1)), -- "Je ne sais pas"
  share       REAL CHECK (share BETWEEN 0 AND 100),         -- % of respondents, NULL when not published
  exact       INTEGER NOT NULL CHECK (exact IN (0, 1)),    -- 0: the share is given in words
  printed     TEXT NOT NULL,              -- the share as printed ("45%", "La moitié des répondants"), '' when none
  source      TEXT NOT NULL,
  PRIMARY KEY (question_id, position),
  CHECK ((share IS NULL) = (printed = ''))
) STRICT;

-- The six recommendations of 2.3, each linked to the question whose
-- analysis it answers (Repère's link, docs/study-data.md).
CREATE TABLE survey_recommendation (
  position    INTEGER PRIMARY KEY CHECK (position > 0),
  text        TEXT NOT NULL,
  emphasis    TEXT NOT NULL,              -- the words printed in bold, a part of text
  question_id TEXT REFERENCES survey_question (id),
  source      TEXT NOT NULL,
  CHECK (instr (text, emphasis) > 0)
) STRICT;

-- "A noter" lines and conclusions of the fiches (4.2): the Infirmier
-- d'assistance fiche says its experts' rating was made by doctors.
CREATE TABLE fiche_note (
  job_id        TEXT NOT NULL REFERENCES job (id),
  position      INTEGER NOT NULL CHECK (position > 0),
  kind          TEXT NOT NULL CHECK (kind IN ('rating', 'use-cases', 'conclusion')),
  assessment_id TEXT REFERENCES assessment (id), -- the assessment a rating note is about
  text          TEXT NOT NULL,
  source        TEXT NOT NULL,
  PRIMARY KEY (job_id, position)
) STRICT;

-- A core job's future role as the fiche (or section 5) words it: a role
-- the study names ("conseiller d'assistance augmentée") or what the job will
-- concentrate on; `role` is a part of the quoted sentence.
CREATE TABLE job_future_role (
  job_id   TEXT NOT NULL REFERENCES job (id),
  position INTEGER NOT NULL CHECK (position > 0),
  kind     TEXT NOT NULL CHECK (kind IN ('role', 'focus')),
  role     TEXT NOT NULL,
  quote    TEXT NOT NULL,
  source   TEXT NOT NULL,
  PRIMARY KEY (job_id, position),
  CHECK (instr (quote, role) > 0)
) STRICT;

-- The study's glossary (Annexes), 9 terms.
CREATE TABLE glossary_term (
  position   INTEGER PRIMARY KEY CHECK (position > 0),
  term       TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL,
  source     TEXT NOT NULL
) STRICT;

-- The study's bibliography (Annexes), 17 references in printed order.
CREATE TABLE bibliography_entry (
  position  INTEGER PRIMARY KEY CHECK (position > 0),
  authors   TEXT NOT NULL,
  year      INTEGER NOT NULL,
  title     TEXT NOT NULL,
  publisher TEXT NOT NULL,                -- '' when the reference names none
  text      TEXT NOT NULL,                -- the reference as printed
  source    TEXT NOT NULL
) STRICT;

-- Activity types of 3.3: those of the most exposed jobs and those that
-- preserve the least exposed ones, with the study's example.
CREATE TABLE exposure_activity (
  position INTEGER PRIMARY KEY CHECK (position > 0),
  exposure TEXT NOT NULL CHECK (exposure IN ('most', 'least')),
  title    TEXT NOT NULL,
  example  TEXT NOT NULL,
  source   TEXT NOT NULL
) STRICT;

-- The six steps of 4.3.2 for developing a job's use cases.
CREATE TABLE implementation_step (
  position INTEGER PRIMARY KEY CHECK (position > 0),
  text     TEXT NOT NULL,
  source   TEXT NOT NULL
) STRICT;

-- What the study says a class means for a job's competencies and what to do
-- about it: the paragraphs of 3.2.1.2 and 3.2.2.1, the training and mobility
-- recommendations of section 5 that name exposure (for the training plans and
-- passerelles: app/repere-study.h). NULL class: every class.
CREATE TABLE classification_guidance (
  position              INTEGER PRIMARY KEY CHECK (position > 0),
  classification_id     TEXT REFERENCES classification (id),
  kind                  TEXT NOT NULL CHECK (kind IN ('meaning', 'observation', 'training', 'mobility-from',
                                                      'mobility-to')),
  text                  TEXT NOT NULL,
  axis_number           INTEGER,
  recommendation_number INTEGER,
  source                TEXT NOT NULL,
  FOREIGN KEY (axis_number, recommendation_number) REFERENCES recommendation (axis_number, number)
) STRICT;

-- 3.2.2.2 Figure 3: the core jobs before (PwC revu, columns Q R T) and after
-- (experts, U V Y) the experts' requalification, with the rank change (W).
CREATE TABLE figure_evolution (
  job_id                 TEXT PRIMARY KEY REFERENCES job (id),
  position               INTEGER NOT NULL UNIQUE CHECK (position > 0),
  base_score             REAL NOT NULL CHECK (base_score BETWEEN 0 AND 1),
  base_rank              INTEGER NOT NULL CHECK (base_rank BETWEEN 1 AND 58),
  base_classification_id TEXT NOT NULL REFERENCES classification (id),
  score                  REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
  rank                   INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 58),
  rank_change            INTEGER NOT NULL,
  classification_id      TEXT NOT NULL REFERENCES classification (id),
  printed_family         TEXT NOT NULL,
  printed_job            TEXT NOT NULL,
  printed_base_class     TEXT NOT NULL,
  printed_class          TEXT NOT NULL,
  source                 TEXT NOT NULL
) STRICT;

-- A figure the prose of 3.2.2.1 or 3.2.2.2 states about the ranking and
-- classification tables ("33 métiers « En évolution », dont 6 cœurs
-- d'assistance", "3 bascules…"), checked against them by the consistency
-- report (app/repere-consistency.c, kind "prose-vs-table").
CREATE TABLE prose_claim (
  id                     TEXT PRIMARY KEY,
  position               INTEGER NOT NULL UNIQUE CHECK (position > 0),
  kind                   TEXT NOT NULL CHECK (kind IN ('class-count', 'class-share', 'score-trend', 'class-change',
                                                       'class-kept', 'rank-change')),
  assessment_id          TEXT NOT NULL REFERENCES assessment (id),
  base_assessment_id     TEXT REFERENCES assessment (id),           -- compared with, for changes
  classification_id      TEXT REFERENCES classification (id),       -- the class (after a change)
  base_classification_id TEXT REFERENCES classification (id),       -- the class before a change
  core_only              INTEGER NOT NULL CHECK (core_only IN (0, 1)),
  family_code            TEXT REFERENCES family (code),             -- only this family's jobs
  direction              TEXT CHECK (direction IN ('up', 'down')),  -- score or rank moving
  value                  INTEGER,         -- the count, percentage or number of jobs stated
  printed                TEXT NOT NULL,   -- the words as printed
  source                 TEXT NOT NULL
) STRICT;

-- The jobs a claim names, with the rank change it gives them ("(+29)").
CREATE TABLE prose_claim_job (
  claim_id TEXT NOT NULL REFERENCES prose_claim (id),
  job_id   TEXT NOT NULL REFERENCES job (id),
  value    INTEGER,
  printed  TEXT NOT NULL,                 -- the job as the prose names it
  source   TEXT NOT NULL,
  PRIMARY KEY (claim_id, job_id)
) STRICT;
