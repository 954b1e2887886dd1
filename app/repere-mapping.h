/* repere-mapping.h: the job ↔ ROME mapping (table job_rome), CSV import
 * and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-csv.h"
#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_MAPPING_ERROR (repere_mapping_error_quark ())

/**
 * RepereMappingError:
 * @REPERE_MAPPING_ERROR_COLUMN: a required column (job, rome_code) is
 *   missing or the header names a column the mapping does not have
 * @REPERE_MAPPING_ERROR_UNKNOWN_JOB: no job (or several) by that id or name
 * @REPERE_MAPPING_ERROR_BAD_CODE: a ROME code that is not a letter A–N
 *   followed by four digits
 * @REPERE_MAPPING_ERROR_UNKNOWN_CODE: a well-formed code absent from the
 *   imported ROME referential
 * @REPERE_MAPPING_ERROR_INVALID: another bad field (confidence, a
 *   duplicate job and code)
 * @REPERE_MAPPING_ERROR_EMPTY: the file holds no mapping row
 *
 * Every message names the file, the line and the field.
 */
typedef enum
{
  REPERE_MAPPING_ERROR_COLUMN,
  REPERE_MAPPING_ERROR_UNKNOWN_JOB,
  REPERE_MAPPING_ERROR_BAD_CODE,
  REPERE_MAPPING_ERROR_UNKNOWN_CODE,
  REPERE_MAPPING_ERROR_INVALID,
  REPERE_MAPPING_ERROR_EMPTY,
} RepereMappingError;

/* The bundled mapping, compiled in (data/rome-mapping.csv). */
#define REPERE_MAPPING_RESOURCE "data/rome-mapping.csv"

GQuark repere_mapping_error_quark (void);

gboolean repere_mapping_code_is_valid (const char *code);

gboolean repere_mapping_import_reader (RepereDb *db,
                                       RepereCsvReader *reader,
                                       const char *label,
                                       guint *n_rows,
                                       GError **error);
gboolean repere_mapping_import (RepereDb *db, const char *path, guint *n_rows, GError **error);
gboolean repere_mapping_import_full (RepereDb *db, const char *path, guint *n_rows,
                                     RepereCsvEncoding *encoding, GError **error);
gboolean repere_mapping_export (RepereDb *db, const char *path, guint *n_rows, GError **error);
gboolean repere_mapping_restore_bundled (RepereDb *db, guint *n_rows, GError **error);

/**
 * RepereMappingRow:
 * One row of job_rome, with the ROME title when the referential is imported.
 */
typedef struct
{
  char *job_id;
  char *job_name;
  char *rome_code;
  char *rome_title;  /* "" when the code is not in the imported referential */
  char *appellation; /* "" when none was given */
  char *confidence;  /* high | medium | low | "" */
  char *note;
} RepereMappingRow;

void repere_mapping_row_free (RepereMappingRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereMappingRow, repere_mapping_row_free)

GPtrArray *repere_mapping_list (RepereDb *db, const char *job_id, GError **error);

G_END_DECLS
