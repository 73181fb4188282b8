/* mandelbrot: C baseline for programs/mandelbrot.scm (same operation order). */
#include <stdio.h>
#include "bench.h"

int main(int argc, char **argv) {
  long n = bench_arg(argc, argv, 0, 1500), count = 0;
  for (long y = 0; y < n; y++) {
    double ci = 2.0 * (double)y / (double)n - 1.0;
    for (long x = 0; x < n; x++) {
      double cr = 2.0 * (double)x / (double)n - 1.5, zr = 0.0, zi = 0.0;
      int i = 0;
      for (;;) {
        if (i == 50) { count++; break; }
        if (zr * zr + zi * zi > 4.0) break;
        double nzr = (zr * zr - zi * zi) + cr;
        zi = 2.0 * zr * zi + ci;
        zr = nzr;
        i++;
      }
    }
  }
  printf("%ld\n", count);
  return 0;
}
