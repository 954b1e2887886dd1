-- Repère schema, migration 10: French typography of the names (issue 13).
--
-- One apostrophe in job and family names: the typographic ’ that 12 of
-- the 16 names with an apostrophe of the referential list (1.2.2) use; the
-- straight spellings of the study stay as aliases (docs/study-data.md).
-- And the class "Émergent" with its capital accent (the study's tables
-- print "Emergent", without it; their cells keep it in printed_class).
--
-- Only names change: ids, and with them every user assessment, rating,
-- exclusion, count and import, stay as they are. The straight spelling
-- becomes an alias first, so that it still finds its job. A fresh database
-- has empty tables here and gets the new names from data/study/.
INSERT OR IGNORE INTO job_alias (alias, job_id, source)
  SELECT name, id, '1.2.2' FROM job WHERE instr (name, '''') > 0;
UPDATE job SET name = replace (name, '''', '’') WHERE instr (name, '''') > 0;

INSERT OR IGNORE INTO family_alias (alias, family_code, source)
  SELECT name, code, '1.2.2' FROM family WHERE instr (name, '''') > 0;
UPDATE family SET name = replace (name, '''', '’') WHERE instr (name, '''') > 0;

UPDATE classification SET name = 'Émergent' WHERE id = 'emergent' AND name = 'Emergent';
