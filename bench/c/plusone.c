/* plusone: C baseline for programs/plusone.scm. The loop is in this binary
 * and plusone in .work/ffi/libplusone.so (bench/run links it), so every call
 * goes through the PLT as a call into any shared library does. */
#include <stdio.h>
#include "bench.h"

int plusone(int x);

int main(int argc, char **argv) {
  int n = (int)bench_arg(argc, argv, 0, 100000000);
  int x = 0;
  while (x < n) x = plusone(x);
  printf("%d\n", x);
  return 0;
}
