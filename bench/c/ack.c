/* ack: C baseline for programs/ack.scm. */
#include <stdio.h>
#include "bench.h"

static long ack(long m, long n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

int main(int argc, char **argv) {
  long reps = bench_arg(argc, argv, 0, 20), n = bench_arg(argc, argv, 1, 10), r = 0;
  for (long i = 0; i < reps; i++) r = ack(3, n);
  printf("%ld\n", r);
  return 0;
}
