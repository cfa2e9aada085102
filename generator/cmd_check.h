/* cmd_check.h: `apigen check SPEC OPERATION request|response [STATUS] < body.json`, a body
 * checked against any spec file without compiling anything (cmd_check.c). */
#ifndef APIGEN_CMD_CHECK_H
#define APIGEN_CMD_CHECK_H

/* Runs the command on argv[0..argc) (the words after "check"); returns the exit status:
 * 0 valid (canonical JSON on standard output), 1 violations (one "<path>: <code>: <message>"
 * line each on standard error), 2 nothing judged: usage, a spec that cannot be read or has
 * errors (its GCC-style diagnostics on standard error), an unknown operation or status, no
 * JSON body documented, malformed JSON. The same verdicts, paths, output and statuses as the
 * compiled apigen-check (both run generator/body_check.c). */
int cmd_check(int argc, char **argv);

#endif
