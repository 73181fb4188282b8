/* cstring: the C side of programs/cstring.scm, built by bench/run into
 * .work/ffi/libcstring.so. A byte count of its own rather than libc's
 * strlen, so every implementation calls the same code through the shared
 * library and no compiler can inline or fold it. */
int count_bytes(const char *s) {
  int n = 0;
  while (s[n]) n++;
  return n;
}
