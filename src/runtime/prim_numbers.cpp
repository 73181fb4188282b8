// R7RS §6.2 primitives, part 1: number predicates, comparison, the four
// arithmetic operations, integer division and gcd/lcm.
//
// Variadic primitives check every argument's type first, so an error names
// the right argument position ("+: expected number as argument 3, got: a"),
// then fold with the generic operations of numbers.h.
#include <cmath>

#include "runtime/numbers.h"
#include "runtime/numbers_impl.h"
#include "runtime/primitive.h"

namespace kiln {
namespace {

using numimpl::IntView;

void check_all_numbers(const Args& a, uint32_t from = 0) {
  for (uint32_t i = from; i < a.size(); ++i) check_number(a.who, static_cast<int>(i + 1), a[i]);
}

Value number_arg(const Args& a, uint32_t i) {
  check_number(a.who, static_cast<int>(i + 1), a[i]);
  return a[i];
}

Value integer_arg(const Args& a, uint32_t i) {
  check_integer(a.who, static_cast<int>(i + 1), a[i]);
  return a[i];
}

}  // namespace

// --- type predicates -----------------------------------------------------------------

KILN_PRIMITIVE(prim_number_p, "number?", 1, 1, "(number? obj): #t if obj is a number.") {
  return Value::boolean(is_number(a[0]));
}
KILN_PRIMITIVE(prim_complex_p, "complex?", 1, 1, "(complex? obj): #t if obj is a number (every number is real).") {
  return Value::boolean(is_number(a[0]));
}
KILN_PRIMITIVE(prim_real_p, "real?", 1, 1, "(real? obj): #t if obj is a real number.") {
  return Value::boolean(is_real(a[0]));
}
KILN_PRIMITIVE(prim_rational_p, "rational?", 1, 1,
               "(rational? obj): #t if obj is an exact number or a finite flonum.") {
  return Value::boolean(is_rational(a[0]));
}
KILN_PRIMITIVE(prim_integer_p, "integer?", 1, 1, "(integer? obj): #t if obj is an exact integer or an integral flonum.") {
  return Value::boolean(is_integer(a[0]));
}
KILN_PRIMITIVE(prim_exact_p, "exact?", 1, 1, "(exact? z): #t if z is exact.") {
  return Value::boolean(is_exact(number_arg(a, 0)));
}
KILN_PRIMITIVE(prim_inexact_p, "inexact?", 1, 1, "(inexact? z): #t if z is inexact.") {
  return Value::boolean(!is_exact(number_arg(a, 0)));
}
KILN_PRIMITIVE(prim_exact_integer_p, "exact-integer?", 1, 1, "(exact-integer? obj): #t if obj is an exact integer.") {
  return Value::boolean(is_exact_integer(a[0]));
}
KILN_PRIMITIVE(prim_exact_rational_p, "exact-rational?", 1, 1,
               "(exact-rational? obj): #t if obj is an exact integer or exact ratio.") {
  return Value::boolean(is_exact_rational(a[0]));
}
KILN_PRIMITIVE(prim_exact_nonneg_p, "exact-nonnegative-integer?", 1, 1,
               "(exact-nonnegative-integer? obj): #t if obj is an exact integer >= 0.") {
  return Value::boolean(is_exact_integer(a[0]) && num_sign(a[0]) >= 0);
}
KILN_PRIMITIVE(prim_nan_p, "nan?", 1, 1, "(nan? x): #t if x is a NaN.") {
  return Value::boolean(is_nan(number_arg(a, 0)));
}
KILN_PRIMITIVE(prim_infinite_p, "infinite?", 1, 1, "(infinite? x): #t if x is +inf.0 or -inf.0.") {
  Value x = number_arg(a, 0);
  return Value::boolean(is_flonum(x) && std::isinf(flonum_value(x)));
}
KILN_PRIMITIVE(prim_finite_p, "finite?", 1, 1, "(finite? x): #t unless x is an infinity or a NaN.") {
  Value x = number_arg(a, 0);
  return Value::boolean(!is_flonum(x) || std::isfinite(flonum_value(x)));
}

// --- sign and parity --------------------------------------------------------------------

KILN_PRIMITIVE(prim_zero_p, "zero?", 1, 1, "(zero? z): #t if z is zero.") {
  return Value::boolean(num_sign(number_arg(a, 0), a.who) == 0 && !is_nan(a[0]));
}
KILN_PRIMITIVE(prim_positive_p, "positive?", 1, 1, "(positive? x): #t if x > 0.") {
  return Value::boolean(num_sign(number_arg(a, 0), a.who) > 0);
}
KILN_PRIMITIVE(prim_negative_p, "negative?", 1, 1, "(negative? x): #t if x < 0.") {
  return Value::boolean(num_sign(number_arg(a, 0), a.who) < 0);
}

namespace {
bool is_odd(const Args& a) {
  if (a[0].is_fixnum()) return a[0].as_fixnum() & 1;
  Value n = integer_arg(a, 0);
  if (n.is_fixnum()) return n.as_fixnum() & 1;
  if (is_flonum(n)) return std::fmod(flonum_value(n), 2.0) != 0;
  return mpz_odd_p(numimpl::bignum_mpz(n));
}
}  // namespace

KILN_PRIMITIVE(prim_odd_p, "odd?", 1, 1, "(odd? n): #t if the integer n is odd.") { return Value::boolean(is_odd(a)); }
KILN_PRIMITIVE(prim_even_p, "even?", 1, 1, "(even? n): #t if the integer n is even.") {
  return Value::boolean(!is_odd(a));
}

// --- comparison ------------------------------------------------------------------------------

namespace {

// Two fixnums: the common case of `+`, `<` ... passed as values (`(fold + 0
// l)`, `(sort l <)`), taken before the general loop.
bool two_fixnums(const Args& a) { return a.size() == 2 && a[0].is_fixnum() && a[1].is_fixnum(); }

// Every adjacent pair must satisfy `ok` (a NaN anywhere makes it false).
template <class Ok>
Value compare_chain(const Args& a, Ok ok) {
  if (two_fixnums(a)) {
    int64_t x = a[0].as_fixnum(), y = a[1].as_fixnum();
    return Value::boolean(ok(x < y ? -1 : x > y ? 1 : 0));
  }
  check_all_numbers(a);
  bool result = true;
  for (uint32_t i = 0; i + 1 < a.size() && result; ++i) {
    int c = num_compare(a[i], a[i + 1], a.who);
    result = c != kUnordered && ok(c);
  }
  return Value::boolean(result);
}

}  // namespace

KILN_PRIMITIVE(prim_num_eq, "=", 1, -1, "(= z1 z2 ...): #t if all arguments are numerically equal.") {
  return compare_chain(a, [](int c) { return c == 0; });
}
KILN_PRIMITIVE(prim_num_lt, "<", 1, -1, "(< x1 x2 ...): #t if the arguments are strictly increasing.") {
  return compare_chain(a, [](int c) { return c < 0; });
}
KILN_PRIMITIVE(prim_num_gt, ">", 1, -1, "(> x1 x2 ...): #t if the arguments are strictly decreasing.") {
  return compare_chain(a, [](int c) { return c > 0; });
}
KILN_PRIMITIVE(prim_num_le, "<=", 1, -1, "(<= x1 x2 ...): #t if the arguments are non-decreasing.") {
  return compare_chain(a, [](int c) { return c <= 0; });
}
KILN_PRIMITIVE(prim_num_ge, ">=", 1, -1, "(>= x1 x2 ...): #t if the arguments are non-increasing.") {
  return compare_chain(a, [](int c) { return c >= 0; });
}

namespace {

bool negative_zero(Value v) { return is_flonum(v) && flonum_value(v) == 0 && std::signbit(flonum_value(v)); }

// max/min: inexact if any argument is, NaN if any argument is. Of zeros,
// which compare equal, max is -0.0 only if every one is, and min is -0.0
// if any is (as IEEE 754's maximum and minimum).
Value extremum(const Args& a, int want) {
  check_all_numbers(a);
  Value best = a[0];
  bool inexact = is_flonum(best);
  for (uint32_t i = 1; i < a.size(); ++i) {
    inexact = inexact || is_flonum(a[i]);
    if (is_nan(best)) continue;
    int c = num_compare(a[i], best, a.who);
    if (c == kUnordered || c == want || (c == 0 && negative_zero(want > 0 ? best : a[i]))) best = a[i];
  }
  return inexact ? num_to_inexact(best) : best;
}

}  // namespace

KILN_PRIMITIVE(prim_max, "max", 1, -1, "(max x1 x2 ...): the largest argument (inexact if any argument is).") {
  return extremum(a, 1);
}
KILN_PRIMITIVE(prim_min, "min", 1, -1, "(min x1 x2 ...): the smallest argument (inexact if any argument is).") {
  return extremum(a, -1);
}

// --- arithmetic ---------------------------------------------------------------------------------

KILN_PRIMITIVE(prim_add, "+", 0, -1, "(+ z ...): the sum of the arguments (0 for none).") {
  if (two_fixnums(a)) {
    int64_t sum = a[0].as_fixnum() + a[1].as_fixnum();  // 63-bit operands: no int64 overflow
    if (Value::fits_fixnum(sum)) return Value::fixnum(sum);
  }
  check_all_numbers(a);
  Value sum = Value::fixnum(0);
  for (uint32_t i = 0; i < a.size(); ++i) sum = num_add(sum, a[i]);
  return sum;
}

KILN_PRIMITIVE(prim_mul, "*", 0, -1, "(* z ...): the product of the arguments (1 for none).") {
  check_all_numbers(a);
  Value product = Value::fixnum(1);
  for (uint32_t i = 0; i < a.size(); ++i) product = num_mul(product, a[i]);
  return product;
}

KILN_PRIMITIVE(prim_sub, "-", 1, -1, "(- z) negates z; (- z1 z2 ...) subtracts the rest from z1.") {
  if (two_fixnums(a)) {
    int64_t diff = a[0].as_fixnum() - a[1].as_fixnum();
    if (Value::fits_fixnum(diff)) return Value::fixnum(diff);
  }
  check_all_numbers(a);
  if (a.size() == 1) return num_neg(a[0]);
  Value diff = a[0];
  for (uint32_t i = 1; i < a.size(); ++i) diff = num_sub(diff, a[i]);
  return diff;
}

KILN_PRIMITIVE(prim_div, "/", 1, -1, "(/ z) is 1/z; (/ z1 z2 ...) divides z1 by the rest. Exact division gives rationals.") {
  check_all_numbers(a);
  if (a.size() == 1) return num_div(Value::fixnum(1), a[0]);
  Value q = a[0];
  for (uint32_t i = 1; i < a.size(); ++i) q = num_div(q, a[i]);
  return q;
}

KILN_PRIMITIVE(prim_abs, "abs", 1, 1, "(abs x): the absolute value of x.") { return num_abs(number_arg(a, 0)); }

KILN_PRIMITIVE(prim_square, "square", 1, 1, "(square z): z times z.") {
  return num_mul(number_arg(a, 0), a[0]);
}

// --- integer division ------------------------------------------------------------------------------

KILN_PRIMITIVE(prim_quotient, "quotient", 2, 2, "(quotient n1 n2): n1/n2 truncated toward zero.") {
  return num_quotient(a[0], a[1]);
}
KILN_PRIMITIVE(prim_remainder, "remainder", 2, 2, "(remainder n1 n2): the remainder of quotient, with n1's sign.") {
  return num_remainder(a[0], a[1]);
}
KILN_PRIMITIVE(prim_modulo, "modulo", 2, 2, "(modulo n1 n2): the remainder of floor division, with n2's sign.") {
  return num_modulo(a[0], a[1]);
}
KILN_PRIMITIVE(prim_truncate_quotient, "truncate-quotient", 2, 2, "(truncate-quotient n1 n2): same as quotient.") {
  Value q, r;
  num_truncate_div(a[0], a[1], &q, &r, a.who);
  return q;
}
KILN_PRIMITIVE(prim_truncate_remainder, "truncate-remainder", 2, 2, "(truncate-remainder n1 n2): same as remainder.") {
  Value q, r;
  num_truncate_div(a[0], a[1], &q, &r, a.who);
  return r;
}
KILN_PRIMITIVE(prim_truncate_div, "truncate/", 2, 2,
               "(truncate/ n1 n2): two values, the truncated quotient and its remainder.") {
  Value qr[2];
  num_truncate_div(a[0], a[1], &qr[0], &qr[1], a.who);
  return make_values(qr, 2);
}
KILN_PRIMITIVE(prim_floor_quotient, "floor-quotient", 2, 2, "(floor-quotient n1 n2): n1/n2 rounded toward -inf.") {
  Value q, r;
  num_floor_div(a[0], a[1], &q, &r, a.who);
  return q;
}
KILN_PRIMITIVE(prim_floor_remainder, "floor-remainder", 2, 2, "(floor-remainder n1 n2): same as modulo.") {
  Value q, r;
  num_floor_div(a[0], a[1], &q, &r, a.who);
  return r;
}
KILN_PRIMITIVE(prim_floor_div, "floor/", 2, 2, "(floor/ n1 n2): two values, the floored quotient and its remainder.") {
  Value qr[2];
  num_floor_div(a[0], a[1], &qr[0], &qr[1], a.who);
  return make_values(qr, 2);
}

KILN_PRIMITIVE(prim_gcd, "gcd", 0, -1, "(gcd n ...): the greatest common divisor (0 for none).") {
  for (uint32_t i = 0; i < a.size(); ++i) integer_arg(a, i);
  Value g = Value::fixnum(0);
  for (uint32_t i = 0; i < a.size(); ++i) g = num_gcd(g, a[i]);
  return g;
}

KILN_PRIMITIVE(prim_lcm, "lcm", 0, -1, "(lcm n ...): the least common multiple (1 for none).") {
  for (uint32_t i = 0; i < a.size(); ++i) integer_arg(a, i);
  Value l = Value::fixnum(1);
  for (uint32_t i = 0; i < a.size(); ++i) l = num_lcm(l, a[i]);
  return l;
}

// --- rationals ---------------------------------------------------------------------------------------

namespace {
Value rational_part(const Args& a, bool numerator) {
  Value q = a[0];
  if (!is_rational(q)) a.fail(0, "rational number");
  Value e = num_to_exact(q);
  Value part = numerator ? exact_numerator(e) : exact_denominator(e);
  return is_flonum(q) ? num_to_inexact(part) : part;
}
}  // namespace

KILN_PRIMITIVE(prim_numerator, "numerator", 1, 1, "(numerator q): the numerator of q in lowest terms.") {
  return rational_part(a, true);
}
KILN_PRIMITIVE(prim_denominator, "denominator", 1, 1, "(denominator q): the (positive) denominator of q in lowest terms.") {
  return rational_part(a, false);
}

}  // namespace kiln
