-- Repère schema, migration 2: views that the browser and the CLI read, and
-- the accent-insensitive full-text index over jobs.

-- One row per (assessment, job): the published score, rank and class of the
-- ranking table, beside the rank recomputed from the score (ties as ties).
CREATE VIEW job_result AS
SELECT a.id                AS assessment_id,
       j.id                AS job_id,
       j.name              AS job_name,
       j.family_code       AS family_code,
       f.name              AS family_name,
       j.core              AS core,
       r.score             AS score,
       r.rank              AS rank,
       r.classification_id AS classification_id,
       c.name              AS classification_name,
       c.position          AS classification_position,
       RANK () OVER (PARTITION BY a.id ORDER BY r.score DESC) AS score_rank
  FROM assessment a
 CROSS JOIN job j
  JOIN family f ON f.code = j.family_code
  LEFT JOIN published_result r ON r.assessment_id = a.id AND r.job_id = j.id
  LEFT JOIN classification c ON c.id = r.classification_id;

-- Jobs per family and class in each assessment (family overview).
CREATE VIEW family_class_count AS
SELECT assessment_id, family_code, family_name,
       count (*) AS jobs,
       sum (core) AS core_jobs,
       sum (classification_id = 'emergent') AS emergent,
       sum (classification_id = 'strong-transformation') AS strong_transformation,
       sum (classification_id = 'evolving') AS evolving,
       sum (classification_id = 'not-impacted') AS not_impacted
  FROM job_result
 GROUP BY assessment_id, family_code;

-- Search: case- and accent-insensitive ("medecin" finds "Médecin"), over the
-- job's names, texts and use cases. Rebuilt after every import.
CREATE VIRTUAL TABLE job_search USING fts5 (
  job_id UNINDEXED,
  name,
  aliases,
  family,
  texts,
  use_cases,
  tokenize = 'unicode61 remove_diacritics 2'
);
