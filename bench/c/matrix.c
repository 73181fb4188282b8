/* matrix: C baseline for programs/matrix.scm (row-pointer matrices, like
 * the Scheme vectors of vectors). */
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"

static double **make_matrix(long n) {
  double **m = malloc(n * sizeof *m);
  for (long i = 0; i < n; i++) m[i] = calloc(n, sizeof **m);
  return m;
}

int main(int argc, char **argv) {
  long n = bench_arg(argc, argv, 0, 200), reps = bench_arg(argc, argv, 1, 10);
  double **a = make_matrix(n), **b = make_matrix(n), t = 0.0;
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) {
      a[i][j] = (double)((i + 2 * j) % 7);
      b[i][j] = (double)((i * j) % 5 - 2);
    }
  for (long r = 0; r < reps; r++) {
    double **c = make_matrix(n), tr = 0.0;
    for (long i = 0; i < n; i++)
      for (long j = 0; j < n; j++) {
        double sum = 0.0;
        for (long k = 0; k < n; k++) sum += a[i][k] * b[k][j];
        c[i][j] = sum;
      }
    for (long i = 0; i < n; i++) tr += c[i][i];
    t += tr;
    for (long i = 0; i < n; i++) free(c[i]);
    free(c);
  }
  printf("%ld\n", (long)t);
  return 0;
}
