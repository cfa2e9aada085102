/* The consumer's program: reads a Shop account user with the code generated at its build. */
#include <stdio.h>
#include <string.h>

#include "shop/shop.h"

int main(void)
{
    const char *json = "{\"id\": \"u1\", \"full_name\": \"Ann\", \"total_shop\": 2}";
    shop_account_user u;
    apigen_errors errs;
    if (shop_account_user_parse(json, strlen(json), &u, &errs) != 0) {
        printf("parse failed: %s %s\n", errs.items[0].path, errs.items[0].message);
        return 1;
    }
    printf("%s %lld\n", u.full_name, (long long)u.total_shop);
    shop_account_user_free(&u);
    return 0;
}
