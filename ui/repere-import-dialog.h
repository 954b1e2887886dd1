/* repere-import-dialog.h: importing ROME data and the job ↔ ROME mapping
 * from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "repere-db.h"

G_BEGIN_DECLS

/**
 * RepereImportState:
 * The steps of a ROME import in the dialog.
 */
typedef enum
{
  REPERE_IMPORT_READING,   /* reading and checking the files, comparing */
  REPERE_IMPORT_PREVIEW,   /* showing what will change, waiting for Apply */
  REPERE_IMPORT_APPLYING,  /* writing, in one transaction */
  REPERE_IMPORT_DONE,      /* applied, or nothing to apply */
  REPERE_IMPORT_FAILED,    /* an error or a cancel: the database is unchanged */
} RepereImportState;

#define REPERE_TYPE_IMPORT_DIALOG (repere_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RepereImportDialog, repere_import_dialog, REPERE, IMPORT_DIALOG, AdwWindow)

RepereImportDialog *repere_import_dialog_new (GtkWindow *parent, RepereDb *db, const char *path);
RepereImportState repere_import_dialog_get_state (RepereImportDialog *self);
const char *repere_import_dialog_get_text (RepereImportDialog *self);
void repere_import_dialog_apply (RepereImportDialog *self);
void repere_import_dialog_cancel (RepereImportDialog *self);

/**
 * RepereImportDone:
 * @message: a one-line summary for a toast
 * @user_data: the data given
 *
 * Called after the database changed (a ROME import applied, a mapping
 * imported): the window reloads what it shows.
 */
typedef void (*RepereImportDone) (const char *message, gpointer user_data);

void repere_import_rome_choose (GtkWindow *parent, RepereDb *db, RepereImportDone done, gpointer user_data);
void repere_import_mapping_choose (GtkWindow *parent, RepereDb *db, RepereImportDone done, gpointer user_data);
void repere_export_mapping_choose (GtkWindow *parent, RepereDb *db, RepereImportDone done, gpointer user_data);
AdwMessageDialog *repere_restore_mapping_choose (GtkWindow *parent, RepereDb *db, RepereImportDone done,
                                                 gpointer user_data);
AdwMessageDialog *repere_rome_rollback_choose (GtkWindow *parent, RepereDb *db, RepereImportDone done, gpointer user_data);

G_END_DECLS
