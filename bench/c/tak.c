/* tak: C baseline for programs/tak.scm. */
#include <stdio.h>
#include "bench.h"

static long tak(long x, long y, long z) {
  if (!(y < x)) return z;
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

int main(int argc, char **argv) {
  long n = bench_arg(argc, argv, 0, 5000), sum = 0;
  for (long i = 0; i < n; i++) sum += tak(18, 12, 6);
  printf("%ld\n", sum);
  return 0;
}
