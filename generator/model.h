/* model.h: a checked spec (stage 2 of the pipeline), independent of the input format. A front end
 * (check_api.c for the apigen format) reads it from the spec tree and check_finish (check_model.c)
 * completes it: every reference is resolved, every name has its C identifier, and everything the
 * view builder reads is known to be consistent. Nodes keep the marks for diagnostics. */
#ifndef APIGEN_MODEL_H
#define APIGEN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec_tree.h"

typedef enum schema_type {
    TYPE_STRING,
    TYPE_INTEGER,
    TYPE_NUMBER,
    TYPE_BOOLEAN,
    TYPE_OBJECT,
    TYPE_ARRAY,
    TYPE_ANY
} schema_type;

typedef struct schema schema;

/* A string format: its row in the runtime's table (vocab.h). */
typedef struct vocab_format vocab_format;

/* A JSON value the spec writes (default, const, example, examples), checked and converted at
 * check time (json_text.h: json_value_of_yaml) into the JSON data model with every number
 * exact, so that no later stage reads the spec tree. `at` is only a mark, for diagnostics. */
typedef enum value_kind {
    VALUE_NULL,
    VALUE_BOOL,
    VALUE_INTEGER,
    VALUE_NUMBER,
    VALUE_STRING,
    VALUE_ARRAY,
    VALUE_OBJECT
} value_kind;

typedef struct model_value model_value;
typedef struct value_member value_member;

struct model_value {
    const node *at; /* where the spec writes it */
    /* STRING: its bytes (len of them; may hold NUL). INTEGER that does not fit in i: its decimal
     * digits ("-123456789012345678901", no '+' or leading zeros); NULL when it fits. NUMBER:
     * the spec's digits as a JSON number ("1.50", ".5" as "0.5"; json_number_literal). */
    const char *text;
    union {
        model_value *items;    /* ARRAY */
        value_member *members; /* OBJECT, in spec order */
    };
    int64_t i; /* INTEGER, when fits */
    double d;  /* INTEGER and NUMBER: the nearest double */
    uint32_t len;
    uint32_t count; /* items or members */
    uint8_t kind;   /* value_kind */
    bool fits;      /* INTEGER: i holds it exactly */
    bool b;         /* BOOL */
};

struct value_member {
    const char *key; /* key_len bytes */
    uint32_t key_len;
    model_value value;
};

/* One of a body's named examples. The name is kept as a value too: YAML may write it as a
 * number (`1:`), and examples.json writes it as the spec typed it. */
typedef struct model_example {
    const char *name;
    model_value key;
    model_value value;
} model_example;

/* A numeric bound as written: exact integer when is_int, else only the double. */
typedef struct bound {
    const node *at; /* NULL: not set; else a mark */
    bool is_int;
    int64_t i;
    double d;
    const char *literal; /* the spec's digits as a JSON number (json_number_literal) */
} bound;

typedef struct property {
    const char *name; /* JSON name */
    const node *at;   /* the key */
    schema *schema;
    bool required;
    const char *c_name;     /* member name: c_stem, escaped where reserved ("typeof_") */
    const char *c_stem;     /* names_snake(name), or c_override: the base of the derived names
                               (has_x, x_count, x_is_null, the rules table), never reserved words */
    const char *c_override; /* the property schema's `x-c-name` (check_schema.c), NULL: none */
} property;

struct schema {
    const node *at; /* the schema's mapping */
    schema *ref;    /* $ref target (resolve.c); a $ref schema has only at, ref, ref_name and its
                       own description: the rest keeps schema_new's defaults, so read the
                       target's through schema_effective() */
    const char *ref_name;
    const node *ref_at; /* where the $ref is written (a mark) */
    schema_type type;
    const char *description, *title;
    bool nullable, sensitive, read_only, write_only;
    const model_value *default_value, *const_value, *example; /* NULL: absent */
    const char *const_literal; /* number schemas: the const as the spec wrote it, exact */
    const char **enum_values;
    const node **enum_at;
    size_t enum_count;
    const char *pattern;       /* ECMA-262, as written */
    const char *pattern_pcre2; /* the same for PCRE2 (ecma.h) */
    const node *pattern_at;
    int64_t min_length, max_length, min_items, max_items; /* -1: not set */
    bool unique_items;
    bound minimum, maximum, exclusive_minimum, exclusive_maximum;
    const vocab_format *format; /* NULL: none; looked up once, by the checker */
    schema *items;
    property *props;
    size_t prop_count;
    bool closed;             /* additionalProperties: false */
    bool free_form;          /* object without properties */
    bool deprecated;         /* an annotation (JSON Schema 2020-12 validation 9.3) */
    bound multiple_of;       /* multipleOf, > 0; at.NULL: not set */
    const char *format_name; /* the format as written, any type (format holds the checked
                                string formats); NULL: none */
    bool int32;              /* integer with format int32: int32_t, range checked */
    bool format_annotation;  /* format_name is none apigen checks or maps (a note said so) */
    bool extensible;         /* an open enum: unlisted values are kept (APIGEN_KIND_OPEN_ENUM) */
    bool file; /* a file part of a multipart/form-data body (format binary): apigen_file */

    /* Naming: objects with properties are models (structs), string enums are C enums. */
    const char *c_name;
    const char *c_upper;          /* enums: the upper-case base of the constants ("SHOP_STATUS") */
    const char **enum_consts;     /* enums: the C constant of each value, escaped where reserved */
    const char *c_open, *c_other; /* open enums: T_open and U_OTHER (layout.c) */
    int pattern_index;            /* index in api.patterns, -1: none */
    int visit;                    /* 0 new, 1 in progress, 2 done: model ordering */
    const char *named;            /* the name in `schemas`, if any */
    /* Bodies that are not objects with properties (arrays, scalars, any JSON, free-form or
     * nullable objects) get a C model of their own (layout.c): an object schema of one required
     * property (TYPE_IDENT_ITEMS "items" for arrays, "value" else) whose schema is the body's,
     * marked root_value (field flag APIGEN_F_ROOT: the JSON document is that property's value).
     * body_model is set on the body's schema node (the $ref node when the body is a $ref). */
    schema *body_model;
    bool root_value;

    /* Maps and object rules (JSON Schema 2020-12 Applicator 10.3.2.3-10.3.2.4, Validation
     * 6.5.1-6.5.2). An object with `additionalProperties: <schema>` and no `properties` is a map
     * (schema_is_map): an array of key/value entries; beside `properties`, the model gets the
     * map as one more member (layout.c names it). */
    schema *additional;                     /* additionalProperties: <schema>; NULL: none */
    schema *property_names;                 /* propertyNames: a string schema; NULL: none */
    int64_t min_properties, max_properties; /* -1: not set */
    const char *entry_c_name;               /* a map's (or a model's additional map's) entry
                                               type: "shop_charge_metadata_entry" (layout.c) */
    const schema *entry_owner;              /* the first model (in api.models) holding the map:
                                               the header declares the entry type before it */
    const char *additional_member;          /* a model's map member ("additional"), and */
    const char *additional_count;           /* its count ("additional_count") (layout.c) */

    /* oneOf / anyOf (JSON Schema 2020-12 Applicator 10.2.1.3 / 10.2.1.2): a tagged union when
     * alt_count > 0; its type stays TYPE_ANY, so a stage that knows no unions reads it as any.
     * A {type: "null"} alternative is not kept: it makes the union nullable. */
    schema **alts;
    size_t alt_count;
    bool one_of;               /* oneOf; false: anyOf */
    const node *union_at;      /* the oneOf or anyOf key */
    const char *discriminator; /* OpenAPI 3.1 4.8.25 propertyName; NULL: none */
    const node *discriminator_at;
    const node *mapping;       /* the discriminator's mapping node; NULL: none */
    const char **alt_values;   /* with a discriminator: the value of each alternative */
    const char **alt_members;  /* layout.c: each alternative's member in the union ("card") */
    const char **alt_consts;   /* layout.c: each alternative's kind constant */
    const char *c_kind;        /* layout.c: the kind enum's type name */
    const node *union_type_at; /* a `type` beside oneOf/anyOf, which every alternative must
                                  share (union_type); NULL: none */
    schema_type union_type;
    /* allOf (10.2.1.1) of object schemas, merged into this schema's properties by
     * merge_all_of (check_unions.c) once references are resolved. */
    schema **all_of;
    size_t all_of_count;
    const node *all_of_at;
    /* `required` names this schema's own `properties` lack, kept for the merge when the schema
     * has allOf or is a member of one (OpenAPI documents write allOf: [{$ref: Base},
     * {required: [id]}]): merge_all_of marks them in the merged properties or reports them. */
    const node **pending_required;
    size_t pending_count;
};

/* Whether s (not followed through $ref) is a oneOf/anyOf union. */
static inline bool schema_is_union(const schema *s)
{
    return s != NULL && s->alt_count > 0;
}

typedef struct error_code {
    const node *at;
    const char *code;                  /* an integer or a string, as written */
    bool is_integer;                   /* written as a YAML integer */
    const char *message, *description; /* NULL: not written */
    const char *c_const; /* its constant (APIGEN_ERROR_CODE_IDENT), NULL: none (layout.c) */
    bool declares;       /* the first use of c_const in the API: the header defines it here */
} error_code;

typedef struct response {
    const char *status; /* "200" or "default" */
    int status_code;    /* 100..599; 1..5 for the range "1XX".."5XX"; 0 for default */
    const node *at;
    const char *description, *content_type;
    schema *schema; /* NULL: no documented body */
    model_example *examples;
    size_t example_count;
    error_code *error_codes;
    size_t error_code_count;
    bool raw; /* a body that is not JSON (text/ *, application/octet-stream, a range such as
                 text/ * written without the space): no C model, kept as apigen_bytes */
    /* Documented response headers (OpenAPI 3.1 section 4.8.17.1): an object schema, one scalar
     * property per header (the header's name; required when the Header Object says so);
     * NULL: none. */
    schema *headers;
} response;

/* How a query parameter is written (OpenAPI 3.1 section 4.8.12.4): the runtime's
 * apigen_query_style, in the same order. */
typedef enum param_style {
    STYLE_FORM,
    STYLE_SPACE_DELIMITED,
    STYLE_PIPE_DELIMITED,
    STYLE_DEEP_OBJECT
} param_style;

typedef struct query_style {
    param_style style;
    bool explode;
    const node *at; /* the `style` key's value, or the property's key when not written */
} query_style;

/* One entry of a request body's `encoding` map (OpenAPI 3.1 section 4.8.15, Encoding Object):
 * how the top-level property `name` of a form body is written. */
typedef struct body_encoding {
    const char *name;
    param_style style; /* STYLE_FORM or STYLE_DEEP_OBJECT */
    bool explode;
    bool style_set;           /* `style` was written */
    const node *at;           /* the entry's key */
    const node *key;          /* the entry's `style` value, else `explode`'s, else at */
    const char *content_type; /* `contentType` (multipart file parts); NULL: none */
} body_encoding;

/* One scheme of a security requirement, with its OAuth 2 scopes (documentation only). */
typedef struct security_use {
    const char *scheme; /* a key of `auth` */
    const node *at;
    const char **scopes;
    size_t scope_count;
} security_use;

/* A Security Requirement Object (OpenAPI 3.1 section 4.8.30): its schemes together (AND). */
typedef struct security_req {
    security_use *uses;
    size_t use_count; /* 0: `{}`, "no credential" as an alternative */
} security_req;

/* A list of requirements, alternatives (OR). set false: not written. */
typedef struct security_list {
    security_req *reqs;
    size_t count;
    bool set;
} security_list;

typedef struct operation {
    const char *name;      /* "createOtpUser" */
    const char *full_name; /* "applivery.createOtpUser" */
    const char *c_name;    /* "create_otp_user" */
    const node *at;
    const char *method, *path, *summary, *description, *permission, *auth;
    schema *path_params, *query_params, *header_params; /* NULL: none */
    query_style *query_styles; /* one per query_params property; NULL: none written, so
                                  every one form, exploded */
    schema *cookie_params;     /* NULL: none; sent in one Cookie header (RFC 6265 4.2.1) */
    schema *request;           /* NULL: no body */
    bool request_required;
    const char *request_content_type, *request_description;
    model_example *request_examples;
    size_t request_example_count;
    response *responses;
    size_t response_count;
    bool request_raw; /* the request body is not JSON (as response.raw): sent as apigen_bytes */
    security_list security; /* `security`, or `auth: name` as one requirement of one scheme */
    bool request_form; /* application/x-www-form-urlencoded: name=value pairs (APIGEN_BODY_FORM) */
    bool request_multipart;          /* multipart/form-data: parts (APIGEN_BODY_MULTIPART) */
    body_encoding *request_encoding; /* the request's `encoding` entries, in the spec's order */
    size_t request_encoding_count;
} operation;

/* How a request carries an auth scheme's secret. Both spellings of the spec format read into
 * this one form: OpenAPI 3.1's Security Scheme Object ({type: http, scheme: bearer} and
 * {type: apiKey, in, name}, OpenAPI 3.1 section 4.8.27) and apigen's own ({type: bearer|api_key,
 * header}). */
typedef enum auth_kind {
    AUTH_BEARER,  /* "Bearer <token>" (RFC 6750 section 2.1) in the header `param`; also
                     OpenAPI's oauth2 and openIdConnect (a token the caller obtained) */
    AUTH_API_KEY, /* the key as it is, in the header, query parameter or cookie `param` */
    AUTH_BASIC,   /* "Basic base64(user-id:password)" (RFC 7617) in the header `param` */
} auth_kind;

typedef enum auth_location { AUTH_IN_HEADER, AUTH_IN_QUERY, AUTH_IN_COOKIE } auth_location;

typedef struct auth_scheme {
    const char *name; /* the scheme's key under `auth` */
    auth_kind kind;
    auth_location in;          /* AUTH_IN_QUERY only for AUTH_API_KEY */
    const char *param;         /* header or query parameter name; bearer: "Authorization" unless
                                  the apigen spelling's `header` names another */
    const char *bearer_format; /* OpenAPI `bearerFormat` (a hint such as "JWT"), or NULL */
    const char *description;
    const char *type;                /* as written: "http", "apiKey", "oauth2", "bearer", ... */
    const model_value *flows;        /* oauth2: OpenAPI `flows` (documentation), or NULL */
    const char *open_id_connect_url; /* openIdConnect: `openIdConnectUrl`, or NULL */
} auth_scheme;

typedef struct named_schema {
    const char *name;
    const node *at;
    schema *schema;
} named_schema;

typedef struct spec_api {
    const spec_file *file;
    const char *name, *title, *description, *base_url, *docs;
    const char *prefix, *upper; /* "applivery", "APPLIVERY" */
    auth_scheme *auth;
    size_t auth_count;
    security_list security; /* top-level `security`: the default of every operation */
    named_schema *schemas;
    size_t schema_count;
    operation *ops;
    size_t op_count;

    /* Derived: every model (nested before the models holding them), every enum, and
     * every distinct pattern, in a deterministic order. */
    schema **models;
    size_t model_count;
    schema **enums;
    size_t enum_count;
    const char **patterns;       /* ECMA-262, as written */
    const char **patterns_pcre2; /* what PCRE2 runs (ecma.h), same order */
    size_t pattern_count;
} spec_api;

/* ------------------------------------------------------------ helpers (model.c) ---- */

#define SCHEMA_TYPE_COUNT 7

/* "string", "integer", ... indexed by schema_type: the spelling of `type` in a spec. */
extern const char *const schema_type_names[SCHEMA_TYPE_COUNT];

/* "string", "integer", ... */
const char *schema_type_name(schema_type t);

/* The schema_type spelled `name`; false when none is. */
bool schema_type_parse(const char *name, schema_type *out);

/* The schema s stands for, following $ref; NULL for NULL, an unresolved or a cyclic reference
 * (a checked model has neither). */
schema *schema_effective(const schema *s);

/* Whether s allows JSON null: nullable on s, on a $ref on the way ({$ref: User, nullable:
 * true}, an alias of one: check_ref_cycles carries it along a flattened chain), or on the
 * target. */
bool schema_nullable(const schema *s);

/* The C model of a request or response body s: s->body_model when layout.c made one (a body
 * that is not an object with properties), else s's effective schema. NULL for NULL. */
schema *schema_body_model(const schema *s);

/* The auth scheme named name, or NULL: a name `auth` lacks. */
const auth_scheme *model_auth_scheme(const spec_api *api, const char *name);

/* The security requirements of op (OpenAPI 3.1 section 4.8.10 `security`): its own when
 * written (`security`, or `auth`), else the API's default. */
const security_list *model_op_security(const spec_api *api, const operation *op);

/* A schema of no type (TYPE_ANY) at `at`, every bound unset, in arena a. */
schema *schema_new(arena *a, const node *at);

/* Which C members property p's field has, the one decision layout.c (collision claims), view.c
 * (the declarations) and tables.c (the in-memory layout) share. Over a model that resolves
 * (an unresolved schema is treated as any). */
typedef struct member_shape {
    const schema *e;     /* the property's schema (schema_effective), NULL when unresolved */
    const schema *value; /* e, or for arrays its items' (NULL when unresolved or absent) */
    bool array;          /* x is a pointer to the items, beside size_t x_count */
    bool map;            /* x is a pointer to key/value entries, beside size_t x_count; value
                            is the map's value schema */
    bool has_flag;       /* bool has_x: optional and not absent as NULL or 0 */
    bool is_null;        /* bool x_is_null: nullable */
    bool pointer;        /* the value (or item) is absent as NULL: string, free-form, any */
    bool is_enum;        /* the value (or item) is a C enum, absent as 0 (its _UNSET) */
    bool is_union;       /* the value (or item) is a tagged union, absent as kind 0 */
} member_shape;

member_shape schema_member_shape(const property *p);

/* Whether e (effective) is a map: an object schema with additionalProperties: <schema> and no
 * properties (its C form is an array of key/value entries). */
bool schema_is_map(const schema *e);

/* Whether e (effective) has object rules of its own: minProperties, maxProperties or
 * propertyNames (a map keeps them in its field's rules, a model in apigen_model.rules). */
bool schema_has_object_rules(const schema *e);

/* Whether s is a C enum: a string or integer schema with `enum` (s effective). */
bool schema_is_enum(const schema *s);

#endif
