/* verdict.h: the verdict of a model on a JSON document, as one short string the end-to-end tests
 * compare ("valid", or each violation as "keyword path", joined by "; "), read by
 * apigen_model_parse or, through cJSON, by apigen_model_from_json. Header-only. */
#ifndef APIGEN_TESTS_VERDICT_H
#define APIGEN_TESTS_VERDICT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apigen_rt.h"

/* Reads json with m (parse, or from_json on cJSON's tree when tree); static storage. */
static inline const char *verdict_of(const apigen_model *m, const char *json, bool tree)
{
    static char out[1024];
    void *value = calloc(1, m->size);
    cJSON *doc = tree ? cJSON_Parse(json) : NULL;
    apigen_errors errs;
    if (value == NULL || (tree && doc == NULL)) {
        cJSON_Delete(doc);
        free(value);
        return tree ? "no tree" : "out of memory";
    }
    int rc = tree ? apigen_model_from_json(m, doc, value, &errs)
                  : apigen_model_parse(m, json, strlen(json), value, &errs);
    cJSON_Delete(doc);
    if (rc == 0) {
        apigen_model_free(m, value);
        free(value);
        return "valid";
    }
    out[0] = '\0';
    for (size_t i = 0; i < errs.count; i++) {
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%s %s", i ? "; " : "",
                 apigen_code_name(errs.items[i].code), errs.items[i].path);
    }
    free(value);
    return out;
}

/* The verdict of apigen_model_parse. */
static inline const char *verdict(const apigen_model *m, const char *json)
{
    return verdict_of(m, json, false);
}

#endif
