// The numeric tower's integer division families, gcd/lcm, rounding,
// powers, roots and rationalize.
//
// Integer operations accept integral flonums too (R7RS: `(quotient 7. 2)`
// is 3.); the result is then inexact. Exact operands stay exact, and
// results that could exhaust memory (huge powers) are refused up front.
#include <cmath>
#include <numeric>

#include "runtime/heap.h"
#include "runtime/numbers.h"
#include "runtime/numbers_impl.h"

namespace kiln {

using namespace numimpl;

// --- integer division ------------------------------------------------------------

namespace {

enum class DivKind { Truncate, Floor };

void divide(Value a, Value b, DivKind kind, Value* q, Value* r, const char* who) {
  check_integer(who, 1, a);
  check_integer(who, 2, b);
  if (is_flonum(a) || is_flonum(b)) {
    double x = num_to_double(a), y = num_to_double(b);
    if (y == 0) division_by_zero(who);
    double rem = std::fmod(x, y);  // exact, with the sign of x
    if (kind == DivKind::Floor && rem != 0 && (rem < 0) != (y < 0)) rem += y;
    if (q) *q = make_flonum(std::round((x - rem) / y));
    if (r) *r = make_flonum(rem);
    return;
  }
  if (b == Value::fixnum(0)) division_by_zero(who);
  if (a.is_fixnum() && b.is_fixnum()) {
    // Fixnums are 63-bit, so x / y cannot overflow int64 (kFixnumMin / -1
    // is 2^62, which make_integer turns into a bignum).
    int64_t x = a.as_fixnum(), y = b.as_fixnum();
    int64_t qq = x / y, rr = x % y;
    if (kind == DivKind::Floor && rr != 0 && (rr < 0) != (y < 0)) {
      qq -= 1;
      rr += y;
    }
    if (q) *q = make_integer(qq);
    if (r) *r = make_integer(rr);
    return;
  }
  IntView x(a), y(b);
  Mpz qz, rz;
  if (kind == DivKind::Floor) mpz_fdiv_qr(qz, rz, x, y);
  else mpz_tdiv_qr(qz, rz, x, y);
  if (q) *q = make_integer_mpz(qz);
  if (r) *r = make_integer_mpz(rz);
}

}  // namespace

Value num_quotient(Value a, Value b) {
  Value q;
  divide(a, b, DivKind::Truncate, &q, nullptr, "quotient");
  return q;
}

Value num_remainder(Value a, Value b) {
  Value r;
  divide(a, b, DivKind::Truncate, nullptr, &r, "remainder");
  return r;
}

Value num_modulo(Value a, Value b) {
  Value r;
  divide(a, b, DivKind::Floor, nullptr, &r, "modulo");
  return r;
}

Value num_floor_quotient(Value a, Value b) {
  Value q;
  divide(a, b, DivKind::Floor, &q, nullptr, "floor-quotient");
  return q;
}

void num_floor_div(Value a, Value b, Value* q, Value* r, const char* who) {
  divide(a, b, DivKind::Floor, q, r, who);
}

void num_truncate_div(Value a, Value b, Value* q, Value* r, const char* who) {
  divide(a, b, DivKind::Truncate, q, r, who);
}

// --- gcd and lcm ---------------------------------------------------------------------

namespace {

Value gcd_or_lcm(Value a, Value b, bool lcm, const char* who) {
  check_integer(who, 1, a);
  check_integer(who, 2, b);
  bool inexact = is_flonum(a) || is_flonum(b);
  Value x = num_to_exact(a), y = num_to_exact(b);
  Value result;
  if (!lcm && x.is_fixnum() && y.is_fixnum()) {
    result = make_integer(std::gcd(x.as_fixnum(), y.as_fixnum()));
  } else {
    IntView xv(x), yv(y);
    Mpz rz;
    if (lcm) mpz_lcm(rz, xv, yv);
    else mpz_gcd(rz, xv, yv);
    result = make_integer_mpz(rz);
  }
  return inexact ? num_to_inexact(result) : result;
}

}  // namespace

Value num_gcd(Value a, Value b) { return gcd_or_lcm(a, b, false, "gcd"); }
Value num_lcm(Value a, Value b) { return gcd_or_lcm(a, b, true, "lcm"); }

// --- rounding ------------------------------------------------------------------------

namespace {

enum class Rounding { Floor, Ceiling, Truncate, Nearest };

double round_half_even(double d) {
  double r = std::round(d);  // halves away from zero
  if (std::fabs(d - std::trunc(d)) == 0.5) r = 2.0 * std::round(d / 2.0);
  return r;
}

Value round_to_integer(Value v, Rounding mode, const char* who) {
  switch (kind_of(v)) {
    case NumKind::Fixnum:
    case NumKind::Bignum: return v;
    case NumKind::Flonum: {
      double d = flonum_value(v);
      switch (mode) {
        case Rounding::Floor: return make_flonum(std::floor(d));
        case Rounding::Ceiling: return make_flonum(std::ceil(d));
        case Rounding::Truncate: return make_flonum(std::trunc(d));
        case Rounding::Nearest: return make_flonum(round_half_even(d));
      }
      break;
    }
    case NumKind::Ratnum: {
      IntView n(v.as<Ratnum>()->num), d(v.as<Ratnum>()->den);
      Mpz q, r;
      switch (mode) {
        case Rounding::Floor: mpz_fdiv_q(q, n, d); break;
        case Rounding::Ceiling: mpz_cdiv_q(q, n, d); break;
        case Rounding::Truncate: mpz_tdiv_q(q, n, d); break;
        case Rounding::Nearest: {
          // q = floor(n/d), 0 < r < d; compare the fraction r/d with 1/2.
          mpz_fdiv_qr(q, r, n, d);
          mpz_mul_2exp(r, r, 1);
          int c = mpz_cmp(r, d);
          if (c > 0 || (c == 0 && mpz_odd_p(q.z))) mpz_add_ui(q, q, 1);
          break;
        }
      }
      return make_integer_mpz(q);
    }
    case NumKind::None: break;
  }
  type_error(who, 1, "real number", v);
}

}  // namespace

Value num_floor(Value v) { return round_to_integer(v, Rounding::Floor, "floor"); }
Value num_ceiling(Value v) { return round_to_integer(v, Rounding::Ceiling, "ceiling"); }
Value num_truncate(Value v) { return round_to_integer(v, Rounding::Truncate, "truncate"); }
Value num_round(Value v) { return round_to_integer(v, Rounding::Nearest, "round"); }

// --- powers --------------------------------------------------------------------------

namespace {

[[noreturn]] void expt_too_large(Value base, Value e) {
  error("expt: result too large to represent exactly", {base, e});
}

// base^n for an exact integer base and 0 <= n, refusing results beyond
// kMaxExptBits bits before GMP tries to allocate them.
void integer_power(mpz_ptr out, mpz_srcptr base, uint64_t n, Value vb, Value ve) {
  if (mpz_cmpabs_ui(base, 1) <= 0) {
    // 0, 1, -1: the size never grows.
    if (mpz_sgn(base) == 0) mpz_set_ui(out, n == 0 ? 1 : 0);
    else if (mpz_sgn(base) > 0 || n % 2 == 0) mpz_set_ui(out, 1);
    else mpz_set_si(out, -1);
    return;
  }
  uint64_t bits = mpz_sizeinbase(base, 2);
  if (n > kMaxExptBits || (bits - 1) * n > kMaxExptBits) expt_too_large(vb, ve);
  mpz_pow_ui(out, base, n);
}

Value exact_expt(Value base, Value e) {
  if (e == Value::fixnum(0)) return Value::fixnum(1);
  int esign = num_sign(e);
  if (esign < 0 && num_sign(base) == 0) division_by_zero("expt");
  uint64_t n;
  if (e.is_fixnum()) {
    int64_t en = e.as_fixnum();
    n = static_cast<uint64_t>(en < 0 ? -en : en);
  } else {
    // A bignum exponent: only 0, 1 and -1 give representable results.
    if (!is_exact_integer(base) || mpz_cmpabs_ui(IntView(base), 1) > 0) expt_too_large(base, e);
    n = mpz_odd_p(bignum_mpz(e)) ? 1 : 2;
  }
  Mpq r;
  {
    IntView num(exact_numerator(base)), den(exact_denominator(base));
    integer_power(mpq_numref(r.q), num, n, base, e);
    integer_power(mpq_denref(r.q), den, n, base, e);
  }
  // Powers of coprime numbers are coprime: r is already in lowest terms.
  if (esign < 0) mpq_inv(r, r);
  return make_rational_mpq(r);
}

// The exact k-th root of a non-negative exact rational, or kFalse.
Value exact_root(Value v, unsigned long k) {
  Mpz rn, rd;
  if (!mpz_root(rn, IntView(exact_numerator(v)), k)) return kFalse;
  if (!mpz_root(rd, IntView(exact_denominator(v)), k)) return kFalse;
  return make_rational(make_integer_mpz(rn), make_integer_mpz(rd));
}

}  // namespace

Value num_expt(Value base, Value e) {
  check_number("expt", 1, base);
  check_number("expt", 2, e);
  if (is_exact_integer(e) && is_exact_rational(base)) return exact_expt(base, e);
  // An exact non-negative base to a small rational power: exact when the
  // root is exact ((expt 4 1/2) => 2).
  if (is_ratnum(e) && is_exact_rational(base) && num_sign(base) >= 0) {
    Value den = exact_denominator(e);
    if (den.is_fixnum() && den.as_fixnum() <= 64) {
      Value root = exact_root(base, static_cast<unsigned long>(den.as_fixnum()));
      if (root != kFalse) return exact_expt(root, exact_numerator(e));
    }
  }
  double x = num_to_double(base), y = num_to_double(e);
  if (x < 0 && std::isfinite(y) && y != std::trunc(y)) {
    error("expt: complex numbers not supported", {base, e});
  }
  return make_flonum(std::pow(x, y));
}

// --- roots ---------------------------------------------------------------------------

namespace {

// sqrt of a non-negative exact integer as a double, also when it is too big
// for a double itself: z = m * 2^e with e made even.
double integer_sqrt_double(mpz_srcptr z) {
  if (mpz_sizeinbase(z, 2) < 1000) {
    Mpz one;
    mpz_set_ui(one, 1);
    return std::sqrt(ratio_to_double(z, one));
  }
  long e;
  double m = mpz_get_d_2exp(&e, z);
  if (e % 2 != 0) {
    m *= 2;
    e -= 1;
  }
  return std::ldexp(std::sqrt(m), static_cast<int>(e / 2));
}

}  // namespace

Value num_sqrt(Value v) {
  check_number("sqrt", 1, v);
  if (is_flonum(v)) {
    double d = flonum_value(v);
    if (d < 0) error("sqrt: complex numbers not supported", {v});
    return make_flonum(std::sqrt(d));
  }
  if (num_sign(v) < 0) error("sqrt: complex numbers not supported", {v});
  Value root = exact_root(v, 2);
  if (root != kFalse) return root;
  if (is_ratnum(v)) return make_flonum(std::sqrt(num_to_double(v)));
  return make_flonum(integer_sqrt_double(IntView(v)));
}

// --- rationalize -----------------------------------------------------------------------

namespace {

// The simplest rational in [lo, hi], for exact 0 < lo <= hi: the one with
// the smallest denominator (and then numerator), found by walking the two
// bounds' continued fractions until they part.
Value simplest_between(Value lo, Value hi) {
  Value fl = num_floor(lo);
  if (num_eq(fl, lo)) return fl;
  if (num_lt(fl, num_floor(hi))) return num_add(fl, Value::fixnum(1));
  Value one = Value::fixnum(1);
  Value rest = simplest_between(num_div(one, num_sub(hi, fl)), num_div(one, num_sub(lo, fl)));
  return num_add(fl, num_div(one, rest));
}

}  // namespace

Value num_rationalize(Value x, Value y) {
  if (!is_number(x)) type_error("rationalize", 1, "real number", x);
  if (!is_number(y)) type_error("rationalize", 2, "real number", y);
  bool inexact = is_flonum(x) || is_flonum(y);
  if (inexact) {
    double dx = num_to_double(x), dy = num_to_double(y);
    if (std::isnan(dx) || std::isnan(dy)) return make_flonum(NAN);
    if (std::isinf(dy)) return make_flonum(std::isinf(dx) ? NAN : 0.0);
    if (std::isinf(dx)) return make_flonum(dx);
  }
  Value ex = num_to_exact(x), ey = num_abs(num_to_exact(y));
  Value lo = num_sub(ex, ey), hi = num_add(ex, ey);
  Value r;
  if (num_sign(lo) > 0) r = simplest_between(lo, hi);
  else if (num_sign(hi) < 0) r = num_neg(simplest_between(num_neg(hi), num_neg(lo)));
  else r = Value::fixnum(0);
  return inexact ? num_to_inexact(r) : r;
}

// --- logarithms ------------------------------------------------------------------------

double num_log(Value v) {
  switch (kind_of(v)) {
    case NumKind::Bignum: {
      // Beyond the double range: log(m * 2^e) = log(m) + e log 2.
      if (mpz_sgn(bignum_mpz(v)) < 0) return NAN;
      long e;
      double m = mpz_get_d_2exp(&e, bignum_mpz(v));
      return std::log(m) + static_cast<double>(e) * M_LN2;
    }
    case NumKind::Ratnum: {
      double d = num_to_double(v);
      if (d != 0 && std::isfinite(d)) return std::log(d);
      return num_log(v.as<Ratnum>()->num) - num_log(v.as<Ratnum>()->den);
    }
    default: return std::log(num_to_double(v));
  }
}

}  // namespace kiln
