/* main.c: the apigen command line. `generate` runs the whole pipeline
 * (load -> check -> view -> render -> write) for each spec; `render` exposes the Mustache
 * stage alone for template authors and tests; `export openapi` writes the specs as one
 * OpenAPI document. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "check_api.h"
#include "cmd_check.h"
#include "depfile.h"
#include "diag.h"
#include "export.h"
#include "export_openapi.h"
#include "model.h"
#include "mustache.h"
#include "spec_tree.h"
#include "view.h"
#include "writer.h"

enum { EXIT_SPEC = 1, EXIT_USAGE = 2 };

static const char USAGE[] =
    "usage: apigen generate [-o OUTDIR] [--templates DIR] [--check] [--no-runtime]\n"
    "                       [--depfile FILE] [--timings] [--max-errors N] SPEC...\n"
    "       apigen render TEMPLATE --data VIEW.json [--partials DIR]\n"
    "       apigen dump-view SPEC\n"
    "       apigen export openapi -o FILE SPEC...\n"
    "       apigen check SPEC OPERATION request|response [STATUS] < body.json\n"
    "       apigen --help | --version\n"
    "\n"
    "generate  generate C for each spec into OUTDIR/<stem>/ (<stem>: the spec's file name\n"
    "          up to its first '.'; default OUTDIR: generated),\n"
    "          and the runtime into OUTDIR/runtime/\n"
    "          (--check: write nothing, list each output that would be created, changed\n"
    "          or removed and each extra file in its folders on standard output, exit 1\n"
    "          when there is one, 0 when all are current;\n"
    "          --no-runtime: leave OUTDIR/runtime/ alone, for builds that compile the\n"
    "          runtime once elsewhere; --depfile FILE: after a successful run, write FILE\n"
    "          as a Makefile rule naming each spec, template and partial read;\n"
    "          --timings: the time of each stage and output on standard error;\n"
    "          --max-errors N: show the first N errors, count the rest; 0: show all;\n"
    "          default 100; --templates DIR: each template, partial and runtime file\n"
    "          that DIR has replaces the built-in one)\n"
    "render    render one Mustache template with a JSON view to standard output\n"
    "dump-view print the JSON view the templates receive for SPEC to standard output\n"
    "export    write one OpenAPI 3.1 document (JSON) of every spec to FILE\n"
    "check     check a JSON body against an operation of SPEC, without compiling: exit 0\n"
    "          valid (canonical JSON printed), 1 violations, 2 not judged\n"
    "          (apigen check --help: the details; SPEC --list: the operations)\n"
    "\n"
    "Exit status: 0 success, 1 spec or template errors (with --check also outputs out of\n"
    "date, then listed on standard output), 2 usage or I/O errors.\n";

/* What a run writes (outputs.def, the one list the build reads too): per spec, a template
 * rendered or a built-in writer, and the output's suffix; then the runtime's files. */
typedef struct spec_output {
    const char *template_name; /* NULL: written by builtin */
    int (*builtin)(const spec_api *api, writer_file *w);
    const char *suffix; /* the output is OUTDIR/<stem>/<stem><suffix> */
} spec_output;

#define APIGEN_SPEC_TEMPLATE(template_name, suffix, compiled) {template_name, NULL, suffix},
#define APIGEN_SPEC_BUILTIN(function, suffix, compiled)       {NULL, function, suffix},
#define APIGEN_RUNTIME(file, compiled)
#define APIGEN_RUNTIME_RETIRED(file)
static const spec_output OUTPUTS[] = {
#include "outputs.def"
};
#undef APIGEN_SPEC_TEMPLATE
#undef APIGEN_SPEC_BUILTIN
#undef APIGEN_RUNTIME
#undef APIGEN_RUNTIME_RETIRED
#define OUTPUT_COUNT (sizeof OUTPUTS / sizeof *OUTPUTS)

#define APIGEN_SPEC_TEMPLATE(template_name, suffix, compiled)
#define APIGEN_SPEC_BUILTIN(function, suffix, compiled)
#define APIGEN_RUNTIME(file, compiled) file,
#define APIGEN_RUNTIME_RETIRED(file)
static const char *const RUNTIME_FILES[] = {
#include "outputs.def"
};
#undef APIGEN_SPEC_TEMPLATE
#undef APIGEN_SPEC_BUILTIN
#undef APIGEN_RUNTIME
#undef APIGEN_RUNTIME_RETIRED
#define RUNTIME_COUNT (sizeof RUNTIME_FILES / sizeof *RUNTIME_FILES)

/* The runtime files earlier versions wrote and this one removes from OUTDIR/runtime/, with the
 * run's commit (NULL-terminated: the list may be empty). */
#define APIGEN_SPEC_TEMPLATE(template_name, suffix, compiled)
#define APIGEN_SPEC_BUILTIN(function, suffix, compiled)
#define APIGEN_RUNTIME(file, compiled)
#define APIGEN_RUNTIME_RETIRED(file) file,
static const char *const RUNTIME_RETIRED[] = {
#include "outputs.def"
    NULL};
#undef APIGEN_SPEC_TEMPLATE
#undef APIGEN_SPEC_BUILTIN
#undef APIGEN_RUNTIME
#undef APIGEN_RUNTIME_RETIRED
#define RETIRED_COUNT (sizeof RUNTIME_RETIRED / sizeof *RUNTIME_RETIRED - 1)

static int usage_error(const char *fmt, const char *arg)
{
    fputs("apigen: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(apigen --help shows the usage)\n", stderr);
    return EXIT_USAGE;
}

/* The template folders a run reads: the user's (generate --templates DIR) laid over the
 * built-in ones. */
typedef struct template_dirs {
    const char *user;    /* NULL: none */
    const char *builtin; /* NULL: none (render without --partials) */
} template_dirs;

/* The path of template file `name` ("api.h.mustache", "runtime/apigen_rt.h", a partial's
 * "header.mustache"): the user's folder's when it has an entry of that name (even one that
 * cannot be read: its error then names the user's file, the built-in one is not used behind the
 * user's back), else the built-in folder's. malloc'd; NULL when neither folder is set.
 * Thread-safe (the rendering threads look partials up). */
static char *template_file(const template_dirs *dirs, const char *name)
{
    struct stat st;
    const char *dir = dirs->builtin;
    char *path = NULL;
    if (dirs->user != NULL) {
        size_t n = strlen(dirs->user) + strlen(name) + 2;
        path = malloc(n);
        if (path == NULL)
            diag_out_of_memory();
        snprintf(path, n, "%s/%s", dirs->user, name);
        if (lstat(path, &st) == 0)
            return path;
        free(path);
    }
    if (dir == NULL)
        return NULL;
    size_t n = strlen(dir) + strlen(name) + 2;
    path = malloc(n);
    if (path == NULL)
        diag_out_of_memory();
    snprintf(path, n, "%s/%s", dir, name);
    return path;
}

/* The file of partial `name` (template_file of <name>.mustache), or NULL when neither folder has
 * it or for a name that could leave the folders: those are no partials. ctx is the
 * template_dirs. */
static char *partial_file(void *ctx, const char *name)
{
    if (strchr(name, '/') != NULL || name[0] == '\0' || name[0] == '.')
        return NULL;
    size_t n = strlen(name) + sizeof ".mustache";
    char *file = malloc(n);
    if (file == NULL)
        diag_out_of_memory();
    snprintf(file, n, "%s.mustache", name);
    char *path = template_file(ctx, file);
    free(file);
    struct stat st;
    if (path != NULL && lstat(path, &st) != 0) {
        free(path);
        return NULL;
    }
    return path;
}

/* Partial `name` is the text of partial_file(name); ctx is the template_dirs. */
static char *load_partial(void *ctx, const char *name)
{
    char *path = partial_file(ctx, name);
    if (path == NULL)
        return NULL;
    char *text = writer_read(path, NULL);
    int err = errno; /* for mustache's message when text is NULL */
    free(path);
    errno = err;
    return text;
}

/* "dir/specs/applivery.yaml" -> "specs/applivery.yaml": machine-independent. */
static const char *display_path(arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    if (base == NULL)
        return path;
    const char *parent = base;
    while (parent > path && parent[-1] != '/')
        parent--;
    return parent == base ? base + 1 : arena_strdup(a, parent);
}

/* "dir/applivery.yaml" -> "applivery". */
static const char *stem_of(arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return arena_strndup(a, base, strcspn(base, "."));
}

/* The path of output t of the spec at spec_path: OUTDIR/<stem>/<stem><suffix>. */
static const char *output_path(arena *a, const char *outdir, const char *spec_path, size_t t)
{
    const char *stem = stem_of(a, spec_path);
    return arena_printf(a, "%s/%s/%s%s", outdir, stem, stem, OUTPUTS[t].suffix);
}

static int cmd_render(int argc, char **argv)
{
    const char *template_path = NULL, *data_path = NULL, *partials = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            data_path = argv[++i];
        else if (strcmp(argv[i], "--partials") == 0 && i + 1 < argc)
            partials = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return usage_error("render: unknown option '%s'", argv[i]);
        else if (template_path == NULL)
            template_path = argv[i];
        else
            return usage_error("render: more than one template ('%s')", argv[i]);
    }
    if (template_path == NULL || data_path == NULL)
        return usage_error("render needs %s", "TEMPLATE and --data VIEW.json");
    size_t tlen, dlen;
    char *tmpl = writer_read(template_path, &tlen);
    if (tmpl == NULL) {
        fprintf(stderr, "apigen: %s: %s\n", template_path, strerror(errno));
        return EXIT_USAGE;
    }
    char *data = writer_read(data_path, &dlen);
    if (data == NULL) {
        fprintf(stderr, "apigen: %s: %s\n", data_path, strerror(errno));
        free(tmpl);
        return EXIT_USAGE;
    }
    const char *end = NULL;
    cJSON *view = cJSON_ParseWithLengthOpts(data, dlen, &end, 0);
    if (view == NULL) {
        fprintf(stderr, "apigen: %s: not valid JSON near byte %ld\n", data_path,
                end ? (long)(end - data) : 0L);
        free(tmpl);
        free(data);
        return EXIT_USAGE;
    }
    diag d;
    diag_init(&d, stderr);
    size_t out_len = 0;
    template_dirs dirs = {.builtin = partials};
    char *out = mustache_render(template_path, tmpl, tlen, view, load_partial, &dirs, &d, &out_len);
    diag_flush(&d);
    int rc = 0;
    if (out == NULL) {
        rc = EXIT_SPEC;
    } else if (fwrite(out, 1, out_len, stdout) != out_len || fflush(stdout) != 0) {
        fprintf(stderr, "apigen: cannot write standard output\n");
        rc = EXIT_USAGE;
    }
    free(out);
    cJSON_Delete(view);
    free(tmpl);
    free(data);
    return rc;
}

typedef struct loaded {
    const char *path;
    spec_file file;
    spec_api api;
} loaded;

/* Milliseconds on the monotonic clock, for --timings. */
static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The sink of a streamed rendering: the file being written. */
static int to_file(void *ctx, const char *data, size_t len)
{
    return writer_put(ctx, data, len);
}

/* One output file of one spec: a template rendered with a view of its own, or what a built-in
 * writer writes (outputs.def). Jobs share nothing they change, so they can run at once. */
typedef struct job {
    const spec_api *api;
    const template_dirs *templates;
    const char *display, *template_path, *template_text, *out_path;
    size_t template_len;
    int (*builtin)(const spec_api *api, writer_file *w); /* instead of the template when set */
    diag d;         /* held; the caller takes its diagnostics after the job */
    writer_file *w; /* the finished output, for the caller to commit with the others */
    int rc;
    double ms; /* how long it took */
} job;

/* Renders and writes one output, streaming: only one list item's view and about 64 KiB of
 * output are in memory at a time. */
static void write_output(job *j);

static void run_job(job *j)
{
    double start = now_ms();
    write_output(j);
    j->ms = now_ms() - start;
}

static void write_output(job *j)
{
    writer_file *w = j->w = writer_open(j->out_path, &j->d);
    if (w == NULL) {
        j->rc = EXIT_USAGE;
        return;
    }
    if (j->builtin != NULL) {
        if (writer_finish(w, j->builtin(j->api, w) == 0) < 0)
            j->rc = EXIT_USAGE;
        return;
    }
    view_builder *v = view_new(j->api, j->display);
    cJSON *root = view_root(v);
    mustache_options opt = {.partial = load_partial,
                            .partial_ctx = (void *)j->templates,
                            .partial_file = partial_file,
                            .item = view_item,
                            .release = view_release,
                            .item_ctx = v,
                            .sink = to_file,
                            .sink_ctx = w};
    int r =
        mustache_render_to(j->template_path, j->template_text, j->template_len, root, &opt, &j->d);
    bool io_failed = writer_failed(w);
    /* A template error leaves the file as it was: half a file must not land. */
    if (writer_finish(w, r == 0) < 0 || r != 0)
        j->rc = io_failed || r == 0 ? EXIT_USAGE : EXIT_SPEC;
    cJSON_Delete(root);
    view_free(v);
}

typedef struct job_queue {
    job *jobs;
    size_t count;
    atomic_size_t next;
} job_queue;

static void *worker(void *arg)
{
    job_queue *q = arg;
    for (size_t i; (i = atomic_fetch_add(&q->next, 1)) < q->count;)
        run_job(&q->jobs[i]);
    return NULL;
}

/* Renders every output of one checked spec, two at a time (the machines we target have two
 * cores or more), into temporaries; the finished writers are appended to done[*n_done] for
 * the caller to commit with the rest of the run. Returns the worst exit status. */
static int generate_one(arena *a, const loaded *l, const char *outdir,
                        const template_dirs *templates, char *const *template_path,
                        char *const *template_text, const size_t *template_len, bool timings,
                        diag *d, writer_file **done, size_t *n_done)
{
    double start = now_ms();
    const char *display = display_path(a, l->path);
    job jobs[OUTPUT_COUNT];
    memset(jobs, 0, sizeof jobs);
    for (size_t t = 0; t < OUTPUT_COUNT; t++) {
        job *j = &jobs[t];
        j->api = &l->api;
        j->display = display;
        j->templates = templates;
        diag_init(&j->d, d->out);
        j->d.max_errors = d->max_errors;
        diag_hold(&j->d);
        j->out_path = output_path(a, outdir, l->path, t);
        j->builtin = OUTPUTS[t].builtin;
        if (j->builtin != NULL)
            continue;
        j->template_path = template_path[t];
        j->template_text = template_text[t];
        j->template_len = template_len[t];
    }
    job_queue q = {.jobs = jobs, .count = OUTPUT_COUNT};
    atomic_init(&q.next, 0);
    pthread_t helper;
    bool threaded = pthread_create(&helper, NULL, worker, &q) == 0;
    worker(&q);
    if (threaded)
        pthread_join(helper, NULL);
    int rc = 0;
    for (size_t t = 0; t < OUTPUT_COUNT; t++) {
        rc = jobs[t].rc > rc ? jobs[t].rc : rc;
        if (jobs[t].w != NULL) {
            writer_report_to(jobs[t].w, d); /* jobs[t].d ends here, the writer does not */
            done[(*n_done)++] = jobs[t].w;
        } else if (rc == 0)
            rc = EXIT_USAGE;
        diag_take(d, &jobs[t].d);
    }
    if (timings) {
        fprintf(stderr, "apigen: %s: outputs %.1f ms on %s:", l->path, now_ms() - start,
                threaded ? "2 threads" : "1 thread");
        for (size_t t = 0; t < OUTPUT_COUNT; t++)
            fprintf(stderr, " %s %.1f ms%s", strrchr(jobs[t].out_path, '/') + 1, jobs[t].ms,
                    t + 1 < OUTPUT_COUNT ? "," : "\n");
    }
    return rc;
}

/* The runtime files, copied from the templates into temporaries like a spec's outputs, and the
 * removals of the retired ones; appended to done[*n_done]. */
static int copy_runtime(arena *a, const template_dirs *templates, const char *outdir, diag *d,
                        writer_file **done, size_t *n_done)
{
    for (size_t i = 0; i < RUNTIME_COUNT; i++) {
        char *from = template_file(templates, arena_printf(a, "runtime/%s", RUNTIME_FILES[i]));
        size_t len;
        char *text = writer_read(from, &len);
        if (text == NULL) {
            diag_error(d, from, 0, 0, "cannot read: %s", strerror(errno));
            free(from);
            return EXIT_USAGE;
        }
        free(from);
        writer_file *w = writer_open(arena_printf(a, "%s/runtime/%s", outdir, RUNTIME_FILES[i]), d);
        if (w == NULL) {
            free(text);
            return EXIT_USAGE;
        }
        done[(*n_done)++] = w;
        int r = writer_finish(w, writer_put(w, text, len) == 0);
        free(text);
        if (r < 0)
            return EXIT_USAGE;
    }
    for (const char *const *name = RUNTIME_RETIRED; *name != NULL; name++) {
        writer_file *w = writer_open_removal(arena_printf(a, "%s/runtime/%s", outdir, *name), d);
        if (w == NULL)
            return EXIT_USAGE;
        done[(*n_done)++] = w;
        if (writer_failed(w))
            return EXIT_USAGE;
    }
    return 0;
}

/* Why stem (a spec's file name up to its first '.') cannot name its outputs
 * OUTDIR/<stem>/<stem>.h..., or NULL when it can: it must be made of the POSIX portable file name
 * characters (letters, digits, '_', '-'; a '.' ends the stem) and not start with '-' (POSIX.1-2017
 * 3.282), so that it is safe in a folder name, a C #include "..." and a CMake path; and it must
 * not be "runtime", the runtime's folder. The C names come from api.name, not from the stem. */
static const char *bad_stem(const char *stem)
{
    if (stem[0] == '\0')
        return "it is empty (the file name starts with '.')";
    if (stem[0] == '-')
        return "it starts with '-'";
    if (strcmp(stem, "runtime") == 0)
        return "OUTDIR/runtime/ is the runtime's folder";
    if (stem[strspn(stem, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")] !=
        '\0')
        return "it has a character other than letters, digits, '_' and '-'";
    return NULL;
}

/* Loads and checks specs[0..count), then what no spec can see alone: two specs whose C names
 * could clash and, when generating (same_folder), a file name that cannot name the outputs and
 * two generating into one folder. Diagnostics go to d. Returns 0, EXIT_SPEC or EXIT_USAGE. */
static int load_specs(arena *a, loaded *specs, size_t count, bool same_folder, bool timings,
                      diag *d)
{
    int rc = 0;
    for (size_t i = 0; i < count; i++) {
        double start = now_ms();
        int load = spec_load_file(a, specs[i].path, &specs[i].file, d);
        double loaded_at = now_ms();
        if (load < 0)
            rc = EXIT_USAGE;
        else if (load > 0 || spec_check(a, &specs[i].file, &specs[i].api, d) != 0)
            rc = rc ? rc : EXIT_SPEC;
        if (timings)
            fprintf(stderr, "apigen: %s: load %.1f ms, check %.1f ms\n", specs[i].path,
                    loaded_at - start, now_ms() - loaded_at);
        const char *stem = stem_of(a, specs[i].path), *why = bad_stem(stem);
        if (same_folder && load >= 0 && why != NULL)
            diag_error(d, specs[i].path, 0, 0,
                       "the file name cannot name the outputs, OUTDIR/<stem>/<stem>.h and the rest "
                       "(<stem>: the file name up to its first '.', here '%s'): %s; rename the "
                       "file (the C names come from api.name)",
                       stem, why);
    }
    for (size_t i = 0; i < count && rc == 0; i++)
        for (size_t j = 0; j < count; j++) {
            const char *x = specs[i].api.prefix, *y = specs[j].api.prefix;
            size_t n = strlen(x);
            if (same_folder && j < i &&
                strcmp(stem_of(a, specs[i].path), stem_of(a, specs[j].path)) == 0)
                diag_error(d, specs[i].path, 0, 0, "generates into the same folder as %s",
                           specs[j].path);
            else if (j < i && strcmp(x, y) == 0)
                diag_error(d, specs[i].path, 0, 0, "api name '%s' is also the name of %s", x,
                           specs[j].path);
            else if (i != j && strncmp(x, y, n) == 0 && y[n] == '_')
                /* a's schema BFoo and a_b's schema Foo would both be a_b_foo */
                diag_error(d, specs[j].path, 0, 0,
                           "api name '%s' starts with '%s_', the prefix of %s: their C names "
                           "could clash in one program",
                           y, x, specs[i].path);
        }
    if (rc == 0 && d->errors > 0)
        rc = EXIT_SPEC;
    return rc;
}

/* Signals that stop a run: the temporaries are removed and nothing is replaced (unless the
 * renames had begun), then the process dies of the signal as it would have. */
static const int STOP_SIGNALS[] = {SIGINT, SIGTERM, SIGHUP};

/* Set once temporaries may exist; before that a stop signal acts at once. Atomic: the handler
 * may run on the helper thread (see writer_interrupted). */
static atomic_int writing;

static void on_stop_signal(int sig)
{
    if (!writing) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    writer_interrupted = sig; /* the writer fails from here on; cmd_generate cleans up */
}

/* After a stop signal (writer_interrupted): says so and dies of it, as the process would
 * have. */
static void die_if_stopped(bool nothing_replaced)
{
    int sig = writer_interrupted;
    if (sig != 0) {
        fprintf(stderr, "apigen: stopped by signal %d%s\n", sig,
                nothing_replaced ? "; no output was replaced" : "");
        signal(sig, SIG_DFL);
        raise(sig);
    }
}

/* SIGXFSZ ignored (past a file size limit, ulimit -f, a write fails with EFBIG and takes the
 * error path that removes the temporaries, instead of killing the process) and the stop
 * signals handled (on_stop_signal), but those the caller ignores (nohup, a background job). */
static void handle_signals(void)
{
    signal(SIGXFSZ, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal; /* no SA_RESTART: a wait for the lock returns */
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof STOP_SIGNALS / sizeof *STOP_SIGNALS; i++) {
        struct sigaction was;
        if (sigaction(STOP_SIGNALS[i], NULL, &was) == 0 && was.sa_handler != SIG_IGN)
            sigaction(STOP_SIGNALS[i], &sa, NULL);
    }
}

/* The templates a run uses without --templates: an installed apigen's own,
 * <prefix>/share/apigen/templates beside <prefix>/bin/apigen (found from /proc/self/exe, so the
 * install is relocatable: no path is compiled in for it), else the source tree's the build was
 * configured with (APIGEN_DEFAULT_TEMPLATES: running from the build tree). Linux's /proc is the
 * one way to find one's own executable that needs no argv[0] guessing; elsewhere the build
 * tree's path is used. */
static const char *default_templates(arena *a)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return APIGEN_DEFAULT_TEMPLATES;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return APIGEN_DEFAULT_TEMPLATES;
    *slash = '\0';
    const char *installed = arena_printf(a, "%s/../share/apigen/templates", exe);
    if (access(arena_printf(a, "%s/api.h.mustache", installed), R_OK) == 0)
        return installed;
    return APIGEN_DEFAULT_TEMPLATES;
}

/* --check's report, for writers opened in compare mode (writer_compare_only): when the run
 * succeeded (ok), one line on standard output per output that a run would create, change or
 * remove (writer_report), then one per file in a spec's folder or (unless --no-runtime) in
 * runtime/ that no run writes (writer_report_extra: a run leaves those alone, but a project keeping
 * its generated code in git wants stale files named; folders of specs not in this run are not
 * looked at, since another run may own them). Frees the writers. Returns the number of lines, or -1
 * on an error (reported). */
static int report_check(arena *a, const loaded *specs, size_t count, const char *outdir,
                        bool runtime, writer_file **done, size_t n_done, bool ok, diag *d)
{
    int lines = writer_report(done, n_done, ok, stdout);
    if (!ok || lines < 0)
        return lines;
    const char *names[RUNTIME_COUNT + RETIRED_COUNT + OUTPUT_COUNT];
    memcpy(names, RUNTIME_FILES, sizeof RUNTIME_FILES);
    for (size_t i = 0; i < RETIRED_COUNT; i++) /* named already if there */
        names[RUNTIME_COUNT + i] = RUNTIME_RETIRED[i];
    int r = runtime ? writer_report_extra(arena_printf(a, "%s/runtime", outdir), names,
                                          RUNTIME_COUNT + RETIRED_COUNT, stdout, d)
                    : 0;
    for (size_t i = 0; i < count && r >= 0; i++) {
        lines += r;
        const char *stem = stem_of(a, specs[i].path);
        for (size_t t = 0; t < OUTPUT_COUNT; t++)
            names[t] = arena_printf(a, "%s%s", stem, OUTPUTS[t].suffix);
        r = writer_report_extra(arena_printf(a, "%s/%s", outdir, stem), names, OUTPUT_COUNT, stdout,
                                d);
    }
    return r < 0 ? -1 : lines + r;
}

/* generate --templates DIR (NULL: none, fine) must be a folder apigen can search and list: a
 * mistyped DIR must not quietly generate from the built-in templates. Reports to d; returns 0 or
 * -1. */
static int check_template_dir(diag *d, const char *dir)
{
    struct stat st;
    int err = 0;
    if (dir == NULL)
        return 0;
    if (stat(dir, &st) != 0)
        err = errno;
    else if (!S_ISDIR(st.st_mode))
        err = ENOTDIR;
    else if (access(dir, R_OK | X_OK) != 0)
        err = errno;
    if (err == 0)
        return 0;
    diag_error(d, dir, 0, 0, "cannot use as the template folder (--templates): %s", strerror(err));
    return -1;
}

/* The options of generate that take a value. */
static bool takes_value(const char *arg)
{
    return strcmp(arg, "-o") == 0 || strcmp(arg, "--templates") == 0 ||
           strcmp(arg, "--depfile") == 0 || strcmp(arg, "--max-errors") == 0;
}

/* a and b name one existing file (same device and inode). */
static bool same_file(const char *a, const char *b)
{
    struct stat x, y;
    return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* The output of the run of specs[0..count) that the existing file path is, or NULL. */
static const char *output_at(arena *a, const loaded *specs, size_t count, const char *outdir,
                             const char *path)
{
    for (size_t i = 0; i < count; i++)
        for (size_t t = 0; t < OUTPUT_COUNT; t++) {
            const char *out = output_path(a, outdir, specs[i].path, t);
            if (same_file(out, path))
                return out;
        }
    return NULL;
}

/* Before a run writes anything: no existing output of it may be a spec it reads (a spec kept in
 * OUTDIR/<stem>/ under an output's name would be destroyed by its own run), and the depfile may
 * be neither a spec nor a template, nor anything but a regular file (or a symlink): a device
 * such as /dev/null would be replaced by a file. (That the depfile is no output is checked
 * after the commit, when every output exists.) Reports to d; returns 0 or EXIT_USAGE. */
static int check_targets(arena *a, const loaded *specs, size_t count, const char *outdir,
                         const char *depfile, char *const *template_path, diag *d)
{
    int rc = 0;
    struct stat st;
    if (depfile != NULL && lstat(depfile, &st) == 0 && !S_ISREG(st.st_mode) &&
        !S_ISLNK(st.st_mode)) {
        diag_error(d, depfile, 0, 0, "cannot be the depfile: not a regular file");
        rc = EXIT_USAGE;
    }
    for (size_t i = 0; i < count; i++) {
        if (depfile != NULL && same_file(depfile, specs[i].path)) {
            diag_error(d, depfile, 0, 0, "cannot be the depfile: it is the spec %s", specs[i].path);
            rc = EXIT_USAGE;
        }
        const char *out = output_at(a, specs, count, outdir, specs[i].path);
        if (out != NULL) {
            diag_error(d, specs[i].path, 0, 0,
                       "is %s, an output of this run: it would be overwritten", out);
            rc = EXIT_USAGE;
        }
    }
    for (size_t t = 0; t < OUTPUT_COUNT && depfile != NULL; t++)
        if (template_path[t] != NULL && same_file(depfile, template_path[t])) {
            diag_error(d, depfile, 0, 0, "cannot be the depfile: it is the template %s",
                       template_path[t]);
            rc = EXIT_USAGE;
        }
    return rc;
}

static int cmd_generate(int argc, char **argv)
{
    const char *outdir = "generated", *templates = NULL, *depfile = NULL;
    bool timings = false, check = false, runtime = true;
    int max_errors = DIAG_DEFAULT_MAX_ERRORS;
    arena a;
    arena_init(&a);
    loaded *specs = arena_alloc(&a, (size_t)(argc + 1) * sizeof *specs);
    size_t count = 0;
    for (int i = 0; i < argc; i++) {
        if (takes_value(argv[i]) && (i + 1 == argc || argv[i + 1][0] == '\0')) {
            arena_free(&a); /* an unset "$OUTDIR" must not mean the root folder */
            return usage_error("generate: %s needs a value (not an empty one)", argv[i]);
        }
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            outdir = argv[++i];
        else if (strcmp(argv[i], "--templates") == 0 && i + 1 < argc)
            templates = argv[++i];
        else if (strcmp(argv[i], "--timings") == 0)
            timings = true;
        else if (strcmp(argv[i], "--check") == 0)
            check = true;
        else if (strcmp(argv[i], "--no-runtime") == 0)
            runtime = false;
        else if (strcmp(argv[i], "--depfile") == 0 && i + 1 < argc)
            depfile = argv[++i];
        else if (strcmp(argv[i], "--max-errors") == 0 && i + 1 < argc) {
            char *end;
            errno = 0;
            long n = strtol(argv[++i], &end, 10);
            if (errno != 0 || end == argv[i] || *end != '\0' || n < 0 || n > INT_MAX) {
                arena_free(&a);
                return usage_error("generate: --max-errors needs a count, not '%s'", argv[i]);
            }
            max_errors = (int)n;
        } else if (argv[i][0] == '-') {
            arena_free(&a);
            return usage_error("generate: unknown option '%s'", argv[i]);
        } else
            specs[count++].path = argv[i];
    }
    if (count == 0) {
        arena_free(&a);
        return usage_error("generate needs %s", "at least one SPEC");
    }
    template_dirs dirs = {.user = templates, .builtin = default_templates(&a)};
    if (depfile != NULL) {
        depfile_record_reads(); /* the templates, partials and runtime files this run reads */
        if (templates != NULL)
            depfile_add(templates); /* an override added later is no file this run read */
    }

    diag d;
    diag_init(&d, stderr);
    d.max_errors = max_errors;
    diag_hold(&d);
    int rc = load_specs(&a, specs, count, true, timings, &d);
    if (check_template_dir(&d, templates) != 0)
        rc = EXIT_USAGE;

    char *template_path[OUTPUT_COUNT] = {0};
    char *template_text[OUTPUT_COUNT] = {0};
    size_t template_len[OUTPUT_COUNT] = {0};
    for (size_t t = 0; t < OUTPUT_COUNT && rc == 0; t++) {
        if (OUTPUTS[t].template_name == NULL)
            continue;
        const char *path = template_path[t] = template_file(&dirs, OUTPUTS[t].template_name);
        template_text[t] = writer_read(path, &template_len[t]);
        if (template_text[t] == NULL) {
            diag_error(&d, path, 0, 0, "cannot read template: %s", strerror(errno));
            rc = EXIT_USAGE;
        }
    }
    if (rc == 0)
        rc = check_targets(&a, specs, count, outdir, depfile, template_path, &d);
    /* Every output of the run (each spec's and the runtime's: outputs.def) is replaced together or
     * not at all, and a retired runtime file removed with them: a new .h beside an old .c, or a new
     * runtime beside old API files, compiles and breaks its users. The folder's lock is held from
     * the first comparison with an old file to the last rename, so two runs into one folder cannot
     * mix their outputs. */
    /* --check compares and creates nothing, not even the lock file: a run writing into the same
     * folder at that moment may show as changed outputs or extra temporaries. */
    writer_compare_only = check;
    writing = !check;
    writer_lock *lock = rc == 0 && !check ? writer_lock_take(outdir, &d) : NULL;
    if (rc == 0 && lock == NULL && !check)
        rc = EXIT_USAGE;
    writer_file **done =
        arena_alloc(&a, (count * OUTPUT_COUNT + RUNTIME_COUNT + RETIRED_COUNT) * sizeof *done);
    size_t n_done = 0;
    if (rc == 0 && runtime)
        rc = copy_runtime(&a, &dirs, outdir, &d, done, &n_done);
    for (size_t i = 0; i < count && rc == 0; i++) {
        int r = generate_one(&a, &specs[i], outdir, &dirs, template_path, template_text,
                             template_len, timings, &d, done, &n_done);
        if (r > rc)
            rc = r;
    }
    int committed = check
                        ? report_check(&a, specs, count, outdir, runtime, done, n_done, rc == 0, &d)
                        : writer_commit(done, n_done, rc == 0);
    if (committed < 0 && rc == 0)
        rc = EXIT_USAGE;
    else if (check && committed > 0 && rc == 0)
        rc = EXIT_SPEC; /* out of date; told apart from a spec error by the lines on stdout */
    writer_lock_release(lock);
    writer_remove_new_dirs(rc != 0); /* a failed run leaves no empty folder */
    /* last: a failed run leaves the old one, the build reruns; --check writes nothing */
    if (rc == 0 && depfile != NULL && !check) {
        const char *out = output_at(&a, specs, count, outdir, depfile); /* all exist now */
        if (out != NULL) {
            diag_error(&d, depfile, 0, 0, "cannot be the depfile: it is the output %s", out);
            rc = EXIT_USAGE;
        }
    }
    if (rc == 0 && depfile != NULL && !check) {
        const char **paths = arena_alloc(&a, count * sizeof *paths);
        for (size_t i = 0; i < count; i++)
            paths[i] = specs[i].path;
        if (depfile_write(depfile, paths, count, &d) != 0)
            rc = EXIT_USAGE;
    }
    depfile_reset();
    for (size_t t = 0; t < OUTPUT_COUNT; t++) {
        free(template_path[t]);
        free(template_text[t]);
    }
    diag_flush(&d);
    if (d.errors > 0)
        fprintf(stderr, "apigen: %d error%s\n", d.errors, d.errors == 1 ? "" : "s");
    arena_free(&a);
    die_if_stopped(committed < 0);
    return rc;
}

/* `export openapi -o FILE SPEC...`: one OpenAPI 3.1 document of every spec, written all or
 * nothing (writer.c): a spec error leaves FILE as it was. */
static int cmd_export(int argc, char **argv)
{
    if (argc < 1)
        return usage_error("export needs %s", "a format: openapi");
    if (strcmp(argv[0], "openapi") != 0)
        return usage_error("export: unknown format '%s' (openapi)", argv[0]);
    const char *file = NULL;
    arena a;
    arena_init(&a);
    loaded *specs = arena_alloc(&a, (size_t)argc * sizeof *specs);
    size_t count = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            file = argv[++i];
        else if (argv[i][0] == '-') {
            arena_free(&a);
            return usage_error("export: unknown option '%s'", argv[i]);
        } else
            specs[count++].path = argv[i];
    }
    if (count == 0 || file == NULL) {
        arena_free(&a);
        return usage_error("export openapi needs %s", "-o FILE and at least one SPEC");
    }
    diag d;
    diag_init(&d, stderr);
    diag_hold(&d);
    int rc = load_specs(&a, specs, count, false, false, &d);
    if (rc == 0) {
        const spec_api **apis = arena_alloc(&a, count * sizeof *apis);
        for (size_t i = 0; i < count; i++)
            apis[i] = &specs[i].api;
        writing = 1;
        writer_file *w = writer_open(file, &d);
        if (w == NULL) {
            rc = EXIT_USAGE;
        } else {
            int r = export_openapi(apis, count, w, &d);
            rc = r > 0 ? EXIT_SPEC : r < 0 ? EXIT_USAGE : 0;
            if (writer_close(w, rc == 0) < 0 && rc == 0)
                rc = EXIT_USAGE;
        }
    }
    bool replaced = rc == 0;
    diag_flush(&d);
    if (d.errors > 0)
        fprintf(stderr, "apigen: %d error%s\n", d.errors, d.errors == 1 ? "" : "s");
    arena_free(&a);
    die_if_stopped(!replaced);
    return rc;
}

/* `dump-view SPEC`: the whole view the templates receive for SPEC (view_build: the root with every
 * computed list in it), as pretty-printed JSON on standard output; the spec_path in it is what
 * generate gives the same path. Spec errors: their diagnostics, exit 1. */
static int cmd_dump_view(int argc, char **argv)
{
    if (argc != 1 || (argv[0][0] == '-' && argv[0][1] != '\0'))
        return usage_error("dump-view needs %s", "exactly one SPEC");
    arena a;
    arena_init(&a);
    loaded spec = {.path = argv[0]};
    diag d;
    diag_init(&d, stderr);
    diag_hold(&d);
    int rc = load_specs(&a, &spec, 1, false, false, &d);
    diag_flush(&d);
    if (d.errors > 0)
        fprintf(stderr, "apigen: %d error%s\n", d.errors, d.errors == 1 ? "" : "s");
    if (rc == 0) {
        cJSON *view = view_build(&spec.api, display_path(&a, spec.path));
        char *text = cJSON_Print(view);
        if (text == NULL)
            diag_out_of_memory();
        if (fputs(text, stdout) == EOF || putchar('\n') == EOF || fflush(stdout) != 0) {
            fprintf(stderr, "apigen: cannot write standard output\n");
            rc = EXIT_USAGE;
        }
        cJSON_free(text);
        cJSON_Delete(view);
    }
    arena_free(&a);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("apigen %s\n", APIGEN_VERSION);
        return 0;
    }
    if (strcmp(cmd, "generate") == 0) {
        handle_signals();
        return cmd_generate(argc - 2, argv + 2);
    }
    if (strcmp(cmd, "render") == 0)
        return cmd_render(argc - 2, argv + 2);
    if (strcmp(cmd, "dump-view") == 0)
        return cmd_dump_view(argc - 2, argv + 2);
    if (strcmp(cmd, "export") == 0) {
        handle_signals(); /* as generate: a stopped or failed write leaves FILE as it was */
        return cmd_export(argc - 2, argv + 2);
    }
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 2, argv + 2);
    return usage_error("unknown command '%s'", cmd);
}
