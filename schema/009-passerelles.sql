-- Repère schema, migration 9: the study's training guidance for the
-- training plans of issue 11 (app/repere-passerelle.h, docs/passerelles.md).
--
-- Each row is one kind of training or support the study recommends, for
-- every class (classification_id NULL) or for one, with the section it is
-- read from. A row that says what a row of classification_guidance
-- (migration 6) already holds points at it (guidance_position) instead of
-- repeating its text; a row that matches an option of the training
-- typology of 2.2.10 (survey_option of question 'training', with its share
-- of respondents) names that option (typology), so that a plan can say how
-- many of the branch's respondents already have such training.
CREATE TABLE training_guidance (
  position              INTEGER PRIMARY KEY CHECK (position > 0),
  classification_id     TEXT REFERENCES classification (id),
  kind                  TEXT NOT NULL CHECK (kind IN ('base', 'job-path', 'hr-support', 'mobility', 'managers',
                                                      'certification', 'peers', 'career')),
  text                  TEXT NOT NULL DEFAULT '',
  guidance_position     INTEGER REFERENCES classification_guidance (position),
  typology_question     TEXT CHECK (typology_question IS NULL OR typology_question = 'training'),
  typology              INTEGER,
  axis_number           INTEGER,
  recommendation_number INTEGER,
  source                TEXT NOT NULL,
  CHECK ((text = '') = (guidance_position IS NOT NULL)),
  CHECK ((typology IS NULL) = (typology_question IS NULL)),
  FOREIGN KEY (typology_question, typology) REFERENCES survey_option (question_id, position),
  FOREIGN KEY (axis_number, recommendation_number) REFERENCES recommendation (axis_number, number)
) STRICT;
