/* bench_exec: runs one command once and prints its wall time and peak memory.
 *
 *   bench_exec [-o OUTFILE] -- COMMAND [ARG]...
 *
 * Prints one line on stdout: "WALL_MS MAXRSS_KB STATUS USER_MS SYS_MS", where WALL_MS is
 * the wall time from fork to reaping the child (CLOCK_MONOTONIC, milliseconds with three
 * decimals), MAXRSS_KB the child's peak resident set size (ru_maxrss from wait4), STATUS its
 * exit status (128+N when killed by signal N), USER_MS and SYS_MS its CPU time in user space
 * and in the kernel (page faults, file writes). The child's stdout goes to OUTFILE (default
 * /dev/null); its stderr is inherited. Exit status: 0 when the command exited 0, 1 when it
 * failed, 2 when it could not be run. Needs no /usr/bin/time. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    const char *outfile = "/dev/null";
    int i = 1, status, code;
    struct rusage ru;
    double start, wall;
    pid_t pid;

    if (i + 1 < argc && strcmp(argv[i], "-o") == 0) {
        outfile = argv[i + 1];
        i += 2;
    }
    if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc) {
        fprintf(stderr, "usage: bench_exec [-o OUTFILE] -- COMMAND [ARG]...\n");
        return 2;
    }
    i++;
    fflush(NULL);
    start = now_ms();
    pid = fork();
    if (pid < 0) {
        perror("bench_exec: fork");
        return 2;
    }
    if (pid == 0) {
        int fd = open(outfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
            perror("bench_exec: output");
            _exit(127);
        }
        close(fd);
        execvp(argv[i], &argv[i]);
        fprintf(stderr, "bench_exec: %s: %s\n", argv[i], strerror(errno));
        _exit(127);
    }
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            perror("bench_exec: wait4");
            return 2;
        }
    }
    wall = now_ms() - start;
    if (WIFEXITED(status))
        code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        code = 128 + WTERMSIG(status);
    else
        code = 255;
    printf("%.3f %ld %d %.3f %.3f\n", wall, ru.ru_maxrss, code,
           (double)ru.ru_utime.tv_sec * 1e3 + (double)ru.ru_utime.tv_usec / 1e3,
           (double)ru.ru_stime.tv_sec * 1e3 + (double)ru.ru_stime.tv_usec / 1e3);
    if (code == 127)
        return 2;
    return code == 0 ? 0 : 1;
}
