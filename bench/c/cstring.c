/* cstring: C baseline for programs/cstring.scm. The loop is in this binary
 * and count_bytes in .work/ffi/libcstring.so (bench/run links it); C needs
 * no conversion: the literal already is a NUL-terminated UTF-8 string. */
#include <stdio.h>
#include "bench.h"

int count_bytes(const char *s);

int main(int argc, char **argv) {
  long n = bench_arg(argc, argv, 0, 20000000);
  long sum = 0;
  for (long i = 0; i < n; i++) sum += count_bytes("hello, world");
  printf("%ld\n", sum);
  return 0;
}
