/* apigen_rt_union.c: oneOf / anyOf values as tagged unions (apigen_rt.h, apigen_union): choosing
 * the alternative of a JSON tree (by the discriminator, or by trying each against the value),
 * validating, freeing. from_json reads a union through here; apigen_model_parse builds the
 * value's tree and does the same, so both readers choose alike. */

#include "apigen_rt_internal.h"

/* Appends the alternatives' names to out (cap bytes), joined by ", ". */
static void put_names(char *out, size_t cap, const apigen_union *u)
{
    size_t n = strlen(out);
    for (size_t i = 0; i < u->count && n + 1 < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? ", " : "", u->alternatives[i].name);
}

/* Appends s to the string out of cap bytes, cut where it does not fit. */
static void append(char *out, size_t cap, const char *s)
{
    size_t n = strlen(out), k = strlen(s);
    if (n + 1 >= cap)
        return;
    if (k > cap - n - 1)
        k = cap - n - 1;
    memcpy(out + n, s, k);
    out[n + k] = '\0';
}

/* A document's string s, quoted and cut short for a message. */
static void quote_short(char *out, size_t cap, const char *s)
{
    snprintf(out, cap, "\"%.40s%s\"", s, strlen(s) > 40 ? "..." : "");
}

/* OpenAPI 3.1 section 4.8.25: the property's value names the alternative; only it is read. */
static void read_discriminated(ctx *c, const apigen_union *u, const cJSON *j, void *slot,
                               const seg *at)
{
    if (json_type(j) != cJSON_Object) {
        apigen_i_report_unread(c, at, APIGEN_E_TYPE, "expected object, got %s",
                               apigen_i_json_type_name(j));
        return;
    }
    seg s = {at, u->discriminator, 0};
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(j, u->discriminator);
    if (d == NULL) {
        apigen_i_report_unread(c, &s, APIGEN_E_REQUIRED,
                               "required property missing (the discriminator of %s)", u->name);
        return;
    }
    if (json_type(d) != cJSON_String || d->valuestring == NULL) {
        apigen_i_report_unread(c, &s, APIGEN_E_TYPE, "expected string, got %s",
                               apigen_i_json_type_name(d));
        return;
    }
    for (size_t i = 0; i < u->count; i++) {
        if (strcmp(u->mapping[i], d->valuestring) != 0)
            continue;
        const apigen_field *alt = &u->alternatives[i];
        *(int *)member(slot, u->tag_offset) = (int)i + 1; /* so that free releases a part read */
        size_t before = c->violations;
        apigen_i_read_alternative(c, alt, j, slot, at);
        if (c->parsing && c->violations == before && !c->oom)
            apigen_i_check_alternative(c, alt, slot, at);
        return;
    }
    char quoted[64], allowed[APIGEN_MESSAGE_MAX] = "";
    quote_short(quoted, sizeof quoted, d->valuestring);
    for (size_t i = 0, n = 0; i < u->count && n + 1 < sizeof allowed; i++)
        n += (size_t)snprintf(allowed + n, sizeof allowed - n, "%s\"%s\"", i ? ", " : "",
                              u->mapping[i]);
    apigen_i_report_unread(c, &s, APIGEN_E_DISCRIMINATOR, "%s is not one of %s", quoted, allowed);
}

/* Tries alternative alt on j into tmp (zeroed) under a trial context: read, then its rules.
 * Returns whether it matched; *first gets the first violation's message when it did not. */
static bool try_alternative(ctx *c, const apigen_field *alt, const cJSON *j, void *tmp,
                            const seg *at, apigen_errors *trial, char *first, size_t cap)
{
    ctx t = *c;
    apigen_errors_init(trial);
    t.errs = trial;
    t.violations = 0;
    t.unread = 0;
    t.parsing = false;
    apigen_i_read_alternative(&t, alt, j, tmp, at);
    if (t.violations == 0 && !t.oom)
        apigen_i_check_alternative(&t, alt, tmp, at);
    c->tries = t.tries;
    if (t.oom) /* reported in c: t's report went to trial (and c->oom set would stop c's) */
        apigen_i_report_oom(c, at);
    if (t.violations == 0)
        return true;
    /* cut to cap: the message names each alternative tried, within APIGEN_MESSAGE_MAX */
    first[0] = '\0';
    append(first, cap, alt->name);
    if (trial->count > 0) {
        append(first, cap, ": ");
        append(first, cap, trial->items[0].message);
        append(first, cap, " at ");
        append(first, cap, trial->items[0].path);
    }
    return false;
}

/* Without a discriminator: every alternative against the value (anyOf: until the first that
 * matches). Each try is counted against the outermost union value's APIGEN_UNION_TRIES_MAX. */
static void read_tried(ctx *c, const apigen_union *u, const cJSON *j, void *slot, const seg *at)
{
    apigen_code code = u->one_of ? APIGEN_E_ONE_OF : APIGEN_E_ANY_OF;
    void *tmp = apigen_i_alloc(u->size);
    apigen_errors *trial = apigen_i_alloc(sizeof *trial);
    if (tmp == NULL || trial == NULL) {
        apigen_i_free(tmp);
        apigen_i_free(trial);
        apigen_i_report_oom(c, at);
        return;
    }
    /* patterns decide matches too: from_json, which matches none otherwise, gets a matcher */
    matcher local;
    bool own = c->mt == NULL;
    if (own) {
        apigen_i_matcher_init(&local);
        c->mt = &local;
    }
    char tried[APIGEN_MESSAGE_MAX] = "", one[APIGEN_MESSAGE_MAX];
    size_t matched = 0, chosen = 0, other = 0;
    bool limit = false;
    /* the budget is per outermost union value: nested unions multiply their tries, but a long
     * array of small unions (a list endpoint) must not run out */
    bool outermost = !c->in_union;
    if (outermost) {
        c->tries = 0;
        c->in_union = true;
    }
    for (size_t i = 0; i < u->count && !c->oom; i++) {
        if (c->tries >= APIGEN_UNION_TRIES_MAX) {
            limit = true;
            break;
        }
        c->tries++;
        const apigen_field *alt = &u->alternatives[i];
        memset(tmp, 0, u->size);
        if (!try_alternative(c, alt, j, tmp, at, trial, one, sizeof one)) {
            apigen_i_free_alternative(alt, tmp);
            if (tried[0] != '\0')
                append(tried, sizeof tried, "; ");
            append(tried, sizeof tried, one);
            continue;
        }
        if (++matched == 1) {
            chosen = i;
            memcpy(slot, tmp, u->size); /* the value moves into slot */
            *(int *)member(slot, u->tag_offset) = (int)i + 1;
            if (!u->one_of)
                break;
        } else {
            other = i;
            apigen_i_free_alternative(alt, tmp);
            break; /* two are enough to break oneOf */
        }
    }
    if (outermost)
        c->in_union = false;
    if (own) {
        apigen_i_matcher_done(&local);
        c->mt = NULL;
    }
    apigen_i_free(tmp);
    apigen_i_free(trial);
    if (c->oom) {
        apigen_i_report_oom(c, at);
    } else if (matched >= 2) {
        apigen_i_free_union(u, slot);
        apigen_i_report_unread(c, at, code, "matches both %s and %s of %s: oneOf needs exactly one",
                               u->alternatives[chosen].name, u->alternatives[other].name, u->name);
    } else if (matched == 0 && limit) {
        apigen_i_report_unread(c, at, APIGEN_E_UNION_LIMIT,
                               "union alternatives tried for this value exceed %u",
                               APIGEN_UNION_TRIES_MAX);
    } else if (matched == 0) {
        char names[APIGEN_MESSAGE_MAX] = "";
        put_names(names, sizeof names, u);
        apigen_i_report_unread(c, at, code, "matches none of %s (%s)", names, tried);
    } else if (limit && u->one_of) {
        apigen_i_free_union(u, slot);
        apigen_i_report_unread(c, at, APIGEN_E_UNION_LIMIT,
                               "union alternatives tried for this value exceed %u",
                               APIGEN_UNION_TRIES_MAX);
    }
}

void apigen_i_read_union(ctx *c, const apigen_union *u, const cJSON *j, void *slot, const seg *at)
{
    if (u->discriminator != NULL)
        read_discriminated(c, u, j, slot, at);
    else
        read_tried(c, u, j, slot, at);
}

/* The string an object alternative holds in its discriminator property, or NULL. */
static const char *held_discriminator(const apigen_union *u, const apigen_field *alt,
                                      const void *value)
{
    if (alt->kind != APIGEN_KIND_OBJECT || (alt->flags & APIGEN_F_ARRAY))
        return NULL;
    const apigen_model *m = alt->model;
    size_t k = apigen_i_find_field(m, u->discriminator, strlen(u->discriminator), 0);
    if (k == NOT_FOUND)
        return NULL;
    const apigen_field *f = &m->fields[k];
    const void *slot = cmember(value, f->offset);
    if (f->flags & APIGEN_F_ARRAY)
        return NULL;
    if (f->kind == APIGEN_KIND_STRING)
        return *(char *const *)slot;
    if (f->kind == APIGEN_KIND_ENUM) {
        int v = *(const int *)slot;
        return v >= 1 && (size_t)v <= f->enumeration->count ? f->enumeration->values[v - 1] : NULL;
    }
    return NULL;
}

void apigen_i_check_union(ctx *c, const apigen_union *u, const void *slot, const seg *at)
{
    const apigen_field *alt = union_held(u, slot);
    if (alt == NULL) {
        apigen_i_report(c, at, APIGEN_E_TYPE, "kind %d is no alternative of %s", union_tag(u, slot),
                        u->name);
        return;
    }
    bool secret = c->secret;
    c->secret = secret || (alt->flags & APIGEN_F_SENSITIVE);
    const void *value = cmember(slot, alt->offset);
    apigen_i_check_alternative(c, alt, slot, at);
    c->secret = secret;
    if (u->discriminator == NULL)
        return;
    const char *want = u->mapping[alt - u->alternatives];
    const char *held = held_discriminator(u, alt, value);
    if (held == NULL || strcmp(held, want) != 0) {
        seg s = {at, u->discriminator, 0};
        apigen_i_report(c, &s, APIGEN_E_DISCRIMINATOR, "must be \"%s\" for alternative %s", want,
                        alt->name);
    }
}

void apigen_union_free(const apigen_union *u, void *value)
{
    if (value != NULL)
        apigen_i_free_union(u, value);
}

void apigen_i_free_union(const apigen_union *u, void *slot)
{
    const apigen_field *alt = union_held(u, slot);
    if (alt != NULL)
        apigen_i_free_alternative(alt, slot);
    memset(slot, 0, u->size);
}
