/* fuzz_parse: libFuzzer target for apigen_model_parse alone, the runtime's parser that faces
 * hostile input (templates/runtime/apigen_rt_parse.c). Only that file (and this harness) is
 * instrumented for coverage: the other parts of the runtime are compiled with the sanitizers but
 * give no feedback, so the search follows the parser's branches rather than the printer's or
 * the tree reader's. Input as fuzz_models (one selector byte, then JSON text): its seeds and
 * dictionary serve. Besides ASan/UBSan/leak reports, these invariants trap:
 *   - parse initialises out whatever it held before (it starts filled with 0xA5 here);
 *   - a failure reports at least one violation, each with a "$..." path, a message and a named
 *     code, and leaves out released: every byte zero, as after apigen_model_init;
 *   - parse is deterministic: the same text again gives the same verdict, the same violations
 *     (codes, paths, messages) or the same printed value;
 *   - an accepted value prints, and the printed text is JSON (cJSON reads it). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model_table.h"

/* Large (about 13 KiB each): static, not on the stack. */
static apigen_errors errs_first, errs_again;

/* Parses text into a fresh value that starts as garbage; returns the value (caller releases)
 * and whether parse accepted it. */
static void *parse_fresh(const apigen_model *m, const char *text, size_t len, apigen_errors *errs,
                         bool *ok)
{
    void *v = fuzz_new_value(m);
    memset(v, 0xA5, m->size);
    *ok = apigen_model_parse(m, text, len, v, errs) == 0;
    if (!*ok) {
        REQUIRE(fuzz_failed_with_report(errs));
        for (size_t i = 0; i < m->size; i++)
            REQUIRE(((const unsigned char *)v)[i] == 0);
    }
    return v;
}

static bool same_errors(const apigen_errors *a, const apigen_errors *b)
{
    if (a->count != b->count || a->total != b->total)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (a->items[i].code != b->items[i].code ||
            strcmp(a->items[i].path, b->items[i].path) != 0 ||
            strcmp(a->items[i].message, b->items[i].message) != 0)
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text;
    size_t len;
    const apigen_model *m = fuzz_model_pick(data, size, &text, &len);
    if (m == NULL)
        return 0;

    bool ok, ok_again;
    void *v = parse_fresh(m, text, len, &errs_first, &ok);
    void *again = parse_fresh(m, text, len, &errs_again, &ok_again);
    REQUIRE(ok == ok_again);
    if (ok) {
        char *printed = apigen_model_print(m, v), *printed_again = apigen_model_print(m, again);
        REQUIRE(printed != NULL && printed_again != NULL);
        REQUIRE(strcmp(printed, printed_again) == 0);
        cJSON *json = cJSON_Parse(printed);
        REQUIRE(json != NULL);
        cJSON_Delete(json);
        free(printed);
        free(printed_again);
    } else {
        REQUIRE(same_errors(&errs_first, &errs_again));
    }
    fuzz_release(m, v);
    fuzz_release(m, again);
    return 0;
}
