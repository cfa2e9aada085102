/* node_oracle.h: a long-lived node child process (node_oracle.mjs) spoken to over pipes,
 * the independent judge of ECMA-262 patterns for tests/patterns and the patterns fuzz
 * target. Not thread-safe; one oracle per process is enough. */
#ifndef NODE_ORACLE_H
#define NODE_ORACLE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct node_oracle {
    int pid;
    int to, from; /* pipe ends: requests, answers */
    char *line;   /* last answer, owned */
    size_t line_cap;
    char in[4096]; /* answers read but not yet taken: in[in_pos..in_len) */
    size_t in_pos, in_len;
} node_oracle;

/* Starts `node script`; false when node cannot run (the caller skips). */
bool node_oracle_start(node_oracle *o, const char *node, const char *script);

/* new RegExp(pattern, "u"), and with subject (UTF-8; NULL: none) .test(subject) as ECMA-262
 * defines it (node_oracle.mjs: tried at each code point index).
 * Returns 1 / 0 (test; *message ends " v8:X" where node's own test() says otherwise), 2 (pattern
 * valid, no subject), -1 SyntaxError (*message, owned by o, says why), -2 the oracle failed, -3 the
 * match ran over 2 s (node_oracle.mjs). Pattern and subject may hold any UTF-8, U+0000 included. */
int node_oracle_ask(node_oracle *o, const char *pattern, size_t plen, const char *subject,
                    size_t slen, const char **message);

/* Ends the child and waits for it. */
void node_oracle_stop(node_oracle *o);

#endif
