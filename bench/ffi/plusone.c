/* plusone: the C side of programs/plusone.scm, built by bench/run into
 * .work/ffi/libplusone.so. Every implementation calls it through the shared
 * library, so no compiler can inline it into the loop. */
int plusone(int x) { return x + 1; }
