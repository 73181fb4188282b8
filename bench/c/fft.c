/* fft: C baseline for programs/fft.scm (same algorithm and operation order). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"

#define PI 3.141592653589793

static void fft(double *re, double *im, long n, double sign) {
  for (long i = 0, j = 0; i < n; i++) {
    if (i < j) {
      double tr = re[i], ti = im[i];
      re[i] = re[j]; im[i] = im[j];
      re[j] = tr; im[j] = ti;
    }
    long m = n / 2;
    while (m >= 1 && j >= m) { j -= m; m /= 2; }
    j += m;
  }
  for (long len = 2; len <= n; len *= 2) {
    long half = len / 2;
    double theta = sign * 2.0 * PI / (double)len;
    for (long k = 0; k < half; k++) {
      double wr = cos(theta * (double)k), wi = sin(theta * (double)k);
      for (long s = k; s < n; s += len) {
        long t = s + half;
        double xr = re[t], xi = im[t];
        double tr = wr * xr - wi * xi, ti = wr * xi + wi * xr;
        double ur = re[s], ui = im[s];
        re[s] = ur + tr; im[s] = ui + ti;
        re[t] = ur - tr; im[t] = ui - ti;
      }
    }
  }
}

int main(int argc, char **argv) {
  long log2n = bench_arg(argc, argv, 0, 16), reps = bench_arg(argc, argv, 1, 20);
  long n = 1L << log2n, peak = 0;
  double *re = calloc(n, sizeof *re), *im = calloc(n, sizeof *im),
         *orig = calloc(n, sizeof *orig);
  for (long i = 0; i < n; i++) re[i] = orig[i] = (double)((i * 7919) % 1000);
  for (long r = 0; r < reps; r++) {
    fft(re, im, n, -1.0);
    peak = (long)rint(fabs(re[0]));
    fft(re, im, n, 1.0);
    for (long i = 0; i < n; i++) {
      re[i] = re[i] / (double)n;
      im[i] = im[i] / (double)n;
    }
  }
  for (long i = 0; i < n; i++)
    if (fabs(re[i] - orig[i]) > 1e-6) { printf("fft-roundtrip-failed\n"); return 0; }
  printf("%ld\n", peak);
  return 0;
}
