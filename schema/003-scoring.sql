-- Repère schema, migration 3: the exposure score model (docs/scoring.md),
-- user assessments, edited level counts, computed scores beside the
-- published ones.

-- Lowest score of a class, derived from the three published ranking tables
-- (3.2.1.2 gives the rules in words only). Emergent is not a score band but
-- a property of the job (emergent_job).
CREATE TABLE classification_threshold (
  classification_id TEXT PRIMARY KEY REFERENCES classification (id),
  min_score         REAL NOT NULL CHECK (min_score BETWEEN 0 AND 1),
  source            TEXT NOT NULL
) STRICT;

-- Jobs the study classes Emergent in every assessment: IT and data jobs
-- whose competencies serve the deployment of AI (3.2.1.2, 3.2.2.1).
CREATE TABLE emergent_job (
  job_id TEXT PRIMARY KEY REFERENCES job (id),
  source TEXT NOT NULL
) STRICT;

-- Level counts a user entered for a job in one of their assessments; they
-- replace the job's published score in that assessment. Kept with who/when.
CREATE TABLE user_level_count (
  assessment_id TEXT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
  job_id        TEXT NOT NULL REFERENCES job (id),
  n1            INTEGER NOT NULL CHECK (n1 >= 0),
  n2            INTEGER NOT NULL CHECK (n2 >= 0),
  n3            INTEGER NOT NULL CHECK (n3 >= 0),
  n4            INTEGER NOT NULL CHECK (n4 >= 0),
  n5            INTEGER NOT NULL CHECK (n5 >= 0),
  edited_by     TEXT NOT NULL,
  edited_at     TEXT NOT NULL,
  CHECK (n1 + n2 + n3 + n4 + n5 > 0),
  PRIMARY KEY (assessment_id, job_id)
) STRICT;

-- Raw index x_j and score x_j / max x of every job in every assessment, as
-- the scoring engine (app/repere-score.c) last computed them.
CREATE TABLE computed_result (
  assessment_id TEXT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
  job_id        TEXT NOT NULL REFERENCES job (id),
  raw_index     REAL NOT NULL,
  score         REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
  basis         TEXT NOT NULL CHECK (basis IN ('published', 'counts', 'ratings')),
  -- the job's published score, rank and class in the study assessment this
  -- one derives from: tie-break of the position, class of a job whose score
  -- is still the published one
  base_score             REAL,
  base_rank              INTEGER,
  base_classification_id TEXT REFERENCES classification (id),
  PRIMARY KEY (assessment_id, job_id)
) STRICT;

-- Computed rank (ties as ties, on the score as displayed, 2 decimals), the
-- position 1..n (ties broken as the study's table broke them) and the class
-- the thresholds suggest.
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
       END AS classification_id
  FROM computed_result cr
  LEFT JOIN emergent_job e ON e.job_id = cr.job_id;

-- The browser's view, now with the computed values beside the published ones.
-- score/rank/classification_id are the published ones for the study's
-- assessments; for a user's, the computed score and position, and the class
-- of the base assessment while the job's score (2 decimals) is the published
-- one, else the class the thresholds suggest.
DROP VIEW job_result;
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
       k.basis             AS basis
  FROM assessment a
 CROSS JOIN job j
  JOIN family f ON f.code = j.family_code
  LEFT JOIN published_result r ON r.assessment_id = a.id AND r.job_id = j.id
  LEFT JOIN computed_rank k ON k.assessment_id = a.id AND k.job_id = j.id
  LEFT JOIN classification c
         ON c.id = coalesce (r.classification_id, k.base_classification_id, k.classification_id);

-- family_class_count (migration 2) reads job_result by name and follows it.
