/* repere-rating-history.h: the history of rating changes, undo and redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "repere-db.h"

G_BEGIN_DECLS

/**
 * RepereChange:
 * One change a user made to an assessment (table rating_change, schema 7):
 * who, when, what, and how many rows it touched.
 */
typedef struct
{
  gint64 id;
  char *assessment_id;
  char *job_id;   /* "" when the change spans several jobs */
  char *job_name; /* "" likewise */
  char *kind;     /* rate | retain | apply | counts | revert | import | consolidate | undo | redo */
  char *detail;   /* the rater, the file or the rule, as the kind needs */
  char *changed_by; /* the user's real name */
  char *changed_at; /* ISO 8601 UTC */
  gint64 undoes;    /* for undo and redo: the change undone or redone, else 0 */
  guint n_rows;     /* rows inserted, updated or deleted */
  char *summary;    /* what changed, in a sentence (translated) */
} RepereChange;

void repere_change_free (RepereChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepereChange, repere_change_free)

gint64 repere_change_begin (RepereDb *db, const char *assessment_id, const char *job_id, const char *kind,
                            const char *detail, gint64 undoes, GError **error);
gboolean repere_change_end (RepereDb *db, gint64 change_id, GError **error);
gint64 repere_change_take_last (RepereDb *db);
void repere_change_forget_last (RepereDb *db);

GPtrArray *repere_change_list (RepereDb *db, const char *assessment_id, const char *job_id, guint limit,
                               GError **error);
RepereChange *repere_change_get (RepereDb *db, gint64 change_id, GError **error);
gboolean repere_change_undo (RepereDb *db, gint64 change_id, GError **error);
gboolean repere_change_redo (RepereDb *db, gint64 change_id, GError **error);

char *repere_format_date (const char *iso8601);

/**
 * RepereUndoStack:
 * The session's undo and redo: the changes made since the window opened,
 * most recent last. Undo writes back the rows of the last change as they
 * were; redo writes them again as they became.
 */
#define REPERE_TYPE_UNDO_STACK (repere_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (RepereUndoStack, repere_undo_stack, REPERE, UNDO_STACK, GObject)

RepereUndoStack *repere_undo_stack_new (RepereDb *db);
void repere_undo_stack_push (RepereUndoStack *self, gint64 change_id);
gboolean repere_undo_stack_push_last (RepereUndoStack *self);
gboolean repere_undo_stack_can_undo (RepereUndoStack *self);
gboolean repere_undo_stack_can_redo (RepereUndoStack *self);
char *repere_undo_stack_describe_undo (RepereUndoStack *self);
char *repere_undo_stack_describe_redo (RepereUndoStack *self);
gboolean repere_undo_stack_undo (RepereUndoStack *self, char **assessment_id, GError **error);
gboolean repere_undo_stack_redo (RepereUndoStack *self, char **assessment_id, GError **error);
void repere_undo_stack_clear (RepereUndoStack *self);

G_END_DECLS
