/* verdicts: the generated validators' verdict on many payloads, for the differential test.
 * Reads lines "OPERATION<TAB>PART<TAB>STATUS<TAB>JSON" (PART request or response) and
 * prints one line each: "valid", or "invalid" and each violation as a tab, its keyword, a
 * space and its JSON path ("invalid\tpattern $.code\trequired $"), or "error <why>" when the
 * line names no model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_apis.h"

static void verdict(const apigen_model *m, const char *json, size_t len)
{
    void *value = calloc(1, m->size);
    apigen_errors errs;
    if (value == NULL) {
        puts("error out of memory");
        return;
    }
    if (apigen_model_parse(m, json, len, value, &errs) == 0) {
        puts("valid");
        apigen_model_free(m, value);
    } else {
        fputs("invalid", stdout);
        for (size_t i = 0; i < errs.count; i++)
            printf("\t%s %s", apigen_code_name(errs.items[i].code), errs.items[i].path);
        putchar('\n');
    }
    free(value);
}

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        char *fields[4];
        char *p = line;
        int k = 0;
        for (; k < 3; k++) {
            fields[k] = p;
            p = strchr(p, '\t');
            if (p == NULL)
                break;
            *p++ = '\0';
        }
        if (k < 3) {
            puts("error malformed line");
            continue;
        }
        fields[3] = p;
        const apigen_model *m =
            apigen_find_model(apigen_find_operation(fields[0]), fields[1], atoi(fields[2]));
        if (m == NULL) {
            puts("error no such model");
            continue;
        }
        verdict(m, fields[3], strlen(fields[3]));
    }
    free(line);
    return 0;
}
