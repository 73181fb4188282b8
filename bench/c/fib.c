/* fib: C baseline for programs/fib.scm. */
#include <stdio.h>
#include "bench.h"

static long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv) {
  printf("%ld\n", fib(bench_arg(argc, argv, 0, 40)));
  return 0;
}
