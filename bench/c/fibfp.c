/* fibfp: C baseline for programs/fibfp.scm. */
#include <stdio.h>
#include "bench.h"

static double fibfp(double n) { return n < 2.0 ? n : fibfp(n - 1.0) + fibfp(n - 2.0); }

int main(int argc, char **argv) {
  printf("%ld\n", (long)fibfp((double)bench_arg(argc, argv, 0, 35)));
  return 0;
}
