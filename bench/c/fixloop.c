/* fixloop: C baseline for programs/fixloop.scm. */
#include <stdio.h>
#include "bench.h"

static long collatz_length(long n) {
  long steps = 0;
  while (n != 1) {
    n = n % 2 == 0 ? n / 2 : 3 * n + 1;
    steps++;
  }
  return steps;
}

int main(int argc, char **argv) {
  long limit = bench_arg(argc, argv, 0, 2000000), total = 0, best = 0, best_i = 0;
  for (long i = 1; i <= limit; i++) {
    long len = collatz_length(i);
    total += len;
    if (len > best) { best = len; best_i = i; }
  }
  printf("(%ld %ld %ld)\n", total, best_i, best);
  return 0;
}
