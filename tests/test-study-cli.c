/* test-study-cli.c: `repere-cli survey`, `study`, `print --survey|--study`,
 * `export --survey` and the fiche notes of `show` and the printed job
 * sheet, run as child processes; the survey's shares are checked against the
 * study text itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "repere-test-util.h"

static const char *cli;
static char *tmp_dir;
static char *db_path;

typedef struct
{
  char *out;
  char *err;
  int status;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs @argv (NULL-terminated) in @lang ("C.UTF-8": English messages). */
static void
run_in (Run *run, const char *lang, const char *const *argv)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (args, (gpointer) cli);
  g_ptr_array_add (args, (gpointer) "--database");
  g_ptr_array_add (args, db_path);
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  env = g_environ_setenv (env, "LC_ALL", lang, TRUE);
  env = g_environ_setenv (env, "LANG", lang, TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  memset (run, 0, sizeof *run);
  if (!g_spawn_sync (NULL, (char **) args->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &run->out,
                     &run->err, &wait_status, &error))
    g_error ("cannot run %s: %s", cli, error->message);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("%s → %d %s", argv[0], run->status, run->err);
  g_assert_true (g_utf8_validate (run->out, -1, NULL));
}

static void
run (Run *r, const char *const *argv)
{
  run_in (r, "C.UTF-8", argv);
}

static void
assert_ok (const Run *r)
{
  if (r->status != 0)
    g_error ("exit %d: %s", r->status, r->err);
}

static char *
tmp_file (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* The text of a PDF (pdftotext, poppler-utils), lines joined by spaces. */
static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("pdftotext: %s", error->message);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_strdelimit (out, "\n\f", ' ');
  return g_steal_pointer (&out);
}

/* The study's text of section 2.2.@n, from its heading to the next one of
 * 2.2 or 2.3. */
static char *
survey_section (const char *study, int n)
{
  g_autofree char *heading = g_strdup_printf (" 2.2.%d. ", n);
  const char *start = strstr (study, heading);
  const char *end;

  g_assert_nonnull (start);
  end = strstr (start + 1, n < 10 ? " 2.2." : " 2.3. ");
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

/* The value a share printed in words or digits stands for. */
static double
published_value (const char *published)
{
  if (strstr (published, "moitié"))
    return 50;
  if (strstr (published, "tiers"))
    return 33;
  if (g_str_has_prefix (published, "Aucun"))
    return 0;
  return g_ascii_strtod (published, NULL);
}

/* Acceptance 1 of issue 14: `survey` prints each question with its answer
 * shares as published; each share is the study's, read in its section. */
static void
test_survey (void)
{
  g_autofree char *study = NULL;
  g_auto (Run) r = { 0 };
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  guint n_rows = 0, n_published = 0;
  int last_section = 0;

  g_assert_true (g_file_get_contents (g_getenv ("REPERE_STUDY_TEXT"), &study, NULL, &error));
  run (&r, (const char *[]){ "survey", NULL });
  assert_ok (&r);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "section\tquestion\toption\tanswer\tshare\tpublished");
  for (guint l = 1; lines[l] && *lines[l]; l++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[l], "\t", -1);
      g_autofree char *section = NULL;
      int n;

      g_assert_cmpuint (g_strv_length (cells), ==, 6);
      g_assert_true (g_str_has_prefix (cells[0], "2.2."));
      n = atoi (cells[0] + 4);
      g_assert_cmpint (n, >=, last_section);
      last_section = n;
      section = survey_section (study, n);
      /* The question and the answer as printed in their section (2.2.1's
       * answers are the profiles of 2.1.2, 2.2.2's named by its analysis). */
      g_assert_nonnull (strstr (study, cells[1]));
      if (n > 2)
        {
          g_autofree char *item = g_strdup_printf ("- %s", cells[3]);
          g_assert_nonnull (strstr (section, item));
        }
      if (*cells[5])
        {
          if (strstr (section, cells[5]) == NULL)
            g_error ("2.2.%d: “%s” is not in the section", n, cells[5]);
          g_assert_cmpfloat (g_ascii_strtod (cells[4], NULL), ==, published_value (cells[5]));
          n_published++;
        }
      else
        g_assert_cmpstr (cells[4], ==, "");
      n_rows++;
    }
  g_assert_cmpint (last_section, ==, 10);
  g_assert_cmpuint (n_rows, ==, 40);
  g_assert_cmpuint (n_published, ==, 28);
}

static void
test_survey_options (void)
{
  g_auto (Run) csv = { 0 };
  g_auto (Run) one = { 0 };
  g_auto (Run) unknown = { 0 };
  g_auto (Run) format = { 0 };
  g_auto (GStrv) lines = NULL;

  run (&csv, (const char *[]){ "survey", "--format", "csv", NULL });
  assert_ok (&csv);
  g_assert_true (g_str_has_prefix (csv.out, "section,question,option,answer,share,published\n"));
  g_assert_nonnull (strstr (csv.out, "2.2.3,Identifiez-vous"));
  run (&one, (const char *[]){ "survey", "--question", "training", NULL });
  assert_ok (&one);
  lines = g_strsplit (one.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 5 + 1);
  g_assert_nonnull (strstr (lines[2], "\t33\tUn autre tiers"));
  g_assert_nonnull (strstr (lines[5], "\t0\tAucun répondant"));
  run (&unknown, (const char *[]){ "survey", "--question", "weather", NULL });
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "weather"));
  run (&format, (const char *[]){ "survey", "--format", "xml", NULL });
  g_assert_cmpint (format.status, ==, 1);
  g_assert_nonnull (strstr (format.err, "xml"));
}

/* The charts as images: PNG, SVG, PDF; another extension is refused,
 * naming the file. */
static void
test_survey_charts (void)
{
  g_autofree char *png = tmp_file ("strategy.png");
  g_autofree char *svg = tmp_file ("all.svg");
  g_autofree char *pdf = tmp_file ("training.pdf");
  g_autofree char *gif = tmp_file ("chart.gif");
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  g_auto (Run) a = { 0 };
  g_auto (Run) b = { 0 };
  g_auto (Run) c = { 0 };
  g_auto (Run) d = { 0 };

  run (&a, (const char *[]){ "survey", "--question", "strategy", "--output", png, NULL });
  assert_ok (&a);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpint (memcmp (contents, "\x89PNG\r\n\x1a\n", 8), ==, 0);
  g_clear_pointer (&contents, g_free);
  run (&b, (const char *[]){ "survey", "--output", svg, "--dark", NULL });
  assert_ok (&b);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  run (&c, (const char *[]){ "survey", "--question", "training", "--output", pdf, NULL });
  assert_ok (&c);
  text = pdf_text (pdf);
  for (const char *const *want
       = (const char *const[]){ "2.2.10", "Formation", "37%", "≈ 33%", "14%", "7%", "0%",
                                "Aucun dispositif de formation", NULL };
       *want; want++)
    if (strstr (text, *want) == NULL)
      g_error ("“%s” not in the chart: %s", *want, text);
  run (&d, (const char *[]){ "survey", "--output", gif, NULL });
  g_assert_cmpint (d.status, ==, 1);
  g_assert_nonnull (strstr (d.err, gif));
  g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
}

/* The printed Consultation (charts, analyses, recommendations) and Étude
 * (method figures, classes, glossary, bibliography) pages. */
static void
test_print (void)
{
  g_autofree char *survey_pdf = tmp_file ("consultation.pdf");
  g_autofree char *study_pdf = tmp_file ("etude.pdf");
  g_autofree char *survey = NULL;
  g_autofree char *study = NULL;
  g_auto (Run) a = { 0 };
  g_auto (Run) b = { 0 };
  static const char *const in_survey[] = { "Consultation of the assistance companies",
                                           "2.2.1 Profil des répondants / Rôle générique",
                                           "2.2.10 Formation",
                                           "45%",
                                           "≈ 50%",
                                           "68 %",
                                           "Aucun dispositif",
                                           "Did you know?",
                                           "76% des salariés français",
                                           "Sensibiliser",
                                           "programmes de formation",
                                           "more than 68",
                                           "page 1 / ",
                                           NULL };
  static const char *const in_study[] = { "674",
                                          "2,411",
                                          "12,512",
                                          "about 50",
                                          "4.5 billion euros",
                                          "310",
                                          "25",
                                          "OPCO Atlas",
                                          "Transformer / Transformateur (modèle)",
                                          "Frey, C. B., & Osborne, M. A. (2013)",
                                          "Forrester Research",
                                          "Émergent",
                                          "En forte transformation",
                                          "Mobility:",
                                          "Un second volet de l'étude est programmé",
                                          "DIAL-IA",
                                          NULL };

  run (&a, (const char *[]){ "print", "--survey", "--pdf", survey_pdf, NULL });
  assert_ok (&a);
  survey = pdf_text (survey_pdf);
  for (guint i = 0; in_survey[i]; i++)
    if (strstr (survey, in_survey[i]) == NULL)
      g_error ("“%s” is not in the printed consultation", in_survey[i]);
  run (&b, (const char *[]){ "print", "--study", "--pdf", study_pdf, "--paper", "letter",
                             "--landscape", NULL });
  assert_ok (&b);
  study = pdf_text (study_pdf);
  for (guint i = 0; in_study[i]; i++)
    if (strstr (study, in_study[i]) == NULL)
      g_error ("“%s” is not in the printed study page", in_study[i]);
}

/* Acceptance 2 of issue 14: the Infirmier d'assistance's note about its
 * rating in `show` (English and French) and on its printed sheet. */
static void
test_job_note (void)
{
  static const char note[]
      = "La qualification a été réalisé par des médecins, en l’absence d’infirmiers";
  g_autofree char *pdf = tmp_file ("infirmier.pdf");
  g_autofree char *text = NULL;
  g_auto (Run) show = { 0 };
  g_auto (Run) french = { 0 };
  g_auto (Run) sheet = { 0 };
  g_auto (Run) role = { 0 };

  run (&show, (const char *[]){ "show", "Infirmier d'assistance", NULL });
  assert_ok (&show);
  g_assert_nonnull (strstr (show.out, "Notes of the fiche"));
  g_assert_nonnull (strstr (show.out, note));
  g_assert_nonnull (strstr (show.out, "On the rating (experts)"));
  run_in (&french, "fr_FR.UTF-8", (const char *[]){ "show", "Infirmier d'assistance", NULL });
  assert_ok (&french);
  g_assert_nonnull (strstr (french.out, "Notes de la fiche"));
  g_assert_nonnull (strstr (french.out, note));
  run (&sheet, (const char *[]){ "print", "--job", "Infirmier d'assistance", "--pdf", pdf, NULL });
  assert_ok (&sheet);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Notes of the fiche"));
  g_assert_nonnull (strstr (text, "réalisé par des médecins"));
  g_assert_nonnull (strstr (text, "On the rating (Experts métier assistance)"));
  run (&role, (const char *[]){ "show", "Chargé d'assistance", NULL });
  assert_ok (&role);
  g_assert_nonnull (strstr (role.out, "Future role"));
  g_assert_nonnull (strstr (role.out, "conseiller d'assistance augmentée"));
}

static guint
n_lines (const char *text)
{
  guint n = 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_study_command (void)
{
  static const struct
  {
    const char *what, *argument, *contains;
    guint lines;
  } cases[] = {
    { "figures", NULL, "method-competency-lines\tmethod\t", 1 + 34 },
    { "glossary", NULL, "\tFeedback\tRetour d'information", 1 + 9 },
    { "references", NULL, "17\tFrey, C. B., & Osborne, M. A.\t2013\t", 1 + 17 },
    { "activities", NULL, "\tleast\tInterventions physiques et manuelles\t", 1 + 5 },
    { "steps", NULL, "6\t\tA la suite des premières acculturations", 1 + 6 },
    { "passages", "conclusion", "\tparagraph\tOuverture\tUn second volet", 1 + 8 },
    { "guidance", "En forte", "\tmobility-from\t4.9\tAdapter et développer", 1 + 7 },
    { "notes", "Infirmier d'assistance",
      "1\trating\t\tLa qualification a été réalisé par des médecins", 1 + 3 },
    { "roles", "Formateur d'assistance", "\trole\tconcepteurs pédagogiques\t", 1 + 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Run) r = { 0 };
      run (&r, (const char *[]){ "study", cases[i].what, cases[i].argument, NULL });
      assert_ok (&r);
      if (strstr (r.out, cases[i].contains) == NULL)
        g_error ("study %s: no “%s” in\n%s", cases[i].what, cases[i].contains, r.out);
      g_assert_cmpuint (n_lines (r.out), ==, cases[i].lines);
    }
  {
    g_auto (Run) r = { 0 };
    run (&r, (const char *[]){ "study", "everything", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "Usage: study"));
  }
}

/* `export --survey`: every answer for spreadsheets, French by default. */
static void
test_export (void)
{
  g_autofree char *path = tmp_file ("consultation.csv");
  g_autofree char *contents = NULL;
  g_auto (Run) a = { 0 };
  g_auto (Run) b = { 0 };
  g_auto (GStrv) lines = NULL;

  run (&a, (const char *[]){ "export", "--survey", "--format", "csv", "--bom", "--output", path,
                             NULL });
  assert_ok (&a);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* A header of titles, as the list's export writes it. */
  g_assert_true (g_str_has_prefix (
      contents, "\xEF\xBB\xBFSection;Question id;Theme;Question;Option;Answer;Share (%);"
                "Printed as a number;As published\r\n"));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 40 + 1);
  g_assert_nonnull (strstr (contents, "2.2.3;strategy;Stratégie et gouvernance;"));
  g_assert_nonnull (strstr (contents, ";45;1;45%\r\n"));
  g_assert_nonnull (strstr (contents, ";50;0;La moitié des répondants\r\n"));
  run (&b, (const char *[]){ "export", "--survey", "--delimiter", "comma", NULL });
  assert_ok (&b);
  g_assert_true (g_str_has_prefix (b.out, "Section,Question id,"));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  cli = g_getenv ("REPERE_CLI");
  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("REPERE_CLI must name the repere-cli executable");
  tmp_dir = g_dir_make_tmp ("repere-study-cli-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "repere.db", NULL);

  g_test_add_func ("/study-cli/survey", test_survey);
  g_test_add_func ("/study-cli/survey-options", test_survey_options);
  g_test_add_func ("/study-cli/survey-charts", test_survey_charts);
  g_test_add_func ("/study-cli/print", test_print);
  g_test_add_func ("/study-cli/job-note", test_job_note);
  g_test_add_func ("/study-cli/study", test_study_command);
  g_test_add_func ("/study-cli/export", test_export);
  status = g_test_run ();
  repere_test_remove_dir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
