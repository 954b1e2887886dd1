/* repere-print-ui.c: print dialog and export file choosers for the window
 *
 * The pages come from render/repere-print.c, the same code as
 * `repere-cli print`; the CSV from app/repere-export.c, as `repere-cli
 * export`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "repere-print-ui.h"

#include <glib/gi18n.h>

#include "repere-chart-csv.h"
#include "repere-export.h"
#include "repere-print.h"

/* The printer, paper and orientation chosen last, for the next print. */
static GtkPrintSettings *last_settings;
static GtkPageSetup *last_page_setup;
static GSettings *kept_settings; /* issue 13: where they are remembered */

/**
 * repere_print_ui_use_settings:
 * @settings: (transfer none): settings with the "print-settings" and
 *   "page-setup" keys (a{sv}) of data/org.observatoire_assistance.Repere.gschema.xml
 *
 * Reads the print settings and page setup last used from @settings and
 * keeps there those of each print, as GNOME Text Editor does
 * (gtk_print_settings_to_gvariant(), gtk_page_setup_to_gvariant()).
 */
void
repere_print_ui_use_settings (GSettings *settings)
{
  g_autoptr (GVariant) print = g_settings_get_value (settings, "print-settings");
  g_autoptr (GVariant) page = g_settings_get_value (settings, "page-setup");

  g_set_object (&kept_settings, settings);
  if (g_variant_n_children (print) > 0)
    {
      g_clear_object (&last_settings);
      last_settings = gtk_print_settings_new_from_gvariant (print);
    }
  if (g_variant_n_children (page) > 0)
    {
      g_clear_object (&last_page_setup);
      last_page_setup = gtk_page_setup_new_from_gvariant (page);
    }
}

static void
show_error (GtkWindow *parent, const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Something went wrong"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast (AdwToastOverlay *toasts, const char *text)
{
  if (toasts)
    adw_toast_overlay_add_toast (toasts, adw_toast_new (text));
}

/* Print dialog ------------------------------------------------------------ */

static void
on_begin_print (GtkPrintOperation *operation, GtkPrintContext *context, RepereDocument *doc)
{
  GtkPageSetup *page = gtk_print_context_get_page_setup (context);
  ReperePageSetup setup;

  /* Full page in points: the document keeps its own 15 mm margins, or the
   * printer's when they are wider. */
  repere_page_setup_init (&setup, REPERE_PAPER_A4, FALSE, REPERE_PRINT_DEFAULT_FONT_SIZE);
  setup.width = gtk_print_context_get_width (context);
  setup.height = gtk_print_context_get_height (context);
  setup.margin_top = MAX (setup.margin_top, gtk_page_setup_get_top_margin (page, GTK_UNIT_POINTS));
  setup.margin_bottom = MAX (setup.margin_bottom, gtk_page_setup_get_bottom_margin (page, GTK_UNIT_POINTS));
  setup.margin_left = MAX (setup.margin_left, gtk_page_setup_get_left_margin (page, GTK_UNIT_POINTS));
  setup.margin_right = MAX (setup.margin_right, gtk_page_setup_get_right_margin (page, GTK_UNIT_POINTS));
  gtk_print_operation_set_n_pages (operation,
                                   (int) repere_document_paginate (doc, gtk_print_context_get_cairo_context (context),
                                                                   &setup));
}

static void
on_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page, RepereDocument *doc)
{
  repere_document_draw_page (doc, gtk_print_context_get_cairo_context (context), (guint) page);
}

static void
on_done (GtkPrintOperation *operation, GtkPrintOperationResult result, GtkWindow *parent)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr (GError) error = NULL;
      gtk_print_operation_get_error (operation, &error);
      show_error (parent, error ? error->message : _("Printing failed"));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
      g_set_object (&last_page_setup, gtk_print_operation_get_default_page_setup (operation));
      if (kept_settings && last_settings)
        g_settings_set_value (kept_settings, "print-settings", gtk_print_settings_to_gvariant (last_settings));
      if (kept_settings && last_page_setup)
        g_settings_set_value (kept_settings, "page-setup", gtk_page_setup_to_gvariant (last_page_setup));
    }
  g_object_unref (operation);
}

/* A print operation on @doc (taken): A4 portrait unless chosen otherwise
 * before, full page in points, pages from render/repere-print.c. */
static GtkPrintOperation *
new_operation (RepereDocument *doc)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  if (last_page_setup == NULL)
    {
      GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
      last_page_setup = gtk_page_setup_new ();
      gtk_page_setup_set_paper_size_and_default_margins (last_page_setup, a4);
      gtk_page_setup_set_orientation (last_page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
      gtk_paper_size_free (a4);
    }
  gtk_print_operation_set_default_page_setup (operation, last_page_setup);
  if (last_settings)
    gtk_print_operation_set_print_settings (operation, last_settings);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, repere_document_get_title (doc));
  g_object_set_data_full (G_OBJECT (operation), "repere-document", doc, (GDestroyNotify) repere_document_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), doc);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), doc);
  return operation;
}

/* Opens the system print dialog on @doc (taken). */
static void
print_document (GtkWindow *parent, RepereDocument *doc)
{
  GtkPrintOperation *operation = new_operation (doc);
  g_autoptr (GError) error = NULL;

  /* Paper and orientation in the dialog's Page Setup tab. */
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_done), parent);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (parent, error->message);
}

/**
 * repere_print_ui_export_list_with_gtk:
 * @jobs: the rows as the browser shows them
 * @filter: the filter they were listed with
 * @path: the PDF file to write
 * @error: #RepereDbError, or GTK's print error
 *
 * Runs the print dialog's operation without the dialog (GTK's own PDF
 * export, A4 portrait): the same begin-print and draw-page handlers as
 * "Print List…", for scripts and tests.
 */
gboolean
repere_print_ui_export_list_with_gtk (GtkWindow *parent, RepereDb *db, GListModel *jobs,
                                      const RepereJobFilter *filter, const char *path, GError **error)
{
  RepereDocument *doc = repere_print_list_new (db, jobs, filter, error);
  g_autoptr (GtkPrintOperation) operation = NULL;

  if (doc == NULL)
    return FALSE;
  operation = new_operation (doc);
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/**
 * repere_print_ui_export_chart_with_gtk:
 * @kind, @filter, @compare: the view, as repere_print_ui_print_chart()
 * @path: the PDF file to write
 * @error: #RepereDbError, or GTK's print error
 *
 * "Print…" of the Views page without the dialog (GTK's PDF export, A4
 * portrait): the same print operation and handlers, for scripts and tests.
 */
gboolean
repere_print_ui_export_chart_with_gtk (GtkWindow *parent, RepereDb *db, RepereChartKind kind,
                                       const RepereJobFilter *filter, const char *compare, const char *path,
                                       GError **error)
{
  RepereDocument *doc = repere_print_charts_new (db, &kind, 1, filter, compare, error);
  g_autoptr (GtkPrintOperation) operation = NULL;

  if (doc == NULL)
    return FALSE;
  operation = new_operation (doc);
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/**
 * repere_print_ui_print_list:
 * @jobs: the rows as the browser shows them, filtered and sorted
 * @filter: the filter they were listed with (page header, footer source)
 *
 * Opens the print dialog on the job list (A4 portrait by default; paper and
 * orientation can be changed in the dialog).
 */
void
repere_print_ui_print_list (GtkWindow *parent, RepereDb *db, GListModel *jobs, const RepereJobFilter *filter)
{
  g_autoptr (GError) error = NULL;
  RepereDocument *doc = repere_print_list_new (db, jobs, filter, &error);

  if (doc == NULL)
    show_error (parent, error->message);
  else
    print_document (parent, doc);
}

/**
 * repere_print_ui_print_job:
 * @job_id: the job whose sheet to print
 */
void
repere_print_ui_print_job (GtkWindow *parent, RepereDb *db, const char *job_id)
{
  g_autoptr (GError) error = NULL;
  RepereDocument *doc = repere_print_job_sheet_new (db, job_id, &error);

  if (doc == NULL)
    show_error (parent, error->message);
  else
    print_document (parent, doc);
}

/* Export ------------------------------------------------------------------ */

typedef struct
{
  GtkWindow *parent;
  AdwToastOverlay *toasts;
  RepereDocument *doc; /* PDF */
  GListModel *jobs;    /* CSV of the list */
  RepereChart *chart;  /* CSV of a view */
  RepereCsvWriter writer; /* CSV of anything else */
  gpointer writer_data;
  GDestroyNotify writer_destroy;
} Export;

static void
export_free (Export *export)
{
  g_clear_pointer (&export->doc, repere_document_free);
  g_clear_object (&export->jobs);
  g_clear_pointer (&export->chart, repere_chart_free);
  if (export->writer_destroy)
    export->writer_destroy (export->writer_data);
  g_free (export);
}

static void
on_export_response (GtkNativeDialog *chooser, int response, Export *export)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (response != GTK_RESPONSE_ACCEPT || (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    goto out;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (export->parent, _("Choose a local file"));
      goto out;
    }
  if (export->doc)
    {
      const char *paper = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "paper");
      const char *orientation = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "orientation");
      ReperePageSetup setup;
      repere_page_setup_init (&setup, g_strcmp0 (paper, "letter") == 0 ? REPERE_PAPER_LETTER : REPERE_PAPER_A4,
                              g_strcmp0 (orientation, "landscape") == 0, REPERE_PRINT_DEFAULT_FONT_SIZE);
      ok = repere_document_write_pdf (export->doc, &setup, path, &error);
    }
  else
    {
      RepereExportOptions options;
      repere_export_options_init (&options, g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser),
                                                                                    "delimiter"),
                                                       "international")
                                                != 0);
      options.bom = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "bom"), "true") == 0;
      if (export->writer)
        ok = export->writer (&options, path, export->writer_data, &error);
      else
        ok = export->chart ? repere_chart_csv_to_file (export->chart, &options, path, &error)
                           : repere_export_jobs_to_file (export->jobs, &options, path, &error);
    }
  if (!ok)
    show_error (export->parent, error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);
      toast (export->toasts, message);
    }
out:
  export_free (export);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static GtkFileChooserNative *
save_chooser (GtkWindow *parent, const char *title, const char *name, const char *pattern, const char *format)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, format);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  return chooser;
}

static void export_pdf (GtkWindow *parent, AdwToastOverlay *toasts, RepereDocument *doc, const char *title,
                        const char *name);

/**
 * repere_print_ui_export_pdf:
 * @toasts: (nullable): where to say the file was saved
 * @jobs: the rows as the browser shows them
 * @filter: the filter they were listed with
 *
 * Asks for a PDF file (with a choice of paper and orientation) and writes
 * the printed list to it.
 */
void
repere_print_ui_export_pdf (GtkWindow *parent, AdwToastOverlay *toasts, RepereDb *db, GListModel *jobs,
                            const RepereJobFilter *filter)
{
  g_autoptr (GError) error = NULL;
  RepereDocument *doc = repere_print_list_new (db, jobs, filter, &error);

  if (doc == NULL)
    {
      show_error (parent, error->message);
      return;
    }
  /* TRANSLATORS: default file name of the exported job list */
  export_pdf (parent, toasts, doc, _("Export List as PDF"), _("jobs.pdf"));
}

/* Asks for a PDF file, paper and orientation, and writes @doc (taken) to it. */
static void
export_pdf (GtkWindow *parent, AdwToastOverlay *toasts, RepereDocument *doc, const char *title, const char *name)
{
  const char *paper_ids[] = { "a4", "letter", NULL };
  const char *paper_labels[] = { _("A4"), _("Letter"), NULL };
  const char *orientation_ids[] = { "portrait", "landscape", NULL };
  const char *orientation_labels[] = { _("Portrait"), _("Landscape"), NULL };
  GtkFileChooserNative *chooser;
  Export *export;

  chooser = save_chooser (parent, title, name, "*.pdf", _("PDF documents"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "paper", _("Paper"), paper_ids, paper_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "paper", "a4");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "orientation", _("Orientation"), orientation_ids,
                               orientation_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "orientation", "portrait");
  export = g_new0 (Export, 1);
  export->parent = parent;
  export->toasts = toasts;
  export->doc = doc;
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void export_csv (GtkWindow *parent, AdwToastOverlay *toasts, Export *export, const char *title,
                        const char *name);

/**
 * repere_print_ui_export_csv:
 * @toasts: (nullable): where to say the file was saved
 * @jobs: the rows as the browser shows them
 *
 * Asks for a CSV file, French (';' and decimal commas) or international
 * (',' and decimal points), with or without a byte order mark, and writes
 * the list to it.
 */
void
repere_print_ui_export_csv (GtkWindow *parent, AdwToastOverlay *toasts, GListModel *jobs)
{
  Export *export = g_new0 (Export, 1);

  export->jobs = g_object_ref (jobs);
  /* TRANSLATORS: default file name of the exported job list */
  export_csv (parent, toasts, export, _("Export List as CSV"), _("jobs.csv"));
}

/* Asks for a CSV file and its format, then writes @export (taken). */
static void
export_csv (GtkWindow *parent, AdwToastOverlay *toasts, Export *export, const char *title, const char *name)
{
  const char *ids[] = { "french", "international", NULL };
  const char *labels[] = { _("French spreadsheet (; and decimal comma)"),
                           _("International (, and decimal point)"), NULL };
  GtkFileChooserNative *chooser = save_chooser (parent, title, name, "*.csv", _("CSV spreadsheets"));

  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "delimiter", _("Format"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "delimiter", "french");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "bom", _("Byte order mark (for Excel)"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "bom", "true");
  export->parent = parent;
  export->toasts = toasts;
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Views ------------------------------------------------------------------- */

/* The file name a view is saved under: "ranking-experts.pdf". */
static char *
view_file_name (RepereChartKind kind, const RepereJobFilter *filter, const char *extension)
{
  return g_strdup_printf ("%s-%s.%s", repere_chart_kind_id (kind),
                          filter->assessment ? filter->assessment : REPERE_DEFAULT_ASSESSMENT, extension);
}

/**
 * repere_print_ui_print_chart:
 * @kind: the view shown
 * @filter: the job browser's filter the view follows
 * @compare: (nullable): the evolution's compared assessment, %NULL for the
 *   default (repere_chart_new())
 *
 * Opens the print dialog on the view (repere_print_charts_new(): the pages
 * of `repere-cli print --chart KIND`).
 */
void
repere_print_ui_print_chart (GtkWindow *parent, RepereDb *db, RepereChartKind kind, const RepereJobFilter *filter,
                             const char *compare)
{
  g_autoptr (GError) error = NULL;
  RepereDocument *doc = repere_print_charts_new (db, &kind, 1, filter, compare, &error);

  if (doc == NULL)
    show_error (parent, error->message);
  else
    print_document (parent, doc);
}

/**
 * repere_print_ui_export_chart_pdf:
 * @toasts: (nullable): where to say the file was saved
 * @kind, @filter, @compare: the view, as repere_print_ui_print_chart()
 *
 * Asks for a PDF file (paper and orientation) and writes the printed view
 * to it.
 */
void
repere_print_ui_export_chart_pdf (GtkWindow *parent, AdwToastOverlay *toasts, RepereDb *db, RepereChartKind kind,
                                  const RepereJobFilter *filter, const char *compare)
{
  g_autoptr (GError) error = NULL;
  RepereDocument *doc = repere_print_charts_new (db, &kind, 1, filter, compare, &error);
  g_autofree char *name = view_file_name (kind, filter, "pdf");

  if (doc == NULL)
    {
      show_error (parent, error->message);
      return;
    }
  export_pdf (parent, toasts, doc, _("Export View as PDF"), name);
}

/**
 * repere_print_ui_export_chart_csv:
 * @toasts: (nullable): where to say the file was saved
 * @kind, @filter, @compare: the view, as repere_print_ui_print_chart()
 *
 * Asks for a CSV file and its format (French or international, byte order
 * mark) and writes the table behind the view (repere_chart_csv()).
 */
void
repere_print_ui_export_chart_csv (GtkWindow *parent, AdwToastOverlay *toasts, RepereDb *db, RepereChartKind kind,
                                  const RepereJobFilter *filter, const char *compare)
{
  g_autoptr (GError) error = NULL;
  RepereChart *chart = repere_chart_new (db, kind, filter, compare, &error);
  g_autofree char *name = view_file_name (kind, filter, "csv");
  Export *export;

  if (chart == NULL)
    {
      show_error (parent, error->message);
      return;
    }
  export = g_new0 (Export, 1);
  export->chart = chart;
  export_csv (parent, toasts, export, _("Export View as CSV"), name);
}

/* Any document and any table (the Consultation and Étude pages) --------- */

/**
 * repere_print_ui_print_document:
 * @doc: (transfer full): the document to print
 *
 * Opens the print dialog on @doc (A4 portrait by default).
 */
void
repere_print_ui_print_document (GtkWindow *parent, RepereDocument *doc)
{
  print_document (parent, doc);
}

/**
 * repere_print_ui_export_document_pdf:
 * @toasts: (nullable): where to say the file was saved
 * @doc: (transfer full): the document to write
 * @title: the file chooser's title
 * @name: the file name proposed
 *
 * Asks for a PDF file (paper and orientation) and writes @doc to it.
 */
void
repere_print_ui_export_document_pdf (GtkWindow *parent, AdwToastOverlay *toasts, RepereDocument *doc,
                                     const char *title, const char *name)
{
  export_pdf (parent, toasts, doc, title, name);
}

/**
 * repere_print_ui_export_csv_with:
 * @toasts: (nullable): where to say the file was saved
 * @title: the file chooser's title
 * @name: the file name proposed
 * @writer: writes the CSV with the options chosen (French or international,
 *   byte order mark) to the file chosen
 * @data: (transfer full): for @writer
 * @destroy: (nullable): frees @data once the chooser is closed
 *
 * The CSV export of "Export List as CSV…" for any table.
 */
void
repere_print_ui_export_csv_with (GtkWindow *parent, AdwToastOverlay *toasts, const char *title, const char *name,
                                 RepereCsvWriter writer, gpointer data, GDestroyNotify destroy)
{
  Export *export = g_new0 (Export, 1);

  export->writer = writer;
  export->writer_data = data;
  export->writer_destroy = destroy;
  export_csv (parent, toasts, export, title, name);
}
