/* applivery_otp_user: creates an OTP user with Applivery's createOtpUser through the generated
 * client, and prints the user created, the documented error, or what went wrong.
 * usage: API_TOKEN=<token> applivery_otp_user [BASE_URL]   (default: the documented one) */
#include <stdio.h>
#include <stdlib.h>

#include "applivery/applivery.h"
#include "print_result.h"

int main(int argc, char **argv)
{
    apigen_client_options opts;
    apigen_client_options_init(&opts); /* 10 s to connect, 30 s per call, TLS verified */
    opts.base_url = argc > 1 ? argv[1] : APPLIVERY_BASE_URL;
    opts.credential = getenv("API_TOKEN"); /* sent as "Authorization: Bearer <token>" */
    char err[256];
    apigen_client *client = apigen_client_new(&opts, err, sizeof err);
    if (!client) {
        fprintf(stderr, "applivery_otp_user: %s\n", err);
        return 2;
    }

    /* The request, from literals: the call reads it, never keeps or frees it. */
    applivery_create_otp_user_path_params path = {
        .organization_slug = "acme",
        .store_id = "6123456789abcdef01234567",
    };
    cJSON email = {.type = cJSON_String, .valuestring = "user@example.com"}; /* type: any */
    applivery_create_otp_user_request body = {
        .email = &email,
        .allowed_downloads_num = 3,
        .published_application_id = "6123456789abcdef01234567",
    };

    applivery_create_otp_user_result res;
    int ok = applivery_create_otp_user(client, &path, &body, &res) == APIGEN_RESULT_OK;
    if (ok && res.base.status == 200) {
        for (size_t i = 0; i < res.body.status_200.data_count; i++) {
            const applivery_otp_user *u = &res.body.status_200.data[i];
            printf("OTP user %s <%s>, %lld downloads allowed\n", u->id, u->email,
                   (long long)u->allowed_downloads_num);
        }
    } else if (ok) { /* a documented error (400, 404), decoded into its model */
        const applivery_error_response *e =
            res.base.status == 400 ? &res.body.status_400 : &res.body.status_404;
        printf("HTTP %d: error %lld (%s)\n", res.base.status, (long long)e->error.code,
               e->error.message ? e->error.message : "no message");
        ok = 0;
    } else {
        print_failure(&res.base);
    }
    applivery_create_otp_user_result_free(&res); /* whatever the outcome */
    apigen_client_free(client);
    applivery_cleanup();
    return ok ? 0 : 1;
}
