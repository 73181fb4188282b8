/* sieve: C baseline for programs/sieve.scm. */
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"

static long count_primes(long n) {
  char *v = malloc(n + 1);
  long count = 0;
  for (long i = 0; i <= n; i++) v[i] = 1;
  for (long i = 2; i <= n; i++) {
    if (v[i]) {
      for (long j = i * i; j <= n; j += i) v[j] = 0;
      count++;
    }
  }
  free(v);
  return count;
}

int main(int argc, char **argv) {
  long n = bench_arg(argc, argv, 0, 1000000), reps = bench_arg(argc, argv, 1, 80), r = 0;
  for (long i = 0; i < reps; i++) r = count_primes(n);
  printf("%ld\n", r);
  return 0;
}
