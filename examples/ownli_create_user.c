/* ownli_create_user: creates a user with Ownli's createUser through the generated client, and
 * prints the user created, the documented error, or what went wrong.
 * usage: API_TOKEN=<admin token> ownli_create_user BASE_URL */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ownli/ownli.h"
#include "print_result.h"

int main(int argc, char **argv)
{
    if (argc != 2) { /* the Ownli documentation gives no base URL */
        fprintf(stderr, "usage: API_TOKEN=<admin token> ownli_create_user BASE_URL\n");
        return 2;
    }
    apigen_client_options opts;
    apigen_client_options_init(&opts);
    opts.base_url = argv[1];
    opts.credential = getenv("API_TOKEN");
    opts.timeout_ms = 10000; /* per call; the default is 30 s */
    char err[256];
    apigen_client *client = apigen_client_new(&opts, err, sizeof err);
    if (!client) {
        fprintf(stderr, "ownli_create_user: %s\n", err);
        return 2;
    }

    /* The request, from literals: query, header parameters and body. */
    ownli_create_user_query_params query = {
        .has_return_existing_user_if_exists = true,
        .return_existing_user_if_exists = false, /* sent as ?returnExistingUserIfExists=false */
    };
    ownli_create_user_header_params headers = {.partner_id = "partner-1"};
    ownli_create_user_request body = {
        .first_name = "Jane",
        .last_name = "Doe",
        .email = "jane.doe@example.com",
        .phone = "+15556667777",
        .address = {.city = "Denver", .state = OWNLI_US_STATE_CODE_CO, .country = "US"},
    };

    ownli_create_user_result res;
    int ok = ownli_create_user(client, &query, &headers, &body, &res) == APIGEN_RESULT_OK;
    if (ok && res.base.status == 200) {
        printf("user %s: %s %s, registered %s\n", res.body.status_200.id,
               res.body.status_200.first_name, res.body.status_200.last_name,
               res.body.status_200.date_registered);
    } else if (ok && res.base.status == 409) { /* a documented error, its model decoded */
        const ownli_error_response *e = &res.body.status_409;
        printf("HTTP 409: %s%s\n", e->error_code,
               e->error_code && strcmp(e->error_code, OWNLI_ERROR_ERROR_USER_ALREADY_EXISTS) == 0
                   ? " (the user exists)"
                   : "");
        ok = 0;
    } else {
        print_failure(&res.base); /* 400, 401, 500 come here too: status and raw body */
        ok = 0;
    }
    ownli_create_user_result_free(&res);
    apigen_client_free(client);
    ownli_cleanup();
    return ok ? 0 : 1;
}
