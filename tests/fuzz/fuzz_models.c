/* fuzz_models: libFuzzer target for the code generated from every spec.
 * Input: one selector byte (index into fuzz_models(), modulo their count), then JSON text.
 * Every input goes through both ways of reading (apigen_model_parse on the text, and
 * cJSON + apigen_model_from_json + apigen_model_validate on the tree); whatever is read is
 * written back (to_json, print, debug_string) and read again. Besides ASan/UBSan/leak
 * reports, these invariants trap:
 *   - a failed read reports at least one violation, each with a "$..." path, a message and a
 *     named code;
 *   - what parse accepts, the tree path accepts too (if cJSON reads it) but where a double
 *     rounds a number across a bound, and both print
 *     the same text; the tree path may accept more only where apigen_rt.h documents parse
 *     as stricter:
 *     syntax cJSON tolerates, an escaped U+0000 or lone surrogate, integers judged on their
 *     digits, numbers beyond the double range, duplicate properties, present empty arrays;
 *   - an accepted value validates, prints, converts to a tree printing the same text, and
 *     its debug string is JSON;
 *   - the printed text parses again, and prints identically (canonical round trip);
 *   - the tree from to_json reads back (from_json) to a value printing the same text. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model_table.h"

/* Large (about 13 KiB each): static, not on the stack. */
static apigen_errors errs_text, errs_tree, errs_again;

/* Whether e is one of the violations that apigen_model_parse documents as its own (reading
 * the text rather than a cJSON tree), so that the tree path may accept the same input. */
static bool only_parse_reports(const apigen_error *e)
{
    switch (e->code) {
    case APIGEN_E_SYNTAX:        /* cJSON takes "01", "1.", raw controls, ... */
    case APIGEN_E_ENCODING:      /* "\u0000", lone surrogates */
    case APIGEN_E_INTEGER:       /* "1.0000000000000001": digits, not the rounded double */
    case APIGEN_E_DUPLICATE_KEY: /* the tree path keeps the first silently */
    case APIGEN_E_MIN_ITEMS:     /* a present [] is 0 items, absent in the struct */
        return true;
    case APIGEN_E_TYPE: /* "1e400" in a number field: cJSON reads inf */
        return strstr(e->message, "range") != NULL;
    default:
        return false;
    }
}

/* Whether the input text holds a run of 16 or more digits: an integer that may lie beyond
 * +-(2^53-1), which only parse reads exactly. */
static bool big_integer_text;

static bool has_big_integer(const char *text, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        run = text[i] >= '0' && text[i] <= '9' ? run + 1 : 0;
        if (run >= 16)
            return true;
    }
    return false;
}

/* Whether e may be reported on one path only because a double rounds the number it holds:
 * parse judges bounds, const and uniqueItems on the digits as written, the tree path and
 * validate on the doubles (1e-400 against exclusiveMinimum 0, 0.1 and 0.1000000000000000001
 * as unique items, 0.11000...0001700210505 against multipleOf 0.01); and a cJSON double
 * beyond +-(2^53-1) is no exact integer. */
static bool rounding_may_report(const apigen_error *e)
{
    switch (e->code) {
    case APIGEN_E_MINIMUM:
    case APIGEN_E_MAXIMUM:
    case APIGEN_E_EXCLUSIVE_MINIMUM:
    case APIGEN_E_EXCLUSIVE_MAXIMUM:
    case APIGEN_E_CONST:
    case APIGEN_E_UNIQUE_ITEMS:
    case APIGEN_E_MULTIPLE_OF: /* parse on the digits, validate on the shortest double text */
        return true;
    case APIGEN_E_INTEGER:
        return strstr(e->message, "beyond") != NULL;
    case APIGEN_E_ANY_OF: /* a union whose integer alternative met such a double: the message */
    case APIGEN_E_ONE_OF: /* names each alternative's first violation (9007199254740993), but a
                             nested union's message may be cut before it: then the text's digits */
        return strstr(e->message, "beyond +-(2^53-1)") != NULL || big_integer_text;
    default:
        return false;
    }
}

static bool only_rounding_reports(const apigen_errors *errs)
{
    for (size_t i = 0; i < errs->count; i++)
        if (!rounding_may_report(&errs->items[i]))
            return false;
    return errs->count > 0;
}

/* -0 as 0 throughout a tree: "-0" kept as written prints as -0 through cJSON. */
static void positive_zeros(cJSON *j)
{
    for (; j != NULL; j = j->next) {
        if (cJSON_IsNumber(j) && j->valuedouble == 0)
            j->valuedouble = 0;
        positive_zeros(j->child);
    }
}

/* Whether two texts hold the same JSON values as doubles: parse keeps the digits of any values
 * ("1.0"), the tree path has the doubles cJSON made of them ("1"). */
static bool same_as_doubles(const char *a, const char *b)
{
    cJSON *x = cJSON_Parse(a), *y = cJSON_Parse(b);
    positive_zeros(x);
    positive_zeros(y);
    char *px = cJSON_PrintUnformatted(x), *py = cJSON_PrintUnformatted(y);
    bool same = px != NULL && py != NULL && strcmp(px, py) == 0;
    free(px);
    free(py);
    cJSON_Delete(x);
    cJSON_Delete(y);
    return same;
}

/* v was accepted: every writer works and agrees; returns the printed text (caller frees). */
static char *check_accepted(const apigen_model *m, const void *v)
{
    if (apigen_model_validate(m, v, &errs_again) != 0)
        REQUIRE(only_rounding_reports(&errs_again));

    char *printed = apigen_model_print(m, v);
    REQUIRE(printed != NULL);

    cJSON *tree = apigen_model_to_json(m, v);
    REQUIRE(tree != NULL);
    char *tree_text = apigen_json_print(tree);
    REQUIRE(tree_text != NULL);
    REQUIRE(strcmp(tree_text, printed) == 0);
    free(tree_text);

    /* The tree reads back to the same value. */
    void *back = fuzz_new_value(m);
    REQUIRE(apigen_model_from_json(m, tree, back, &errs_again) == 0);
    char *back_text = apigen_model_print(m, back);
    REQUIRE(back_text != NULL);
    REQUIRE(strcmp(back_text, printed) == 0);
    free(back_text);
    fuzz_release(m, back);
    cJSON_Delete(tree);

    char *debug = apigen_model_debug_string(m, v);
    REQUIRE(debug != NULL);
    cJSON *debug_tree = cJSON_Parse(debug);
    REQUIRE(debug_tree != NULL);
    cJSON_Delete(debug_tree);
    free(debug);
    return printed;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text;
    size_t len;
    const apigen_model *m = fuzz_model_pick(data, size, &text, &len);
    if (m == NULL)
        return 0;

    big_integer_text = has_big_integer(text, len);

    /* The text path. */
    void *by_text = fuzz_new_value(m);
    bool text_ok = apigen_model_parse(m, text, len, by_text, &errs_text) == 0;
    if (!text_ok)
        REQUIRE(fuzz_failed_with_report(&errs_text));

    /* The tree path. */
    void *by_tree = fuzz_new_value(m);
    bool tree_ok = false;
    cJSON *json = cJSON_ParseWithLength(text, len);
    bool json_read = json != NULL;
    if (json != NULL) {
        if (apigen_model_from_json(m, json, by_tree, &errs_tree) == 0)
            tree_ok = apigen_model_validate(m, by_tree, &errs_tree) == 0;
        if (!tree_ok)
            REQUIRE(fuzz_failed_with_report(&errs_tree));
        cJSON_Delete(json);
    }

    /* cJSON rejects some RFC 8259 text that parse takes: a lone surrogate escape in a
     * property the model does not know (parse skips it unchecked), numbers over 63
     * characters. Whatever cJSON reads, the tree path must accept too. */
    if (text_ok && json_read && !tree_ok)
        REQUIRE(only_rounding_reports(&errs_tree));
    if (tree_ok && !text_ok)
        for (size_t i = 0; i < errs_text.count; i++)
            REQUIRE(only_parse_reports(&errs_text.items[i]) ||
                    rounding_may_report(&errs_text.items[i]));

    if (text_ok) {
        char *printed = check_accepted(m, by_text);
        if (tree_ok) {
            char *tree_printed = apigen_model_print(m, by_tree);
            REQUIRE(tree_printed != NULL);
            REQUIRE(same_as_doubles(tree_printed, printed));
            free(tree_printed);
        }

        /* Canonical round trip: the printed text reads again and prints identically (a number
         * field prints its double, which may now cross a bound its digits did not). */
        void *again = fuzz_new_value(m);
        if (apigen_model_parse(m, printed, strlen(printed), again, &errs_again) == 0) {
            char *again_printed = apigen_model_print(m, again);
            REQUIRE(again_printed != NULL);
            REQUIRE(strcmp(again_printed, printed) == 0);
            free(again_printed);
        } else {
            REQUIRE(only_rounding_reports(&errs_again));
        }
        fuzz_release(m, again);
        free(printed);
    } else if (tree_ok) {
        free(check_accepted(m, by_tree));
    }

    fuzz_release(m, by_text);
    fuzz_release(m, by_tree);
    return 0;
}
