/* synth_spec: writes a synthetic apigen spec with N operations, for the generator benchmark.
 *
 *   synth_spec N NAME > NAME.yaml
 *
 * Deterministic: the output depends on N and NAME only. NAME must be the spec's file stem
 * ([a-z][a-z0-9_]*), as apigen requires. Every operation has a path parameter, a request
 * and a 200 response of about ten fields each, which between them use every type and every
 * constraint of the spec format: string with pattern / minLength / maxLength / format
 * (email, date-time, uuid, e164) / const, string enums (inline and named), integer and
 * number bounds (inclusive and exclusive), boolean, nested objects (named and inline,
 * one closed with additionalProperties: false), arrays with minItems / maxItems /
 * uniqueItems, nullable, free-form objects and `any`. Named schemas (ObjectId, Status,
 * Address, Money) are reused by every operation; each operation also gets valid examples.
 * Small per-operation variations (bounds, enum values) keep operations from being copies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int valid_name(const char *s)
{
    if (*s < 'a' || *s > 'z')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

static void header(FILE *f, unsigned long n, const char *name)
{
    fprintf(f,
            "# Synthetic spec written by bench/synth_spec (%lu operations). DO NOT EDIT.\n"
            "apigen: 1\n"
            "\n"
            "api:\n"
            "  name: %s\n"
            "  title: Synthetic benchmark API with %lu operations\n"
            "  description: Every type and constraint of the spec format, per operation.\n"
            "  base_url: https://bench.example.com\n"
            "\n"
            "auth:\n"
            "  bearer: {type: bearer, description: \"Authorization: Bearer <token>\"}\n"
            "\n"
            "schemas:\n"
            "  ObjectId: {type: string, pattern: '^[a-f0-9]{24}$', description: 24 hex digits}\n"
            "  Status: {type: string, enum: [active, suspended, deleted]}\n"
            "  Money:\n"
            "    type: object\n"
            "    required: [amount, currency]\n"
            "    properties:\n"
            "      amount: {type: number, exclusiveMinimum: 0, maximum: 1000000000}\n"
            "      currency: {type: string, pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3}\n"
            "  Address:\n"
            "    type: object\n"
            "    required: [line1, country]\n"
            "    additionalProperties: false\n"
            "    properties:\n"
            "      line1: {type: string, minLength: 1, maxLength: 128}\n"
            "      city: {type: string, maxLength: 64}\n"
            "      country: {type: string, pattern: '^[A-Z]{2}$'}\n"
            "      zip: {type: string, nullable: true, maxLength: 10}\n"
            "\n"
            "operations:\n",
            n, name, n);
}

static void operation(FILE *f, unsigned long i)
{
    static const char *const methods[] = {"POST", "PUT", "PATCH"};
    static const char *const sizes[] = {"small", "medium", "large", "huge", "tiny"};
    const char *method = methods[i % 3];
    const char *k1 = sizes[i % 5], *k2 = sizes[(i + 1) % 5], *k3 = sizes[(i + 2) % 5];
    unsigned long name_max = 32 + i % 64, labels_max = 5 + i % 16;

    fprintf(f,
            "  op%05lu:\n"
            "    method: %s\n"
            "    path: /v1/stores/{storeId}/things%05lu\n"
            "    summary: Operation %lu\n"
            "    description: Synthetic operation number %lu.\n"
            "    permission: bench.things%lu.write\n"
            "    auth: bearer\n"
            "    parameters:\n"
            "      path:\n"
            "        required: [storeId]\n"
            "        properties:\n"
            "          storeId: {$ref: ObjectId}\n"
            "      query:\n"
            "        properties:\n"
            "          dryRun: {type: boolean, default: false}\n"
            "          limit: {type: integer, minimum: 1, maximum: 100}\n",
            i, method, i, i, i, i);
    /* Request: 10 fields. */
    fprintf(f,
            "    request:\n"
            "      required: true\n"
            "      schema:\n"
            "        type: object\n"
            "        required: [name, email, kind, quantity]\n"
            "        properties:\n"
            "          name: {type: string, minLength: 1, maxLength: %lu}\n"
            "          email: {type: string, format: email, maxLength: 256}\n"
            "          phone: {type: string, format: e164, nullable: true}\n"
            "          kind: {type: string, enum: [%s, %s, %s]}\n"
            "          quantity: {type: integer, minimum: 1, maximum: 9007199254740991}\n"
            "          ratio: {type: number, minimum: 0, exclusiveMaximum: 1}\n"
            "          gift: {type: boolean}\n"
            "          tags:\n"
            "            type: array\n"
            "            items: {type: string, minLength: 1, maxLength: 32}\n"
            "            maxItems: 10\n"
            "            uniqueItems: true\n"
            "          shipTo: {$ref: Address}\n"
            "          note: {type: any}\n"
            "      examples:\n"
            "        doc:\n"
            "          name: Thing %lu\n"
            "          email: user%lu@example.com\n"
            "          phone: \"+1555%07lu\"\n"
            "          kind: %s\n"
            "          quantity: %lu\n"
            "          ratio: 0.25\n"
            "          gift: true\n"
            "          tags: [red, green]\n"
            "          shipTo: {line1: %lu Main Street, country: US, zip: null}\n"
            "          note: {free: [1, two]}\n",
            name_max, k1, k2, k3, i, i, i % 10000000ul, k2, i, i);
    /* 200 response: 11 fields, one of them an inline nested object. */
    fprintf(f,
            "    responses:\n"
            "      \"200\":\n"
            "        description: The thing\n"
            "        schema:\n"
            "          type: object\n"
            "          required: [id, uuid, status, createdAt, version]\n"
            "          properties:\n"
            "            id: {$ref: ObjectId}\n"
            "            uuid: {type: string, format: uuid}\n"
            "            status: {$ref: Status}\n"
            "            createdAt: {type: string, format: date-time}\n"
            "            version: {type: string, const: v1}\n"
            "            count: {type: integer, exclusiveMinimum: -1, maximum: %lu}\n"
            "            verified: {type: boolean, nullable: true}\n"
            "            labels: {type: array, items: {type: string, maxLength: 40}, minItems: 0, "
            "maxItems: %lu}\n"
            "            price: {$ref: Money}\n"
            "            owner:\n"
            "              type: object\n"
            "              required: [id]\n"
            "              properties:\n"
            "                id: {$ref: ObjectId}\n"
            "                displayName: {type: string, maxLength: 80, sensitive: true}\n"
            "                address: {$ref: Address}\n"
            "            metadata: {type: object}\n"
            "        examples:\n"
            "          doc:\n"
            "            id: \"%024lx\"\n"
            "            uuid: 00000000-0000-4000-8000-%012lx\n"
            "            status: active\n"
            "            createdAt: \"2024-01-02T03:04:05Z\"\n"
            "            version: v1\n"
            "            count: %lu\n"
            "            verified: null\n"
            "            labels: [a, b]\n"
            "            price: {amount: 9.99, currency: EUR}\n"
            "            owner: {id: \"%024lx\", displayName: Owner %lu}\n"
            "            metadata: {}\n",
            1000 + i, labels_max, i, i, i, i + 1, i);
}

int main(int argc, char **argv)
{
    char *end;
    unsigned long n, i;

    if (argc != 3) {
        fprintf(stderr, "usage: synth_spec N NAME > NAME.yaml\n");
        return 2;
    }
    n = strtoul(argv[1], &end, 10);
    if (*end || n == 0 || n > 99999) {
        fprintf(stderr, "synth_spec: N must be 1..99999\n");
        return 2;
    }
    if (!valid_name(argv[2])) {
        fprintf(stderr, "synth_spec: NAME must match [a-z][a-z0-9_]*\n");
        return 2;
    }
    header(stdout, n, argv[2]);
    for (i = 1; i <= n; i++)
        operation(stdout, i);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("synth_spec");
        return 1;
    }
    return 0;
}
