/* Shared helper for the C baselines: the Nth command-line argument as an
 * integer, or a default, mirroring bench-arg in the Scheme shims. */
#ifndef KILN_BENCH_H
#define KILN_BENCH_H
#include <stdlib.h>

static long bench_arg(int argc, char **argv, int n, long dflt) {
  return n + 1 < argc ? strtol(argv[n + 1], NULL, 10) : dflt;
}
#endif
