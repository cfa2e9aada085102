/* test_naming.c: a spec whose file name is not its API's name (pet-store.v2.yaml, api name
 * petstore), generated at build time, compiled with the house warnings and used here: the
 * header is found by the file's stem (pet-store/pet-store.h, which the generated .c includes
 * too), every C name carries the API's name (petstore_...). Usage: test_naming. */
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "pet-store/pet-store.h"

static void test_models_named_after_the_api(void)
{
    const char *json = "{\"name\":\"Rex\",\"age\":3}";
    petstore_pet pet;
    CHECK(petstore_pet_parse(json, strlen(json), &pet, NULL) == 0);
    CHECK_STR(pet.name, "Rex");
    CHECK(pet.age == 3);
    char *text = petstore_pet_print(&pet);
    CHECK_STR(text, json);
    free(text);
    petstore_pet_free(&pet);

    apigen_errors errs;
    const char *empty = "{\"name\":\"\"}"; /* minLength 1 */
    CHECK(petstore_pet_parse(empty, strlen(empty), &pet, &errs) == -1);
    CHECK(errs.count == 1);
    CHECK_STR(errs.items[0].path, "$.name");
}

static void test_operations_named_after_the_api(void)
{
    CHECK(petstore_operation_count == 1);
    CHECK_STR(petstore_operations[0].name, "petstore.getPet");
    CHECK(petstore_pet_model.field_count == 2);
}

int main(void)
{
    RUN_TEST(test_models_named_after_the_api);
    RUN_TEST(test_operations_named_after_the_api);
    petstore_cleanup();
    return check_summary();
}
