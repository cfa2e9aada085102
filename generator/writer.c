/* writer.c: write-if-changed with parent directories, through exclusive temporaries, one
 * file or a group of files replaced all or nothing (see writer.h). */
#define _DEFAULT_SOURCE
#include "writer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "strlist.h"

void (*writer_read_hook)(const char *path);

/* Set while this process holds an output folder's lock (writer_lock_take): no other apigen
 * writes there, so a temporary of an output found beside it was left by a run that was killed
 * (SIGKILL, a power cut: nothing could remove it) and writer_open removes it. */
static atomic_bool lock_held;

char *writer_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, cap + 1);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    struct stat st;
    bool dir = fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode);
    fclose(f);
    if (failed) {
        free(buf);
        errno = dir ? EISDIR : EIO; /* glibc opens a directory for reading; reading it fails */
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    if (writer_read_hook != NULL)
        writer_read_hook(path);
    return buf;
}

/* The folders this process created (make_parents), in creation order, for
 * writer_remove_new_dirs: a failed run leaves no empty folder behind. The rendering threads
 * create folders too. A folder missing from it after an out-of-memory stays after a failure:
 * untidy, not wrong. */
static strlist new_dirs = STRLIST_INIT;

void writer_remove_new_dirs(bool remove)
{
    for (size_t i = new_dirs.count; remove && i-- > 0;)
        rmdir(new_dirs.items[i]); /* only if empty: what the run created and left empty */
    strlist_clear(&new_dirs);
}

/* mkdir -p of path's parent directory. */
static int make_parents(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) == 0)
            strlist_add(&new_dirs, copy);
        else if (errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

struct writer_file {
    char *path;
    char *tmp;    /* the temporary's name, while it exists; else NULL */
    char *backup; /* during writer_commit: a hard link to the old file; else NULL */
    bool removal; /* writer_open_removal's: the commit removes path instead of replacing it */
    diag *d;
    FILE *old;      /* the existing file, while the output still equals it; else NULL */
    FILE *out;      /* the temporary file, once the output differs; else NULL */
    size_t matched; /* bytes of output equal to the existing file's first bytes */
    char *scratch;  /* for reading the existing file */
    size_t scratch_cap;
    bool failed;
    int result;   /* writer_finish's */
    bool existed; /* compare mode: something was at path when opened */
    bool differs; /* compare mode: a difference was seen, comparing has stopped */
};

bool writer_compare_only;

static int fail(writer_file *w, const char *what)
{
    if (!w->failed)
        diag_error(w->d, w->path, 0, 0, "%s: %s", what, strerror(errno));
    w->failed = true;
    return -1;
}

/* A new name "<path>.tmp<16 hex digits>" (malloc'd) that nothing has yet; link_to NULL: an
 * empty file created there with O_CREAT|O_EXCL|O_NOFOLLOW (so an existing file or symlink of
 * that name is never opened: POSIX open()), its descriptor in *fd; else a hard link to link_to
 * (link(2) never replaces an existing name either). NULL with errno on failure. */
static char *fresh_name(const char *path, const char *link_to, int *fd)
{
    static atomic_uint counter;
    size_t n = strlen(path) + 24;
    char *name = malloc(n);
    if (name == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        uint64_t r;
        if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r) /* unpredictable, not secret */
            r = ((uint64_t)getpid() << 32) ^ (uint64_t)time(NULL) ^
                ((uint64_t)atomic_fetch_add(&counter, 1) << 16);
        snprintf(name, n, "%s.tmp%016llx", path, (unsigned long long)r);
        if (link_to == NULL) {
            *fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
            if (*fd >= 0)
                return name;
        } else if (linkat(AT_FDCWD, link_to, AT_FDCWD, name, 0) == 0) { /* 0: no follow */
            return name;
        }
        if (errno != EEXIST)
            break;
    }
    int err = errno;
    free(name);
    errno = err;
    return NULL;
}

/* A writer of path that reports to d, or NULL when out of memory (reported). */
static writer_file *new_writer(const char *path, diag *d)
{
    writer_file *w = calloc(1, sizeof *w);
    if (w != NULL)
        w->path = strdup(path);
    if (w == NULL || w->path == NULL) {
        diag_error(d, path, 0, 0, "out of memory");
        free(w);
        return NULL;
    }
    w->d = d;
    return w;
}

/* Removes "<path>.tmp<16 hex digits>" files (fresh_name's) beside path: what a killed run left. */
static void remove_stale_temporaries(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) : 0;
    const char *base = slash ? slash + 1 : path;
    char *dir = slash ? strndup(path, dir_len == 0 ? 1 : dir_len) : strdup(".");
    DIR *dp = dir ? opendir(dir) : NULL;
    if (dp != NULL) {
        size_t n = strlen(base);
        for (struct dirent *e; (e = readdir(dp)) != NULL;) {
            const char *rest = e->d_name + n;
            if (strncmp(e->d_name, base, n) == 0 && strncmp(rest, ".tmp", 4) == 0 &&
                strlen(rest + 4) == 16 && strspn(rest + 4, "0123456789abcdef") == 16)
                unlinkat(dirfd(dp), e->d_name, 0);
        }
        closedir(dp);
    }
    free(dir);
}

writer_file *writer_open(const char *path, diag *d)
{
    writer_file *w = new_writer(path, d);
    if (w == NULL)
        return NULL;
    if (lock_held && !writer_compare_only)
        remove_stale_temporaries(path);
    /* Only a regular file is compared. A FIFO would block the open or the read for ever, a
     * device may act on being opened, a directory has no bytes: lstat first so none of them
     * is opened at all; O_NOFOLLOW|O_NONBLOCK and fstat cover a name swapped in between. A
     * device, FIFO or socket is refused (a rename over it would replace the node: /dev/null
     * as root); a symlink counts as differing, and writer_commit renames the new file over its
     * name (its target is never touched); a directory cannot be renamed over, so it fails the
     * commit. */
    struct stat st;
    int seen = lstat(path, &st);
    if (seen == 0 && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISFIFO(st.st_mode) ||
                      S_ISSOCK(st.st_mode))) {
        /* renaming over it would replace the node itself: /dev/null, as root, with a file */
        if (!w->failed)
            diag_error(d, path, 0, 0,
                       "is a device, FIFO or socket: apigen replaces only files (nothing written)");
        w->failed = true;
        return w;
    }
    if (writer_compare_only) { /* the errors the commit would meet; nothing is created */
        w->existed = seen == 0;
        if (seen != 0 && errno == ENOTDIR)
            fail(w, "cannot create its directory");
        else if (seen != 0 && errno != ENOENT)
            fail(w, "cannot read");
        else if (seen == 0 && S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            fail(w, "cannot replace");
        }
    }
    if (seen == 0 && S_ISREG(st.st_mode)) {
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0 &&
            (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (w->old = fdopen(fd, "rb")) == NULL))
            close(fd);
    }
    return w;
}

writer_file *writer_open_removal(const char *path, diag *d)
{
    writer_file *w = new_writer(path, d);
    if (w == NULL)
        return NULL;
    w->removal = true;
    struct stat st;
    if (lstat(path, &st) != 0)
        w->result = errno == ENOENT || errno == ENOTDIR ? 0 : fail(w, "cannot remove");
    else if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        w->result = fail(w, "cannot remove (apigen no longer writes it)");
    } else
        w->result = 1;
    return w;
}

/* The output differs from the existing file (or there is none): from here on it goes to the
 * temporary file, which starts with the bytes that matched. */
static int start_output(writer_file *w)
{
    if (make_parents(w->path) != 0)
        return fail(w, "cannot create its directory");
    int fd = -1;
    w->tmp = fresh_name(w->path, NULL, &fd);
    if (w->tmp == NULL)
        return fail(w, "cannot create a temporary file beside it");
    w->out = fdopen(fd, "wb");
    if (w->out == NULL) {
        close(fd);
        return fail(w, "cannot write");
    }
    if (w->matched > 0) {
        if (fseek(w->old, 0, SEEK_SET) != 0)
            return fail(w, "cannot read back");
        char chunk[65536];
        for (size_t left = w->matched; left > 0;) {
            size_t want = left < sizeof chunk ? left : sizeof chunk;
            if (fread(chunk, 1, want, w->old) != want || fwrite(chunk, 1, want, w->out) != want)
                return fail(w, "cannot copy");
            left -= want;
        }
    }
    if (w->old != NULL)
        fclose(w->old);
    w->old = NULL;
    return 0;
}

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler may only set a lock-free atomic");
atomic_int writer_interrupted;

int writer_put(writer_file *w, const char *data, size_t len)
{
    if (writer_interrupted)
        w->failed = true; /* not reported: the caller says it once */
    if (w->failed)
        return -1;
    if (len == 0 || w->differs)
        return 0;
    if (w->out == NULL && w->old != NULL) {
        if (w->scratch_cap < len) {
            char *p = realloc(w->scratch, len);
            if (p == NULL) {
                errno = ENOMEM;
                return fail(w, "cannot compare");
            }
            w->scratch = p;
            w->scratch_cap = len;
        }
        if (fread(w->scratch, 1, len, w->old) == len && memcmp(w->scratch, data, len) == 0) {
            w->matched += len;
            return 0;
        }
    }
    if (writer_compare_only) { /* differs: nothing more to learn from the rest */
        w->differs = true;
        if (w->old != NULL)
            fclose(w->old);
        w->old = NULL;
        return 0;
    }
    if (w->out == NULL && start_output(w) != 0)
        return -1;
    if (fwrite(data, 1, len, w->out) != len)
        return fail(w, "cannot write");
    return 0;
}

void writer_report_to(writer_file *w, diag *d)
{
    w->d = d;
}

bool writer_failed(const writer_file *w)
{
    return w->failed;
}

/* Removes w's temporary, if any. */
static void drop_temporary(writer_file *w)
{
    if (w->tmp != NULL)
        unlink(w->tmp);
    free(w->tmp);
    w->tmp = NULL;
}

int writer_finish(writer_file *w, bool complete)
{
    int rc = -1;
    if (complete && !w->failed && !writer_interrupted) {
        rc = 1;
        if (w->out == NULL && w->old != NULL && fgetc(w->old) == EOF && !ferror(w->old))
            rc = 0; /* same bytes, same length */
        else if (w->out == NULL && !writer_compare_only && start_output(w) != 0)
            rc = -1;
    }
    if (w->old != NULL)
        fclose(w->old);
    w->old = NULL;
    if (w->out != NULL) {
        if (fclose(w->out) != 0 && rc == 1)
            rc = fail(w, "cannot write");
        w->out = NULL;
    }
    if (rc != 1)
        drop_temporary(w);
    free(w->scratch);
    w->scratch = NULL;
    if (rc < 0)
        w->failed = true;
    w->result = rc;
    return rc;
}

/* Removes w's temporary and backup, if any, and frees it. */
static void free_writer(writer_file *w)
{
    drop_temporary(w);
    if (w->backup != NULL)
        unlink(w->backup);
    free(w->backup);
    free(w->path);
    free(w);
}

int writer_commit(writer_file **ws, size_t n, bool commit)
{
    bool ok = commit && !writer_interrupted; /* once the renames start, they finish */
    for (size_t i = 0; i < n; i++)
        ok = ok && ws[i]->result >= 0;
    /* Keep each file about to be replaced under a second name, so that it can come back. */
    for (size_t i = 0; i < n && ok; i++) {
        writer_file *w = ws[i];
        struct stat st;
        if (w->result != 1 || lstat(w->path, &st) != 0)
            continue;
        int unused;
        w->backup = fresh_name(w->path, w->path, &unused);
        if (w->backup == NULL)
            ok = fail(w, w->removal ? "cannot keep the old file while removing it"
                                    : "cannot keep the old file while replacing it") == 0;
    }
    size_t replaced = 0, i = 0;
    for (; i < n && ok; i++) {
        writer_file *w = ws[i];
        if (w->result != 1)
            continue;
        if (w->removal ? unlink(w->path) != 0 && errno != ENOENT : rename(w->tmp, w->path) != 0) {
            ok = fail(w, w->removal ? "cannot remove" : "cannot replace") == 0;
            break;
        }
        free(w->tmp);
        w->tmp = NULL;
        replaced++;
    }
    if (!ok) /* put back what was replaced */
        while (i-- > 0) {
            writer_file *w = ws[i];
            if (w->result != 1 || w->tmp != NULL || (w->removal && w->backup == NULL))
                continue; /* not replaced, or nothing was there to remove */
            if (w->backup != NULL ? rename(w->backup, w->path) != 0 : unlink(w->path) != 0)
                fail(w, "cannot put the old file back");
            else if (w->backup != NULL) {
                free(w->backup);
                w->backup = NULL;
            }
        }
    for (size_t k = 0; k < n; k++)
        free_writer(ws[k]);
    return ok ? (int)replaced : -1;
}

int writer_report(writer_file **ws, size_t n, bool report, FILE *out)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++)
        ok = ok && ws[i]->result >= 0 && !ws[i]->failed;
    int lines = ok ? 0 : -1; /* a failed writer has reported its error */
    if (ok && report) {
        for (size_t i = 0; i < n; i++) {
            const writer_file *w = ws[i];
            if (w->result != 1)
                continue;
            const char *what = w->removal ? "removed" : w->existed ? "changed" : "created";
            fprintf(out, "%s: %s\n", what, w->path);
            lines++;
        }
        if (fflush(out) != 0 || ferror(out)) {
            fprintf(stderr, "apigen: cannot write standard output\n");
            lines = -1;
        }
    }
    for (size_t k = 0; k < n; k++)
        free_writer(ws[k]);
    return lines;
}

/* strcmp order of directory entries, for scandir: the same on every machine and locale. */
static int by_name(const struct dirent **x, const struct dirent **y)
{
    return strcmp((*x)->d_name, (*y)->d_name);
}

int writer_report_extra(const char *dir, const char *const *expected, size_t n, FILE *out, diag *d)
{
    struct dirent **names;
    int count = scandir(dir, &names, NULL, by_name); /* POSIX.1-2008: reads and sorts */
    if (count < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        diag_error(d, dir, 0, 0, "cannot read the folder: %s", strerror(errno));
        return -1;
    }
    int lines = 0, fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* to tell folders */
    for (int i = 0; i < count; i++) {
        const char *name = names[i]->d_name;
        bool known = strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
        for (size_t k = 0; k < n && !known; k++)
            known = strcmp(name, expected[k]) == 0;
        if (!known) {
            struct stat st;
            bool is_dir =
                fd >= 0 && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
            fprintf(out, "extra: %s/%s%s\n", dir, name, is_dir ? "/" : "");
            lines++;
        }
        free(names[i]);
    }
    free(names);
    if (fd >= 0)
        close(fd);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "apigen: cannot write standard output\n");
        return -1;
    }
    return lines;
}

int writer_close(writer_file *w, bool commit)
{
    int rc = writer_finish(w, commit);
    int done = writer_commit(&w, 1, true);
    return rc < 0 || done < 0 ? -1 : rc;
}

int writer_write(const char *path, const char *data, size_t len, diag *d)
{
    writer_file *w = writer_open(path, d);
    if (w == NULL)
        return -1;
    return writer_close(w, writer_put(w, data, len) == 0);
}

struct writer_lock {
    char *path;
    int fd;
};

writer_lock *writer_lock_take(const char *dir, diag *d)
{
    writer_lock *l = calloc(1, sizeof *l);
    size_t n = strlen(dir) + sizeof "/" WRITER_LOCK_NAME;
    if (l != NULL)
        l->path = malloc(n);
    if (l == NULL || l->path == NULL) {
        diag_error(d, dir, 0, 0, "out of memory");
        free(l);
        return NULL;
    }
    snprintf(l->path, n, "%s/%s", dir, WRITER_LOCK_NAME);
    const char *what = "cannot create the output folder";
    if (make_parents(l->path) == 0)
        for (what = "cannot lock the output folder";;) {
            l->fd = open(l->path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
            if (l->fd < 0)
                break;
            int r;
            while ((r = flock(l->fd, LOCK_EX)) != 0 && errno == EINTR && !writer_interrupted)
                continue;
            struct stat held, named;
            if (r != 0) {
                int err = errno;
                close(l->fd);
                errno = err;
                break;
            }
            /* The holder before us unlinks the file before it lets go: a lock on a file
             * that no longer has the name is no lock, take the one that has it. */
            if (fstat(l->fd, &held) == 0 && lstat(l->path, &named) == 0 &&
                held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
                lock_held = true;
                return l;
            }
            close(l->fd);
        }
    if (errno == EINTR)
        diag_error(d, dir, 0, 0, "interrupted while waiting for another apigen");
    else
        diag_error(d, dir, 0, 0, "%s: %s", what, strerror(errno));
    free(l->path);
    free(l);
    return NULL;
}

void writer_lock_release(writer_lock *l)
{
    if (l == NULL)
        return;
    lock_held = false;
    unlink(l->path); /* while held: see writer_lock_take */
    close(l->fd);
    free(l->path);
    free(l);
}
