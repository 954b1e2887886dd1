-- Repère schema, migration 7: competency ratings as the study's experts
-- made them (issue 10): several raters per assessment, retained
-- competencies, drafts, consolidation, and a history of every change.
--
-- Until now table `rating` (migration 1) held one level per (assessment,
-- job, competency). It keeps that meaning — the assessment's level, which
-- every reader of it (scores, job sheets, ROME import) uses — but is now
-- derived: app/repere-rating.c writes it from `rater_rating`, each rater's
-- own levels, by the assessment's consolidation rule (median by default).
-- With one rater it is that rater's level.

-- Each rater's level of a job's competency. A rater is a person, named as
-- they wrote it: the user rating in the window (g_get_real_name ()), or the
-- name a filled rating sheet gives. entered_by is who typed it into Repère
-- (the one importing a sheet); batch_id the sheet import it came from.
CREATE TABLE rater_rating (
  assessment_id TEXT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
  job_id        TEXT NOT NULL REFERENCES job (id),
  competency_id TEXT NOT NULL,            -- code_ogr as text, like rating.competency_id
  rater         TEXT NOT NULL CHECK (length (rater) > 0),
  level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  rated_at      TEXT NOT NULL,            -- ISO 8601 UTC
  entered_by    TEXT NOT NULL,
  batch_id      INTEGER REFERENCES import_batch (id),
  PRIMARY KEY (assessment_id, job_id, competency_id, rater)
) STRICT;

CREATE INDEX rater_rating_rater ON rater_rating (assessment_id, rater);

-- The ratings of the current release become one rater's ratings: the name
-- recorded with them.
INSERT INTO rater_rating (assessment_id, job_id, competency_id, rater, level, rated_at, entered_by)
SELECT assessment_id, job_id, competency_id, coalesce (nullif (trim (rated_by), ''), '?'), level, rated_at,
       rated_by
  FROM rating
 WHERE assessment_id IN (SELECT id FROM assessment WHERE is_study = 0);

-- Competencies the user did not retain for a job in an assessment, as the
-- study's revised assessment kept only some (3.2.2.1). Every competency of
-- the job's ROME codes is retained until marked here; the score and the
-- coverage "n / N" count the retained ones only.
CREATE TABLE competency_exclusion (
  assessment_id TEXT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
  job_id        TEXT NOT NULL REFERENCES job (id),
  competency_id TEXT NOT NULL,
  excluded_by   TEXT NOT NULL,
  excluded_at   TEXT NOT NULL,
  PRIMARY KEY (assessment_id, job_id, competency_id)
) STRICT;

-- Jobs whose ratings the user applied before they covered every retained
-- competency. A job's ratings give its score when they cover its retained
-- competencies, or when applied here; until then they are a draft and no
-- score moves.
CREATE TABLE rating_applied (
  assessment_id TEXT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
  job_id        TEXT NOT NULL REFERENCES job (id),
  applied_by    TEXT NOT NULL,
  applied_at    TEXT NOT NULL,
  PRIMARY KEY (assessment_id, job_id)
) STRICT;

-- Ratings of the current release counted as soon as a job had one: they
-- stay in force, so that no score moves on upgrade.
INSERT INTO rating_applied (assessment_id, job_id, applied_by, applied_at)
SELECT assessment_id, job_id, min (rated_by), max (rated_at)
  FROM rating
 WHERE assessment_id IN (SELECT id FROM assessment WHERE is_study = 0)
 GROUP BY assessment_id, job_id;

-- How an assessment's level of a competency follows from its raters'
-- levels: the median (the default, when no row), the mean rounded, or one
-- rater's levels (the median of the others where that rater gave none).
CREATE TABLE consolidation_rule (
  assessment_id TEXT PRIMARY KEY REFERENCES assessment (id) ON DELETE CASCADE,
  rule          TEXT NOT NULL CHECK (rule IN ('median', 'mean', 'rater')),
  rater         TEXT NOT NULL DEFAULT '',
  set_by        TEXT NOT NULL,
  set_at        TEXT NOT NULL,
  CHECK ((rule = 'rater') = (rater <> ''))
) STRICT;

-- The coverage of each job's ratings, as the scoring engine last computed
-- it: retained competencies with a level (rated) out of retained ones.
ALTER TABLE computed_result ADD COLUMN rated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE computed_result ADD COLUMN retained INTEGER NOT NULL DEFAULT 0;

-- The views of migration 3, with the coverage.
DROP VIEW job_result;
DROP VIEW computed_rank;
CREATE VIEW computed_rank AS
SELECT cr.assessment_id, cr.job_id, cr.raw_index, cr.score, cr.basis,
       CASE WHEN round (cr.score, 2) = round (cr.base_score, 2) THEN cr.base_classification_id END
                           AS base_classification_id,
       RANK () OVER (PARTITION BY cr.assessment_id ORDER BY round (cr.score, 2) DESC) AS rank,
       ROW_NUMBER () OVER (PARTITION BY cr.assessment_id
                           ORDER BY round (cr.score, 2) DESC, cr.base_rank IS NULL, cr.base_rank, cr.job_id) AS position,
       CASE
         WHEN e.job_id IS NOT NULL THEN 'emergent'
         ELSE (SELECT t.classification_id FROM classification_threshold t
                WHERE round (cr.score, 2) >= t.min_score ORDER BY t.min_score DESC LIMIT 1)
       END AS classification_id,
       cr.rated, cr.retained
  FROM computed_result cr
  LEFT JOIN emergent_job e ON e.job_id = cr.job_id;

CREATE VIEW job_result AS
SELECT a.id                AS assessment_id,
       j.id                AS job_id,
       j.name              AS job_name,
       j.family_code       AS family_code,
       f.name              AS family_name,
       j.core              AS core,
       coalesce (r.score, k.score) AS score,
       coalesce (r.rank, k.position) AS rank,
       coalesce (r.classification_id,
                 coalesce (k.base_classification_id, k.classification_id)) AS classification_id,
       c.name              AS classification_name,
       c.position          AS classification_position,
       k.score             AS computed_score,
       k.rank              AS computed_rank,
       k.classification_id AS suggested_classification_id,
       k.basis             AS basis,
       coalesce (k.rated, 0)    AS rated,
       coalesce (k.retained, 0) AS retained
  FROM assessment a
 CROSS JOIN job j
  JOIN family f ON f.code = j.family_code
  LEFT JOIN published_result r ON r.assessment_id = a.id AND r.job_id = j.id
  LEFT JOIN computed_rank k ON k.assessment_id = a.id AND k.job_id = j.id
  LEFT JOIN classification c
         ON c.id = coalesce (r.classification_id, k.base_classification_id, k.classification_id);

-- The assessment's levels that give scores: those of jobs whose ratings are
-- in force (computed_result.basis 'ratings'), on retained competencies.
CREATE VIEW rating_in_force AS
SELECT r.assessment_id, r.job_id, r.competency_id, r.level, r.rated_by, r.rated_at
  FROM rating r
  JOIN computed_result c ON c.assessment_id = r.assessment_id AND c.job_id = r.job_id AND c.basis = 'ratings'
 WHERE NOT EXISTS (SELECT 1 FROM competency_exclusion e
                    WHERE e.assessment_id = r.assessment_id AND e.job_id = r.job_id
                      AND e.competency_id = r.competency_id);

-- History of changes. Every change a user makes to an assessment's ratings,
-- retained competencies, applied jobs, level counts or consolidation rule is
-- one row of rating_change (who, when, what), opened before the change and
-- closed after it; while it is open, the triggers below copy every row the
-- change inserts, updates or deletes, before and after (JSON), into
-- rating_change_row. Undo writes the rows back as they were, redo as they
-- became (app/repere-rating-history.c). At most one change is open.
CREATE TABLE rating_change (
  id            INTEGER PRIMARY KEY,
  assessment_id TEXT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
  job_id        TEXT REFERENCES job (id),  -- NULL when the change spans several jobs
  kind          TEXT NOT NULL CHECK (kind IN ('rate', 'retain', 'apply', 'counts', 'revert', 'import',
                                              'consolidate', 'undo', 'redo')),
  detail        TEXT NOT NULL DEFAULT '',  -- rater, file, rule: what the kind needs to be told
  changed_by    TEXT NOT NULL,
  changed_at    TEXT NOT NULL,             -- ISO 8601 UTC
  undoes        INTEGER REFERENCES rating_change (id) ON DELETE SET NULL,
  open          INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1))
) STRICT;

CREATE UNIQUE INDEX rating_change_open ON rating_change (open) WHERE open = 1;
CREATE INDEX rating_change_assessment ON rating_change (assessment_id, id);

CREATE TABLE rating_change_row (
  id            INTEGER PRIMARY KEY,
  change_id     INTEGER NOT NULL REFERENCES rating_change (id) ON DELETE CASCADE,
  tbl           TEXT NOT NULL CHECK (tbl IN ('rater_rating', 'competency_exclusion', 'rating_applied',
                                             'user_level_count', 'consolidation_rule')),
  job_id        TEXT NOT NULL DEFAULT '',
  competency_id TEXT NOT NULL DEFAULT '',
  rater         TEXT NOT NULL DEFAULT '',
  old           TEXT,                      -- the row before (JSON object), NULL when inserted
  new           TEXT                       -- the row after, NULL when deleted
) STRICT;

CREATE INDEX rating_change_row_change ON rating_change_row (change_id);

CREATE TRIGGER rater_rating_logged_insert AFTER INSERT ON rater_rating
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = NEW.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, job_id, competency_id, rater, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'rater_rating', NEW.job_id, NEW.competency_id, NEW.rater,
          NULL, json_object ('level', NEW.level, 'rated_at', NEW.rated_at, 'entered_by', NEW.entered_by,
                             'batch_id', NEW.batch_id));
END;

CREATE TRIGGER rater_rating_logged_update AFTER UPDATE ON rater_rating
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = NEW.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, job_id, competency_id, rater, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'rater_rating', NEW.job_id, NEW.competency_id, NEW.rater,
          json_object ('level', OLD.level, 'rated_at', OLD.rated_at, 'entered_by', OLD.entered_by,
                       'batch_id', OLD.batch_id),
          json_object ('level', NEW.level, 'rated_at', NEW.rated_at, 'entered_by', NEW.entered_by,
                       'batch_id', NEW.batch_id));
END;

CREATE TRIGGER rater_rating_logged_delete AFTER DELETE ON rater_rating
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = OLD.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, job_id, competency_id, rater, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'rater_rating', OLD.job_id, OLD.competency_id, OLD.rater,
          json_object ('level', OLD.level, 'rated_at', OLD.rated_at, 'entered_by', OLD.entered_by,
                       'batch_id', OLD.batch_id),
          NULL);
END;

CREATE TRIGGER competency_exclusion_logged_insert AFTER INSERT ON competency_exclusion
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = NEW.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, job_id, competency_id, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'competency_exclusion', NEW.job_id, NEW.competency_id,
          NULL, json_object ('excluded_by', NEW.excluded_by, 'excluded_at', NEW.excluded_at));
END;

CREATE TRIGGER competency_exclusion_logged_delete AFTER DELETE ON competency_exclusion
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = OLD.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, job_id, competency_id, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'competency_exclusion', OLD.job_id, OLD.competency_id,
          json_object ('excluded_by', OLD.excluded_by, 'excluded_at', OLD.excluded_at), NULL);
END;

CREATE TRIGGER rating_applied_logged_insert AFTER INSERT ON rating_applied
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = NEW.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, job_id, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'rating_applied', NEW.job_id, NULL,
          json_object ('applied_by', NEW.applied_by, 'applied_at', NEW.applied_at));
END;

CREATE TRIGGER rating_applied_logged_delete AFTER DELETE ON rating_applied
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = OLD.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, job_id, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'rating_applied', OLD.job_id,
          json_object ('applied_by', OLD.applied_by, 'applied_at', OLD.applied_at), NULL);
END;

CREATE TRIGGER user_level_count_logged_insert AFTER INSERT ON user_level_count
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = NEW.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, job_id, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'user_level_count', NEW.job_id, NULL,
          json_object ('n1', NEW.n1, 'n2', NEW.n2, 'n3', NEW.n3, 'n4', NEW.n4, 'n5', NEW.n5,
                       'edited_by', NEW.edited_by, 'edited_at', NEW.edited_at));
END;

CREATE TRIGGER user_level_count_logged_update AFTER UPDATE ON user_level_count
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = NEW.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, job_id, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'user_level_count', NEW.job_id,
          json_object ('n1', OLD.n1, 'n2', OLD.n2, 'n3', OLD.n3, 'n4', OLD.n4, 'n5', OLD.n5,
                       'edited_by', OLD.edited_by, 'edited_at', OLD.edited_at),
          json_object ('n1', NEW.n1, 'n2', NEW.n2, 'n3', NEW.n3, 'n4', NEW.n4, 'n5', NEW.n5,
                       'edited_by', NEW.edited_by, 'edited_at', NEW.edited_at));
END;

CREATE TRIGGER user_level_count_logged_delete AFTER DELETE ON user_level_count
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = OLD.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, job_id, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'user_level_count', OLD.job_id,
          json_object ('n1', OLD.n1, 'n2', OLD.n2, 'n3', OLD.n3, 'n4', OLD.n4, 'n5', OLD.n5,
                       'edited_by', OLD.edited_by, 'edited_at', OLD.edited_at),
          NULL);
END;

CREATE TRIGGER consolidation_rule_logged_insert AFTER INSERT ON consolidation_rule
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = NEW.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'consolidation_rule', NULL,
          json_object ('rule', NEW.rule, 'rater', NEW.rater, 'set_by', NEW.set_by, 'set_at', NEW.set_at));
END;

CREATE TRIGGER consolidation_rule_logged_delete AFTER DELETE ON consolidation_rule
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = OLD.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'consolidation_rule',
          json_object ('rule', OLD.rule, 'rater', OLD.rater, 'set_by', OLD.set_by, 'set_at', OLD.set_at), NULL);
END;

CREATE TRIGGER consolidation_rule_logged_update AFTER UPDATE ON consolidation_rule
WHEN EXISTS (SELECT 1 FROM rating_change WHERE open = 1 AND assessment_id = NEW.assessment_id)
BEGIN
  INSERT INTO rating_change_row (change_id, tbl, old, new)
  VALUES ((SELECT id FROM rating_change WHERE open = 1), 'consolidation_rule',
          json_object ('rule', OLD.rule, 'rater', OLD.rater, 'set_by', OLD.set_by, 'set_at', OLD.set_at),
          json_object ('rule', NEW.rule, 'rater', NEW.rater, 'set_by', NEW.set_by, 'set_at', NEW.set_at));
END;
