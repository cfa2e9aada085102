/* test_generator: the generator's own stages on small inputs: name mangling, the spec
 * loader's marks and scalar typing and refusals, and the writer's write-if-changed. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "model.h"
#include "names.h"
#include "spec_tree.h"
#include "writer.h"

static arena a;

static void snake_case_splits_words_like_a_person_would(void)
{
    CHECK_STR(names_snake(&a, "allowedDownloadsNum"), "allowed_downloads_num");
    CHECK_STR(names_snake(&a, "OtpUser"), "otp_user");
    CHECK_STR(names_snake(&a, "HTTPCode"), "http_code");
    CHECK_STR(names_snake(&a, "full_name"), "full_name");
    CHECK_STR(names_snake(&a, "customField1"), "custom_field1");
    CHECK_STR(names_snake(&a, "full-name"), "full_name");
    CHECK_STR(names_snake(&a, "2fa"), "_2fa");
    CHECK_STR(names_snake(&a, "-2fa"), "_2fa"); /* the first character emitted counts */
    CHECK_STR(names_snake(&a, "$"), "_");
    CHECK_STR(names_upper(&a, "tosAnswer"), "TOS_ANSWER");
}

static void c_keywords_and_stdbool_names_are_reserved(void)
{
    CHECK(names_is_reserved("default"));
    CHECK(names_is_reserved("bool"));
    CHECK(names_is_reserved("_Atomic"));
    CHECK(names_is_reserved("linux")); /* predefined by gcc -std=gnu11 */
    CHECK(!names_is_reserved("status"));
}

static void c_string_literals_escape_what_c_needs(void)
{
    CHECK_STR(names_c_string(&a, "^a\\.b\"c$"), "^a\\\\.b\\\"c$");
    CHECK_STR(names_c_string(&a, "a?"
                                 "?=b"),
              "a?\\?=b"); /* no trigraph */
    CHECK_STR(names_c_string(&a, "x\x01y"), "x\\001y");
    CHECK_STR(names_c_comment(&a, "ends */ here\nnext"), "ends * / here next");
}

static int load(const char *text, spec_file *f, char **msgs)
{
    size_t len;
    FILE *mem = open_memstream(msgs, &len);
    diag d;
    diag_init(&d, mem);
    int rc = spec_load_text(&a, "t.yaml", text, strlen(text), f, &d);
    fclose(mem);
    return rc;
}

static void loader_keeps_one_based_marks(void)
{
    spec_file f;
    char *msgs;
    CHECK(load("a: 1\nb:\n  c: [x, 'y']\n", &f, &msgs) == 0);
    free(msgs);
    node *b = node_get(f.root, "b");
    CHECK(b != NULL && b->line == 3 && b->col == 3);
    node *c = node_get(b, "c");
    CHECK(c != NULL && c->kind == NODE_SEQUENCE && c->count == 2);
    CHECK(c->items[1]->line == 3 && c->items[1]->col == 10);
    CHECK(c->items[1]->style == '\'');
}

static void loader_types_plain_scalars_by_the_yaml_core_schema(void)
{
    spec_file f;
    char *msgs;
    CHECK(load("i: -12\nf: 1.5e3\nb: true\nn: ~\ns: 12abc\nq: '12'\nx: 0x1F\n", &f, &msgs) == 0);
    free(msgs);
    CHECK(node_get(f.root, "i")->type == SCALAR_INT);
    CHECK(node_get(f.root, "f")->type == SCALAR_FLOAT);
    CHECK(node_get(f.root, "b")->type == SCALAR_BOOL);
    CHECK(node_get(f.root, "n")->type == SCALAR_NULL);
    CHECK(node_get(f.root, "s")->type == SCALAR_STRING);
    CHECK(node_get(f.root, "q")->type == SCALAR_STRING);
    CHECK(node_get(f.root, "x")->type == SCALAR_INT);
}

static void loader_refuses_aliases_so_specs_cannot_explode(void)
{
    spec_file f;
    char *msgs;
    CHECK(load("a: &x [1, 2]\nb: *x\n", &f, &msgs) == 1);
    CHECK(strstr(msgs, "t.yaml:1:4: error: YAML anchors are not supported") != NULL);
    CHECK(strstr(msgs, "t.yaml:2:4: error: YAML aliases are not supported") != NULL);
    free(msgs);
}

static void loader_reports_nesting_deeper_than_64_once(void)
{
    char text[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(text, "[");
    for (int i = 0; i < 100; i++)
        strcat(text, "]");
    spec_file f;
    char *msgs;
    CHECK(load(text, &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:1:65: error: nesting deeper than 64 levels\n");
    free(msgs);
}

static void loader_reports_every_duplicate_key(void)
{
    spec_file f;
    char *msgs;
    CHECK(load("a: 1\nb: 2\na: 3\nb: 4\n", &f, &msgs) == 1);
    CHECK_STR(msgs, "t.yaml:3:1: error: duplicate key 'a'\n"
                    "t.yaml:1:1: note: 'a' first appears here\n"
                    "t.yaml:4:1: error: duplicate key 'b'\n"
                    "t.yaml:2:1: note: 'b' first appears here\n");
    free(msgs);
}

static void writer_leaves_unchanged_files_alone(void)
{
    char dir[] = "/tmp/apigen-writer-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/sub/dir/out.c", dir);
    diag d;
    diag_init(&d, stderr);
    CHECK(writer_write(path, "abc", 3, &d) == 1);
    struct stat before;
    CHECK(stat(path, &before) == 0);
    CHECK(writer_write(path, "abc", 3, &d) == 0);
    struct stat after;
    CHECK(stat(path, &after) == 0);
    CHECK(before.st_ino == after.st_ino && before.st_mtime == after.st_mtime);
    CHECK(writer_write(path, "abcd", 4, &d) == 1);
    size_t len;
    char *text = writer_read(path, &len);
    CHECK(text != NULL && len == 4 && memcmp(text, "abcd", 4) == 0);
    free(text);
    CHECK(d.errors == 0);
    remove(path);
    snprintf(path, sizeof path, "%s/sub/dir", dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/sub", dir);
    rmdir(path);
    rmdir(dir);
}

int main(void)
{
    arena_init(&a);
    RUN_TEST(snake_case_splits_words_like_a_person_would);
    RUN_TEST(c_keywords_and_stdbool_names_are_reserved);
    RUN_TEST(c_string_literals_escape_what_c_needs);
    RUN_TEST(loader_keeps_one_based_marks);
    RUN_TEST(loader_types_plain_scalars_by_the_yaml_core_schema);
    RUN_TEST(loader_refuses_aliases_so_specs_cannot_explode);
    RUN_TEST(loader_reports_nesting_deeper_than_64_once);
    RUN_TEST(loader_reports_every_duplicate_key);
    RUN_TEST(writer_leaves_unchanged_files_alone);
    arena_free(&a);
    return check_summary();
}
