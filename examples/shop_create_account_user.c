/* shop_create_account_user: adds a user to a Shop with createAccountUser through the generated
 * client, and prints the account created or what went wrong.
 * usage: API_TOKEN=<shop key> shop_create_account_user BASE_URL */
#include <stdio.h>
#include <stdlib.h>

#include "print_result.h"
#include "shop/shop.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: API_TOKEN=<shop key> shop_create_account_user BASE_URL\n");
        return 2;
    }
    apigen_client_options opts;
    apigen_client_options_init(&opts);
    opts.base_url = argv[1];
    opts.credential = getenv("API_TOKEN");
    char err[256];
    apigen_client *client = apigen_client_new(&opts, err, sizeof err);
    if (!client) {
        fprintf(stderr, "shop_create_account_user: %s\n", err);
        return 2;
    }

    /* password is sensitive: it never appears in violations or traces */
    shop_create_account_user_request body = {
        .full_name = "Jane Doe",
        .password = "correct horse battery staple",
        .phone = "+15556667777",
    };

    shop_create_account_user_result res;
    int ok = shop_create_account_user(client, &body, &res) == APIGEN_RESULT_OK;
    if (ok) { /* 200 is the only documented response */
        const shop_account_user *u = &res.body.status_200;
        printf("account user %s (%s), created %s\n", u->id, u->full_name, u->created_at);
    } else {
        print_failure(&res.base);
    }
    shop_create_account_user_result_free(&res);
    apigen_client_free(client);
    shop_cleanup();
    return ok ? 0 : 1;
}
