// R7RS §6.2 primitives, part 2: rounding, powers and roots, transcendental
// functions, exactness conversion, number <-> string, and (as an extension
// in SRFI 151's names) bitwise operations on exact integers.
//
// There are no complex numbers: where R7RS would return a non-real complex
// ((sqrt -1), (log -1), (asin 2)) these raise "<who>: complex numbers not
// supported" instead of returning a NaN that would hide the mistake.
#include <cmath>

#include "runtime/numbers.h"
#include "runtime/numbers_impl.h"
#include "runtime/primitive.h"

namespace kiln {
namespace {

using numimpl::IntView;
using numimpl::Mpz;

Value number_arg(const Args& a, uint32_t i) {
  check_number(a.who, static_cast<int>(i + 1), a[i]);
  return a[i];
}

Value exact_integer_arg(const Args& a, uint32_t i) {
  check_exact_integer(a.who, static_cast<int>(i + 1), a[i]);
  return a[i];
}

[[noreturn]] void not_complex(const Args& a) {
  error(std::string(a.who) + ": complex numbers not supported", {a[0]});
}

// A real function of one real argument, defined on [lo, hi].
Value real_function(const Args& a, double (*f)(double), double lo = -HUGE_VAL, double hi = HUGE_VAL) {
  double x = num_to_double(number_arg(a, 0));
  if (x < lo || x > hi) not_complex(a);
  return make_flonum(f(x));
}

}  // namespace

// --- rounding -------------------------------------------------------------------------------

KILN_PRIMITIVE(prim_floor, "floor", 1, 1, "(floor x): the largest integer <= x.") { return num_floor(a[0]); }
KILN_PRIMITIVE(prim_ceiling, "ceiling", 1, 1, "(ceiling x): the smallest integer >= x.") { return num_ceiling(a[0]); }
KILN_PRIMITIVE(prim_truncate, "truncate", 1, 1, "(truncate x): x rounded toward zero.") { return num_truncate(a[0]); }
KILN_PRIMITIVE(prim_round, "round", 1, 1, "(round x): x rounded to the nearest integer, halves to even.") {
  return num_round(a[0]);
}
KILN_PRIMITIVE(prim_rationalize, "rationalize", 2, 2,
               "(rationalize x y): the simplest rational differing from x by no more than y.") {
  return num_rationalize(a[0], a[1]);
}

// --- transcendental functions ---------------------------------------------------------------------

KILN_PRIMITIVE(prim_exp, "exp", 1, 1, "(exp z): e to the power z.") {
  return real_function(a, [](double x) { return std::exp(x); });
}

KILN_PRIMITIVE(prim_log, "log", 1, 2, "(log z) is the natural logarithm of z; (log z b) the logarithm in base b.") {
  Value z = number_arg(a, 0);
  if (num_sign(z) < 0) not_complex(a);
  double l = num_log(z);
  if (!a.has(1)) return make_flonum(l);
  Value b = number_arg(a, 1);
  if (num_sign(b) < 0) error("log: complex numbers not supported", {b});
  return make_flonum(l / num_log(b));
}

KILN_PRIMITIVE(prim_sin, "sin", 1, 1, "(sin z): the sine of z (radians).") {
  return real_function(a, [](double x) { return std::sin(x); });
}
KILN_PRIMITIVE(prim_cos, "cos", 1, 1, "(cos z): the cosine of z (radians).") {
  return real_function(a, [](double x) { return std::cos(x); });
}
KILN_PRIMITIVE(prim_tan, "tan", 1, 1, "(tan z): the tangent of z (radians).") {
  return real_function(a, [](double x) { return std::tan(x); });
}
KILN_PRIMITIVE(prim_asin, "asin", 1, 1, "(asin z): the arcsine of z, for -1 <= z <= 1.") {
  return real_function(a, [](double x) { return std::asin(x); }, -1, 1);
}
KILN_PRIMITIVE(prim_acos, "acos", 1, 1, "(acos z): the arccosine of z, for -1 <= z <= 1.") {
  return real_function(a, [](double x) { return std::acos(x); }, -1, 1);
}
KILN_PRIMITIVE(prim_atan, "atan", 1, 2, "(atan z) is the arctangent of z; (atan y x) the angle of the point (x, y).") {
  double y = num_to_double(number_arg(a, 0));
  if (!a.has(1)) return make_flonum(std::atan(y));
  return make_flonum(std::atan2(y, num_to_double(number_arg(a, 1))));
}

// --- powers and roots --------------------------------------------------------------------------------

KILN_PRIMITIVE(prim_sqrt, "sqrt", 1, 1, "(sqrt z): the square root of z; exact for exact perfect squares.") {
  return num_sqrt(a[0]);
}

KILN_PRIMITIVE(prim_exact_integer_sqrt, "exact-integer-sqrt", 1, 1,
               "(exact-integer-sqrt k): two values s and r with s*s + r = k and s*s <= k < (s+1)*(s+1).") {
  Value k = a[0];
  if (!is_exact_integer(k) || num_sign(k) < 0) a.fail(0, "non-negative exact integer");
  Mpz s, r;
  mpz_sqrtrem(s, r, IntView(k));
  Value sr[2] = {make_integer_mpz(s), make_integer_mpz(r)};
  return make_values(sr, 2);
}

KILN_PRIMITIVE(prim_expt, "expt", 2, 2,
               "(expt z1 z2): z1 to the power z2; exact for an exact base and an exact integer exponent.") {
  return num_expt(a[0], a[1]);
}

// --- exactness -------------------------------------------------------------------------------------------

KILN_PRIMITIVE(prim_exact, "exact", 1, 1, "(exact z): the exact number nearest z (a flonum's exact value).") {
  return num_to_exact(a[0]);
}
KILN_PRIMITIVE(prim_inexact, "inexact", 1, 1, "(inexact z): the flonum nearest z.") {
  return num_to_inexact(number_arg(a, 0));
}
KILN_PRIMITIVE(prim_inexact_to_exact, "inexact->exact", 1, 1, "(inexact->exact z): same as exact.") {
  check_number(a.who, 1, a[0]);
  return num_to_exact(a[0]);
}
KILN_PRIMITIVE(prim_exact_to_inexact, "exact->inexact", 1, 1, "(exact->inexact z): same as inexact.") {
  return num_to_inexact(number_arg(a, 0));
}

// --- text ----------------------------------------------------------------------------------------------------

namespace {
int radix_arg(const Args& a, uint32_t i) {
  if (!a.has(i)) return 10;
  int64_t r = a[i].is_fixnum() ? a[i].as_fixnum() : 0;
  if (r != 2 && r != 8 && r != 10 && r != 16) a.fail(i, "radix 2, 8, 10 or 16");
  return static_cast<int>(r);
}
}  // namespace

KILN_PRIMITIVE(prim_number_to_string, "number->string", 1, 2,
               "(number->string z [radix]): z written in radix 2, 8, 10 (default) or 16.") {
  Value z = number_arg(a, 0);
  return make_string(number_to_string(z, radix_arg(a, 1)));
}

KILN_PRIMITIVE(prim_string_to_number, "string->number", 1, 2,
               "(string->number string [radix]): the number the string denotes, or #f.") {
  Value s = a.string(0);
  return parse_number(string_to_utf8(s), radix_arg(a, 1));
}

// --- bitwise operations on exact integers (two's complement semantics) -----------------------------------

namespace {

enum class BitOp { And, Ior, Xor };

Value bitwise_fold(const Args& a, BitOp op, int64_t identity) {
  for (uint32_t i = 0; i < a.size(); ++i) exact_integer_arg(a, i);
  Value acc = Value::fixnum(identity);
  for (uint32_t i = 0; i < a.size(); ++i) {
    if (acc.is_fixnum() && a[i].is_fixnum()) {
      // Tagged words: the tag bit is 0 in both, so it stays 0.
      uint64_t x = acc.raw, y = a[i].raw;
      acc = Value::from_raw(op == BitOp::And ? (x & y) : op == BitOp::Ior ? (x | y) : (x ^ y));
      continue;
    }
    Mpz r;
    IntView x(acc), y(a[i]);
    if (op == BitOp::And) mpz_and(r, x, y);
    else if (op == BitOp::Ior) mpz_ior(r, x, y);
    else mpz_xor(r, x, y);
    acc = make_integer_mpz(r);
  }
  return acc;
}

}  // namespace

KILN_PRIMITIVE(prim_bitwise_and, "bitwise-and", 0, -1, "(bitwise-and n ...): bitwise AND (-1 for none).") {
  return bitwise_fold(a, BitOp::And, -1);
}
KILN_PRIMITIVE(prim_bitwise_ior, "bitwise-ior", 0, -1, "(bitwise-ior n ...): bitwise inclusive OR (0 for none).") {
  return bitwise_fold(a, BitOp::Ior, 0);
}
KILN_PRIMITIVE(prim_bitwise_xor, "bitwise-xor", 0, -1, "(bitwise-xor n ...): bitwise exclusive OR (0 for none).") {
  return bitwise_fold(a, BitOp::Xor, 0);
}
KILN_PRIMITIVE(prim_bitwise_not, "bitwise-not", 1, 1, "(bitwise-not n): -n - 1.") {
  return num_sub(Value::fixnum(-1), exact_integer_arg(a, 0));
}

KILN_PRIMITIVE(prim_arithmetic_shift, "arithmetic-shift", 2, 2,
               "(arithmetic-shift n count): n * 2^count, floored (count < 0 shifts right).") {
  Value n = exact_integer_arg(a, 0);
  Value c = exact_integer_arg(a, 1);
  if (num_sign(n) == 0) return n;
  int64_t count;
  if (!integer_to_int64(c, &count)) {
    if (num_sign(c) > 0) error("arithmetic-shift: result too large", {n, c});
    return Value::fixnum(num_sign(n) < 0 ? -1 : 0);
  }
  Mpz r;
  IntView x(n);
  if (count >= 0) {
    if (static_cast<uint64_t>(count) > kMaxExptBits) error("arithmetic-shift: result too large", {n, c});
    mpz_mul_2exp(r, x, static_cast<mp_bitcnt_t>(count));
  } else {
    uint64_t s = count == INT64_MIN ? UINT64_MAX : static_cast<uint64_t>(-count);
    if (s > mpz_sizeinbase(x, 2) + 1) return Value::fixnum(num_sign(n) < 0 ? -1 : 0);
    mpz_fdiv_q_2exp(r, x, static_cast<mp_bitcnt_t>(s));
  }
  return make_integer_mpz(r);
}

KILN_PRIMITIVE(prim_bit_count, "bit-count", 1, 1,
               "(bit-count n): the number of 1 bits in n, or of 0 bits if n is negative.") {
  Value n = exact_integer_arg(a, 0);
  Mpz z;
  integer_to_mpz(n, z);
  if (mpz_sgn(z.z) < 0) mpz_com(z, z);
  return make_integer(static_cast<int64_t>(mpz_popcount(z)));
}

KILN_PRIMITIVE(prim_integer_length, "integer-length", 1, 1,
               "(integer-length n): the number of bits needed to represent n in two's complement, sign excluded.") {
  Value n = exact_integer_arg(a, 0);
  Mpz z;
  integer_to_mpz(n, z);
  if (mpz_sgn(z.z) < 0) mpz_com(z, z);
  if (mpz_sgn(z.z) == 0) return Value::fixnum(0);
  return make_integer(static_cast<int64_t>(mpz_sizeinbase(z, 2)));
}

}  // namespace kiln
