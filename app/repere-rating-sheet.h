/* repere-rating-sheet.h: rating sheets for workshops: XLSX and CSV out,
 * XLSX, ODS and CSV back in as one rater's ratings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"

G_BEGIN_DECLS

#define REPERE_RATING_SHEET_ERROR (repere_rating_sheet_error_quark ())

/**
 * RepereRatingSheetError:
 * @REPERE_RATING_SHEET_ERROR_FORMAT: not a spreadsheet or CSV file Repère
 *   reads, or an output name that is neither .xlsx nor .csv
 * @REPERE_RATING_SHEET_ERROR_INVALID: a sheet, row or cell does not hold
 *   what a rating sheet holds (the message names file, sheet, row, column)
 * @REPERE_RATING_SHEET_ERROR_NO_RATER: the file names no rater and none
 *   was given
 * @REPERE_RATING_SHEET_ERROR_EMPTY: no level is filled in anywhere
 * @REPERE_RATING_SHEET_ERROR_WRITE: the file cannot be written
 */
typedef enum
{
  REPERE_RATING_SHEET_ERROR_FORMAT,
  REPERE_RATING_SHEET_ERROR_INVALID,
  REPERE_RATING_SHEET_ERROR_NO_RATER,
  REPERE_RATING_SHEET_ERROR_EMPTY,
  REPERE_RATING_SHEET_ERROR_WRITE,
} RepereRatingSheetError;

GQuark repere_rating_sheet_error_quark (void);

char *repere_rating_sheet_name (const char *job_name);
char *repere_rating_sheet_level_label (int level, const char *name);

gboolean repere_rating_sheet_export (RepereDb *db, const char *assessment_id, const char *const *job_ids,
                                     const char *rater, const char *path, GError **error);

typedef struct _RepereSheetImport RepereSheetImport;

RepereSheetImport *repere_rating_sheet_read (RepereDb *db, const char *assessment_id, const char *path,
                                             const char *rater, GError **error);
void repere_sheet_import_free (RepereSheetImport *import);
const char *repere_sheet_import_get_rater (RepereSheetImport *import);
gboolean repere_sheet_import_set_rater (RepereSheetImport *import, const char *rater, GError **error);
const char *repere_sheet_import_get_format (RepereSheetImport *import);
guint repere_sheet_import_get_n_ratings (RepereSheetImport *import);
guint repere_sheet_import_get_n_jobs (RepereSheetImport *import);
GPtrArray *repere_sheet_import_get_notes (RepereSheetImport *import);
gboolean repere_rating_sheet_apply (RepereDb *db, RepereSheetImport *import, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereSheetImport, repere_sheet_import_free)

G_END_DECLS
