/* reserved_names: reads identifiers, one a line, and prints those the generator's reserved-word
 * table (generator/names.c) does not hold; exit 1 when there is one. compile_headers.sh feeds it
 * the macros `cc -dM` lists, so a header's macro the table misses fails the test. */
#include <stdio.h>
#include <string.h>

#include "names.h"

int main(void)
{
    char line[512];
    int missing = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] != '\0' && !names_is_reserved(line)) {
            printf("not in the reserved-word table: %s\n", line);
            missing = 1;
        }
    }
    return missing;
}
