/* test-consistency.c: the consistency report of the study
 * (repere_consistency_check_study() and `repere-cli check --study`)
 *
 * The expected findings were checked one by one against the study text
 * (REPERE_STUDY_TEXT) and are those docs/study-data.md lists in "Where the
 * published figures disagree".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "repere-test-util.h"
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "repere-consistency.h"
#include "repere-db.h"

static char *tmp_dir;
static char *db_path;
static RepereDb *study_db;

static const struct
{
  const char *kind;
  const char *assessment_id;
  const char *job_id;
} expected[] = {
  /* 3.2.2.1 Figure 1: "Manager de proximité d'assistance … 0,08 50 Non
   * impacté ou de manière r"; 3.2.2.1 Figure 2 lists it under En évolution. */
  { "table-vs-figure", "pwc-revised", "manager-de-proximite-d-assistance" },
  /* 3.2.2.1 Figure 1: "Médecin d'assistance … 0,06 55 En évolution";
   * Figure 2 lists "♥ Médecin assistance" under Non impactés. */
  { "table-vs-figure", "pwc-revised", "medecin-d-assistance" },
  /* 3.2.2.2 Figure 1: 0,08, rank 51, Non impacté; Figure 2: En évolution. */
  { "table-vs-figure", "experts", "manager-de-proximite-d-assistance" },
  /* 4.2.4, experts: "19 compétences retenues", counts 7 3 6 1 0 = 17. */
  { "fiche-counts", "experts", "medecin-d-assistance" },
  /* 4.2.1, revised: score 0,38; 3.2.2.1 Figure 1: 0,30. */
  { "fiche-score", "pwc-revised", "charge-d-assistance" },
  /* 4.2.3, experts: score 0,60; 3.2.2.2 Figure 1: 0,58. */
  { "fiche-score", "experts", "assistant-administratif-de-plateaux" },
  /* 4.2.4, revised: "Non impacté / négligeable"; 3.2.2.1 Figure 1: En
   * évolution. */
  { "fiche-class", "pwc-revised", "medecin-d-assistance" },
  /* 3.2.2.2 says the 48 non-core jobs keep their scores; 31 of them differ
   * between 3.2.2.1 and 3.2.2.2 Figure 1: 30 lose 0,01–0,03 and Animateur
   * de réseau de prestataire goes from 0,37 to 0,86. The other 17 (Auditeur,
   * the RH jobs, the managers…) are identical. By job name. */
  { "non-core-moved", "experts", "acheteur" },                                  /* 0,34 → 0,33 */
  { "non-core-moved", "experts", "actuaire-tarificateur" },                     /* 0,48 → 0,47 */
  { "non-core-moved", "experts", "administrateur-de-base-de-donnees" },         /* 0,32 → 0,31 */
  { "non-core-moved", "experts", "administrateur-reseaux-et-systeme" },         /* 0,32 → 0,31 */
  { "non-core-moved", "experts", "analyste-conformite-controle-interne-et-risques" }, /* 0,37 → 0,36 */
  { "non-core-moved", "experts", "animateur-de-reseau-de-prestataire" },        /* 0,37 → 0,86 */
  { "non-core-moved", "experts", "assistant" },                                 /* 0,45 → 0,44 */
  { "non-core-moved", "experts", "charge-d-accueil-d-assistance" },             /* 0,78 → 0,76 */
  { "non-core-moved", "experts", "charge-d-etudes" },                           /* 0,54 → 0,52 */
  { "non-core-moved", "experts", "charge-de-communication" },                   /* 0,44 → 0,43 */
  { "non-core-moved", "experts", "charge-de-comptabilite" },                    /* 0,35 → 0,34 */
  { "non-core-moved", "experts", "charge-de-conciergerie" },                    /* 0,06 → 0,05 */
  { "non-core-moved", "experts", "charge-de-gestion-commerciale" },             /* 0,71 → 0,69 */
  { "non-core-moved", "experts", "charge-de-la-qualite" },                      /* 0,21 → 0,20 */
  { "non-core-moved", "experts", "charge-des-affaires-sociales" },              /* 0,26 → 0,25 */
  { "non-core-moved", "experts", "chef-de-produit-marketing" },                 /* 0,39 → 0,38 */
  { "non-core-moved", "experts", "chef-de-projet" },                            /* 0,19 → 0,18 */
  { "non-core-moved", "experts", "chef-de-projet-informatique" },               /* 0,30 → 0,29 */
  { "non-core-moved", "experts", "commercial-clients-entreprises" },            /* 0,29 → 0,28 */
  { "non-core-moved", "experts", "controleur-de-gestion" },                     /* 0,24 → 0,23 */
  { "non-core-moved", "experts", "gestionnaire-des-factures-prestataires" },    /* 0,35 → 0,34 */
  { "non-core-moved", "experts", "gestionnaire-des-medias-sociaux" },           /* 0,44 → 0,43 */
  { "non-core-moved", "experts", "gestionnaire-paie-et-administration-du-personnel" }, /* 0,35 → 0,34 */
  { "non-core-moved", "experts", "informaticien-d-etude-et-developpement" },    /* 0,26 → 0,25 */
  { "non-core-moved", "experts", "juriste" },                                   /* 0,38 → 0,37 */
  { "non-core-moved", "experts", "planificateur-previsionniste" },              /* 0,26 → 0,25 */
  { "non-core-moved", "experts", "responsable-experience-client" },             /* 0,24 → 0,23 */
  { "non-core-moved", "experts", "specialiste-activites-paramedicales" },       /* 0,22 → 0,21 */
  { "non-core-moved", "experts", "specialiste-cybersecurite" },                 /* 0,28 → 0,27 */
  { "non-core-moved", "experts", "statisticien-data-analyst" },                 /* 1,00 → 0,97 */
  { "non-core-moved", "experts", "ux-ui-designer" },                            /* 0,35 → 0,34 */
  /* model-residual: none, the model reproduces the 30 ranking-table scores
   * of the fiches' jobs within ±0,02 (docs/scoring.md). */
  /* 3.2.2.1 Figure 1 classes Médecin d'assistance En évolution at 0,06:
   * every other non-emergent job at 0,14 or less is Non impacté. */
  { "class-vs-thresholds", "pwc-revised", "medecin-d-assistance" },
  /* 3.2.2.2 Figure 3 gives Médecin d'assistance "Non impacté ou de maniè"
   * before the requalification (0,06, rank 55); 3.2.2.1 Figure 1 "En
   * évolution". */
  { "evolution-vs-table", "pwc-revised", "medecin-d-assistance" },
  /* The figures the text states (/consistency/prose holds their values):
   * 3.2.2.1 counts 6 core jobs En évolution and 1 Non impacté, its Figure 2
   * lists 5 and 2; 3.2.2.2 counts 30 En évolution and 10 Non impactés, its
   * Figure 2 lists 31 and 9, whose header says 52 % and 17 % (31/58 = 53 %,
   * 9/58 = 16 %); 3.2.2.2 names Médecin d'assistance among the two jobs
   * moving from Non impacté to En évolution, which it is not in the ranking
   * tables. */
  { "prose-vs-table", "pwc-revised", "" },
  { "prose-vs-table", "pwc-revised", "" },
  { "prose-vs-table", "experts", "" },
  { "prose-vs-table", "experts", "" },
  { "prose-vs-table", "experts", "" },
  { "prose-vs-table", "experts", "" },
  { "prose-vs-table", "experts", "medecin-d-assistance" },
};

static GPtrArray *
check_study (RepereDb *db)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *findings = repere_consistency_check_study (db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (findings);
  return findings;
}

static void
test_findings (void)
{
  g_autoptr (GPtrArray) findings = check_study (study_db);
  g_autoptr (GString) got = g_string_new (NULL);
  g_autoptr (GString) want = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      RepereFinding *f = g_ptr_array_index (findings, i);
      g_string_append_printf (got, "%s|%s|%s\n", f->kind, f->assessment_id, f->job_id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_string_append_printf (want, "%s|%s|%s\n", expected[i].kind, expected[i].assessment_id, expected[i].job_id);
  g_assert_cmpstr (got->str, ==, want->str);
  g_assert_cmpuint (findings->len, ==, 47);
}

/* The values of a few findings, as the study prints them. */
static void
test_values (void)
{
  static const struct
  {
    const char *kind, *assessment_id, *job_id;
    const char *value_a, *source_a, *value_b, *source_b;
  } values[] = {
    { "table-vs-figure", "pwc-revised", "medecin-d-assistance", "En évolution", "3.2.2.1 Figure 1",
      "Non impacté ou de manière négligeable", "3.2.2.1 Figure 2" },
    { "fiche-counts", "experts", "medecin-d-assistance", "19", "4.2.4", "17", "4.2.4" },
    { "fiche-score", "pwc-revised", "charge-d-assistance", "0.38", "4.2.1", "0.30", "3.2.2.1 Figure 1" },
    { "fiche-score", "experts", "assistant-administratif-de-plateaux", "0.60", "4.2.3", "0.58", "3.2.2.2 Figure 1" },
    { "fiche-class", "pwc-revised", "medecin-d-assistance", "Non impacté ou de manière négligeable", "4.2.4",
      "En évolution", "3.2.2.1 Figure 1" },
    { "non-core-moved", "experts", "animateur-de-reseau-de-prestataire", "0.37", "3.2.2.1 Figure 1", "0.86",
      "3.2.2.2 Figure 1" },
    { "non-core-moved", "experts", "statisticien-data-analyst", "1.00", "3.2.2.1 Figure 1", "0.97",
      "3.2.2.2 Figure 1" },
    { "class-vs-thresholds", "pwc-revised", "medecin-d-assistance", "En évolution", "3.2.2.1 Figure 1",
      "Non impacté ou de manière négligeable", "3.2.1.2" },
  };
  g_autoptr (GPtrArray) findings = check_study (study_db);

  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    {
      RepereFinding *found = NULL;

      for (guint i = 0; i < findings->len && found == NULL; i++)
        {
          RepereFinding *f = g_ptr_array_index (findings, i);
          if (g_str_equal (f->kind, values[v].kind) && g_str_equal (f->assessment_id, values[v].assessment_id)
              && g_str_equal (f->job_id, values[v].job_id))
            found = f;
        }
      g_test_message ("%s %s %s", values[v].kind, values[v].assessment_id, values[v].job_id);
      g_assert_nonnull (found);
      g_assert_cmpstr (found->value_a, ==, values[v].value_a);
      g_assert_cmpstr (found->source_a, ==, values[v].source_a);
      g_assert_cmpstr (found->value_b, ==, values[v].value_b);
      g_assert_cmpstr (found->source_b, ==, values[v].source_b);
    }
}

/* Every message names the job, both values and both sections; every field is
 * set; the kinds are the documented ones, in their order. */
static void
assert_messages (GPtrArray *findings)
{
  const char *const *kinds = repere_consistency_kinds ();
  guint last_kind = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      RepereFinding *f = g_ptr_array_index (findings, i);
      guint kind = g_strv_length ((char **) kinds);

      for (guint k = 0; kinds[k]; k++)
        if (g_str_equal (kinds[k], f->kind))
          kind = k;
      g_test_message ("%s", f->message);
      g_assert_cmpuint (kind, <, g_strv_length ((char **) kinds));
      g_assert_cmpuint (kind, >=, last_kind);
      last_kind = kind;
      g_assert_cmpstr (repere_consistency_kind_title (f->kind), !=, f->kind);
      /* Only a count of the text names no job. */
      if (!g_str_equal (f->kind, "prose-vs-table"))
        g_assert_cmpstr (f->job_id, !=, "");
      g_assert_cmpstr (f->job_name, ==, *f->job_id ? f->job_name : "");
      g_assert_cmpstr (f->assessment_id, !=, "");
      g_assert_cmpstr (f->value_a, !=, "");
      g_assert_cmpstr (f->value_b, !=, "");
      g_assert_cmpstr (f->value_a, !=, f->value_b);
      g_assert_cmpstr (f->source_a, !=, "");
      g_assert_cmpstr (f->source_b, !=, "");
      g_assert_nonnull (strstr (f->message, f->job_name));
      /* A job a table moves and the text does not name has no value of
       * the text: value_a says so ("not named"). */
      if (!g_str_equal (f->value_a, "not named"))
        g_assert_nonnull (strstr (f->message, f->value_a));
      g_assert_nonnull (strstr (f->message, f->value_b));
      g_assert_nonnull (strstr (f->message, f->source_a));
      g_assert_nonnull (strstr (f->message, f->source_b));
      g_assert_null (strchr (f->message, '\n'));
      g_assert_null (strchr (f->message, '\t'));
    }
}

static void
test_messages (void)
{
  g_autoptr (GPtrArray) findings = check_study (study_db);

  g_assert_cmpuint (findings->len, >, 0);
  assert_messages (findings);
}

/* The same list every time. */
static void
test_stable (void)
{
  g_autoptr (GPtrArray) first = check_study (study_db);
  g_autoptr (GPtrArray) second = check_study (study_db);

  g_assert_cmpuint (first->len, ==, second->len);
  for (guint i = 0; i < first->len; i++)
    {
      RepereFinding *a = g_ptr_array_index (first, i);
      RepereFinding *b = g_ptr_array_index (second, i);
      g_assert_cmpstr (a->kind, ==, b->kind);
      g_assert_cmpstr (a->assessment_id, ==, b->assessment_id);
      g_assert_cmpstr (a->job_id, ==, b->job_id);
      g_assert_cmpstr (a->message, ==, b->message);
    }
}

static void
exec_sql (RepereDb *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (repere_db_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gboolean
has_finding (GPtrArray *findings, const char *kind, const char *assessment_id, const char *job_id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      RepereFinding *f = g_ptr_array_index (findings, i);
      if (g_str_equal (f->kind, kind) && g_str_equal (f->assessment_id, assessment_id)
          && g_str_equal (f->job_id, job_id))
        return TRUE;
    }
  return FALSE;
}

/* On a database whose ranking table was altered, the checks that find
 * nothing in the study find the alteration: a score the model cannot
 * reproduce, a class the thresholds contradict. */
static void
test_altered (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "altered.db", NULL);
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (RepereDb) db = repere_db_open (path, &error);
    g_assert_no_error (error);
    /* Infirmier d'assistance, experts: 0,41 in 3.2.2.2 Figure 1 and its fiche. */
    exec_sql (db, "UPDATE published_result SET score = 0.30, classification_id = 'strong-transformation'"
                  " WHERE assessment_id = 'experts' AND job_id = 'infirmier-d-assistance'");
  }
  {
    /* Reopened: the model is calibrated on the altered table. */
    g_autoptr (RepereDb) db = repere_db_open (path, &error);
    g_assert_no_error (error);
    findings = check_study (db);
  }
  g_assert_true (has_finding (findings, "model-residual", "experts", "infirmier-d-assistance"));
  g_assert_true (has_finding (findings, "class-vs-thresholds", "experts", "infirmier-d-assistance"));
  g_assert_true (has_finding (findings, "fiche-score", "experts", "infirmier-d-assistance"));
  g_assert_true (has_finding (findings, "fiche-class", "experts", "infirmier-d-assistance"));
  g_assert_true (has_finding (findings, "table-vs-figure", "experts", "infirmier-d-assistance"));
  assert_messages (findings);
  for (guint i = 0; i < findings->len; i++)
    {
      RepereFinding *f = g_ptr_array_index (findings, i);
      if (g_str_equal (f->kind, "model-residual") && g_str_equal (f->job_id, "infirmier-d-assistance"))
        {
          g_assert_cmpstr (f->source_a, ==, "3.2.2.2 Figure 1");
          g_assert_cmpstr (f->source_b, ==, "4.2.5");
          g_assert_cmpstr (f->value_a, ==, "0.30");
        }
    }
}

/* The figures stated in the text that the tables contradict, exactly, in
 * report order (docs/study-data.md, "Prose vs. tables"). */
static void
test_prose (void)
{
  static const struct
  {
    const char *assessment_id, *job_id, *value_a, *source_a, *value_b, *source_b;
  } prose[] = {
    /* "33 métiers « En évolution », dont 6 cœurs d'assistance"; Figure 2
     * lists Médecin d'assistance under Non impactés. */
    { "pwc-revised", "", "6", "3.2.2.1", "5", "3.2.2.1 Figure 2" },
    /* "11 métiers « Non impactés … », dont 1 cœur d'assistance" */
    { "pwc-revised", "", "1", "3.2.2.1", "2", "3.2.2.1 Figure 2" },
    /* "30 métiers « En évolution »": Figure 2 adds Manager de proximité
     * d'assistance. */
    { "experts", "", "30", "3.2.2.2", "31", "3.2.2.2 Figure 2" },
    { "experts", "", "10", "3.2.2.2", "9", "3.2.2.2 Figure 2" },
    /* The header of Figure 2, "En évolution (52%)" and "Non impactés … (17%)". */
    { "experts", "", "52%", "3.2.2.2 Figure 2", "53%", "3.2.2.2 Figure 2" },
    { "experts", "", "17%", "3.2.2.2 Figure 2", "16%", "3.2.2.2 Figure 2" },
    /* "2 bascules … « Non impacté » vers … « En évolution » (Infirmier et
     * Médecin d'assistance)": En évolution in 3.2.2.1 Figure 1 already; the
     * classification figures and the evolution table agree with the text. */
    { "experts", "medecin-d-assistance", "“Non impacté ou de manière négligeable” → “En évolution”", "3.2.2.2",
      "“En évolution” → “En évolution”", "3.2.2.1 Figure 1 → 3.2.2.2 Figure 1" },
  };
  g_autoptr (GPtrArray) findings = check_study (study_db);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      RepereFinding *f = g_ptr_array_index (findings, i);

      if (!g_str_equal (f->kind, "prose-vs-table"))
        continue;
      g_test_message ("%s", f->message);
      g_assert_cmpuint (n, <, G_N_ELEMENTS (prose));
      g_assert_cmpstr (f->assessment_id, ==, prose[n].assessment_id);
      g_assert_cmpstr (f->job_id, ==, prose[n].job_id);
      g_assert_cmpstr (f->value_a, ==, prose[n].value_a);
      g_assert_cmpstr (f->source_a, ==, prose[n].source_a);
      g_assert_cmpstr (f->value_b, ==, prose[n].value_b);
      g_assert_cmpstr (f->source_b, ==, prose[n].source_b);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (prose));
}

static guint
count_findings (GPtrArray *findings, const char *kind, const char *job_id, const char *value_a)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      RepereFinding *f = g_ptr_array_index (findings, i);
      n += g_str_equal (f->kind, kind) && g_str_equal (f->job_id, job_id)
           && (value_a == NULL || g_str_equal (f->value_a, value_a));
    }
  return n;
}

/* Each kind of claim of the text finds a table that disagrees: claims and
 * tables altered one by one in a copy of the database. */
static void
test_prose_altered (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "prose.db", NULL);
  g_autoptr (RepereDb) db = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GError) error = NULL;

  db = repere_db_open (path, &error);
  g_assert_no_error (error);
  /* A count of the whole class, of a family, of jobs whose score rises. */
  exec_sql (db, "UPDATE prose_claim SET value = 7 WHERE id = 'pwc-revised-strong';"
                "UPDATE prose_claim SET value = 3 WHERE id = 'pwc-revised-strong-family-01';"
                "UPDATE prose_claim SET value = 5 WHERE id = 'experts-score-up';"
                "UPDATE prose_claim SET value = 50 WHERE id = 'pwc-revised-evolving-share';"
                /* Support technique no longer named among the three moves. */
                "DELETE FROM prose_claim_job WHERE claim_id = 'experts-evolving-to-strong'"
                "   AND job_id = 'support-technique-d-assistance';"
                /* A rank change misprinted; the least named rise below the
                 * others'. */
                "UPDATE prose_claim_job SET value = 30 WHERE claim_id = 'experts-largest-rises'"
                "   AND job_id = 'charge-de-methodes-et-procedures';"
                "UPDATE prose_claim_job SET value = 8 WHERE claim_id = 'experts-largest-rises'"
                "   AND job_id = 'gestionnaire-de-reseau-prestataires';"
                /* Formateur d'assistance's score falls (0,87 → 0,72) and,
                 * now, its class changes. */
                "UPDATE published_result SET classification_id = 'evolving'"
                " WHERE assessment_id = 'experts' AND job_id = 'formateur-d-assistance';"
                /* Figure 3 misprinted: a rank before and a rank change. */
                "UPDATE figure_evolution SET base_rank = 37 WHERE job_id = 'charge-de-methodes-et-procedures';"
                "UPDATE figure_evolution SET rank_change = 27 WHERE job_id = 'infirmier-d-assistance';");
  findings = check_study (db);
  assert_messages (findings);
  /* Against the ranking table and the classification figure each. */
  g_assert_cmpuint (count_findings (findings, "prose-vs-table", "", "7"), ==, 2);
  g_assert_cmpuint (count_findings (findings, "prose-vs-table", "", "3"), ==, 2);
  g_assert_cmpuint (count_findings (findings, "prose-vs-table", "", "50%"), ==, 2);
  /* Against the ranking tables and the evolution table. */
  g_assert_cmpuint (count_findings (findings, "prose-vs-table", "", "5"), ==, 2);
  /* Moved by all three tables, not named. */
  g_assert_cmpuint (count_findings (findings, "prose-vs-table", "support-technique-d-assistance", "not named"), ==, 3);
  /* +30 against +29 in the ranking tables; the evolution table's altered
   * rank before gives +28. */
  g_assert_cmpuint (count_findings (findings, "prose-vs-table", "charge-de-methodes-et-procedures", "+30"), ==, 2);
  g_assert_cmpuint (count_findings (findings, "prose-vs-table", "gestionnaire-de-reseau-prestataires", "+8"), ==, 2);
  /* Médecin d'assistance (+9) now rises more than the least named (+8). */
  g_assert_cmpuint (count_findings (findings, "prose-vs-table", "medecin-d-assistance", "not named"), ==, 2);
  /* Its class changed although its score fell. */
  g_assert_cmpuint (count_findings (findings, "prose-vs-table", "formateur-d-assistance", NULL), ==, 1);
  g_assert_cmpuint (count_findings (findings, "evolution-vs-table", "charge-de-methodes-et-procedures", "37"), ==, 1);
  g_assert_cmpuint (count_findings (findings, "evolution-vs-table", "charge-de-methodes-et-procedures", "+29"), ==, 1);
  g_assert_cmpuint (count_findings (findings, "evolution-vs-table", "infirmier-d-assistance", "+27"), ==, 1);
}

/* `repere-cli check --study`: the same findings as TSV, exit status 0. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("REPERE_CLI");
  g_autoptr (GPtrArray) findings = check_study (study_db);
  g_auto (GStrv) env = g_get_environ ();
  g_auto (GStrv) lines = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int wait_status = 0;
  guint n;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("REPERE_CLI must name the repere-cli executable (is %s)", cli ? cli : "unset");
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_unsetenv (env, "LANG");
  if (!g_spawn_sync (NULL, (char *[]){ (char *) cli, "--database", db_path, "check", "--study", NULL }, env,
                     G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error))
    g_error ("cannot run %s: %s", cli, error->message);
  g_test_message ("stderr: %s", err);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_true (g_utf8_validate (out, -1, NULL));

  g_assert_true (g_str_has_suffix (out, "\n"));
  lines = g_strsplit (out, "\n", -1);
  n = g_strv_length (lines) - 1; /* the empty string after the last newline */
  g_assert_cmpuint (n, ==, 1 + findings->len);
  g_assert_cmpstr (lines[0], ==, "kind\tassessment\tjob\tvalue\tsource\tother_value\tother_source\tmessage");
  for (guint i = 0; i < findings->len; i++)
    {
      RepereFinding *f = g_ptr_array_index (findings, i);
      g_auto (GStrv) cells = g_strsplit (lines[i + 1], "\t", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 8);
      g_assert_cmpstr (cells[0], ==, f->kind);
      g_assert_cmpstr (cells[1], ==, f->assessment_id);
      g_assert_cmpstr (cells[2], ==, f->job_name);
      g_assert_cmpstr (cells[3], ==, f->value_a);
      g_assert_cmpstr (cells[4], ==, f->source_a);
      g_assert_cmpstr (cells[5], ==, f->value_b);
      g_assert_cmpstr (cells[6], ==, f->source_b);
      g_assert_cmpstr (cells[7], ==, f->message);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_dir = g_dir_make_tmp ("repere-consistency-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "repere.db", NULL);
  study_db = repere_db_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (study_db);

  g_test_add_func ("/consistency/findings", test_findings);
  g_test_add_func ("/consistency/values", test_values);
  g_test_add_func ("/consistency/messages", test_messages);
  g_test_add_func ("/consistency/stable", test_stable);
  g_test_add_func ("/consistency/altered", test_altered);
  g_test_add_func ("/consistency/prose", test_prose);
  g_test_add_func ("/consistency/prose-altered", test_prose_altered);
  g_test_add_func ("/consistency/cli", test_cli);

  status = g_test_run ();
  g_clear_object (&study_db);
  repere_test_remove_dir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
