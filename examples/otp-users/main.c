/* otp_users: reads a createOtpUser 200 response from standard input with the generated
 * Applivery models, and lists the users, or every violation with its JSON path. */
#include <stdio.h>
#include <stdlib.h>

#include "applivery/applivery.h"

int main(void)
{
    static char body[1 << 20];
    size_t len = fread(body, 1, sizeof body, stdin);

    applivery_create_otp_user_response_200 resp;
    apigen_errors errs;
    if (applivery_create_otp_user_response_200_parse(body, len, &resp, &errs) != 0) {
        for (size_t i = 0; i < errs.count; i++)
            fprintf(stderr, "%s: %s: %s\n", errs.items[i].path,
                    apigen_code_name(errs.items[i].code), errs.items[i].message);
        return 1; /* a failed parse has released resp already */
    }
    for (size_t i = 0; i < resp.data_count; i++)
        printf("%s %s downloads=%lld\n", resp.data[i].id, resp.data[i].email,
               (long long)resp.data[i].allowed_downloads_num);
    applivery_create_otp_user_response_200_free(&resp);
    applivery_cleanup();
    return 0;
}
