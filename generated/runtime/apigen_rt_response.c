/* apigen_rt_response.c: decoding an HTTP response into an operation's typed result, with no I/O
 * (apigen_response_decode, apigen_rt.h). Placeholder until the decoder lands. */

#include "apigen_rt_internal.h"

void apigen_result_init(apigen_result *res)
{
    memset(res, 0, sizeof *res);
}
