/* node_oracle.c: see node_oracle.h. Requests are JSON lines written here (the strings
 * escaped by hand: cJSON_Print would need a tree per request), answers are text lines. */
#include "node_oracle.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

bool node_oracle_start(node_oracle *o, const char *node, const char *script)
{
    memset(o, 0, sizeof *o);
    o->pid = -1;
    if (node == NULL || *node == '\0' || access(node, X_OK) != 0)
        return false;
    int in[2], out[2];
    if (pipe(in) != 0)
        return false;
    if (pipe(out) != 0) {
        close(in[0]);
        close(in[1]);
        return false;
    }
    signal(SIGPIPE, SIG_IGN);
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        execl(node, node, script, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    o->pid = (int)pid;
    o->to = in[1];
    o->from = out[0];
    const char *msg;
    return node_oracle_ask(o, "a", 1, "a", 1, &msg) == 1;
}

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->p = realloc(b->p, b->cap);
        if (b->p == NULL)
            abort();
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* A JSON string of UTF-8 s[0..n). */
static void put_string(buf *b, const char *s, size_t n)
{
    put(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            put(b, e, 2);
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            put(b, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            i += 2; /* JSON allows them raw; escaped, no line reader can split on them */
        } else if (c < 0x20) {
            char e[8];
            snprintf(e, sizeof e, "\\u%04x", c);
            put(b, e, 6);
        } else {
            put(b, (const char *)&s[i], 1);
        }
    }
    put(b, "\"", 1);
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) /* libFuzzer's timer signals */
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static bool read_line(node_oracle *o)
{
    size_t len = 0;
    for (;;) {
        if (len + 2 > o->line_cap) {
            o->line_cap = o->line_cap ? o->line_cap * 2 : 256;
            o->line = realloc(o->line, o->line_cap);
            if (o->line == NULL)
                abort();
        }
        if (o->in_pos == o->in_len) {
            ssize_t r = read(o->from, o->in, sizeof o->in);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                return false;
            o->in_pos = 0;
            o->in_len = (size_t)r;
        }
        char c = o->in[o->in_pos++];
        if (c == '\n')
            break;
        o->line[len++] = c;
    }
    o->line[len] = '\0';
    return true;
}

int node_oracle_ask(node_oracle *o, const char *pattern, size_t plen, const char *subject,
                    size_t slen, const char **message)
{
    buf b = {0};
    put(&b, "{\"p\":", 5);
    put_string(&b, pattern, plen);
    if (subject != NULL) {
        put(&b, ",\"s\":", 5);
        put_string(&b, subject, slen);
    }
    put(&b, "}\n", 2);
    bool ok = o->pid > 0 && write_all(o->to, b.p, b.len) && read_line(o);
    free(b.p);
    *message = ok ? o->line : "node oracle failed";
    if (!ok)
        return -2;
    if (o->line[0] == '1' && (o->line[1] == '\0' || o->line[1] == ' '))
        return 1;
    if (o->line[0] == '0' && (o->line[1] == '\0' || o->line[1] == ' '))
        return 0;
    if (strcmp(o->line, "ok") == 0)
        return 2;
    if (strcmp(o->line, "timeout") == 0)
        return -3;
    if (strncmp(o->line, "syntax ", 7) == 0) {
        *message = o->line + 7;
        return -1;
    }
    return -2;
}

void node_oracle_stop(node_oracle *o)
{
    if (o->pid > 0) {
        close(o->to);
        close(o->from);
        waitpid((pid_t)o->pid, NULL, 0);
    }
    free(o->line);
    memset(o, 0, sizeof *o);
    o->pid = -1;
}
