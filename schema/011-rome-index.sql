-- Repère schema, migration 11: one index fewer on the ROME competencies
-- (issue 9, point 5: the speed of the import).
--
-- competency_macro (competency.macro_id) serves no query: a competency's
-- macro-competency is read by its id (competency's primary key), macro_id
-- is no foreign key, and nothing looks competencies up by their macro.
-- A first import built it once more after the rows were in: about 0.015 s
-- of the writing thread and 356 KB of pages for v460. Only the index goes;
-- every row stays as it is.
DROP INDEX IF EXISTS competency_macro;
