// The numeric tower's representation and its generic arithmetic.
//
// Exact integers are fixnums or (normalized) bignums; exact non-integers
// are ratnums in lowest terms; inexact numbers are flonums. Every operation
// dispatches on the two operands' kinds: fixnum pairs take an overflow-
// checked fast path, other integers go through GMP's mpz, rationals through
// mpq, and anything involving a flonum is done in doubles.
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>

#include "runtime/heap.h"
#include "runtime/numbers.h"
#include "runtime/numbers_impl.h"

namespace kiln {

using namespace numimpl;

// --- classification ------------------------------------------------------------

bool is_number(Value v) { return kind_of(v) != NumKind::None; }
bool is_real(Value v) { return is_number(v); }

bool is_rational(Value v) {
  switch (kind_of(v)) {
    case NumKind::Flonum: return std::isfinite(flonum_value(v));
    case NumKind::None: return false;
    default: return true;
  }
}

bool is_integer(Value v) {
  switch (kind_of(v)) {
    case NumKind::Fixnum:
    case NumKind::Bignum: return true;
    case NumKind::Flonum: {
      double d = flonum_value(v);
      return std::isfinite(d) && d == std::trunc(d);
    }
    default: return false;
  }
}

bool is_exact(Value v) {
  NumKind k = kind_of(v);
  if (k == NumKind::None) type_error("exact?", 1, "number", v);
  return k != NumKind::Flonum;
}

bool is_exact_integer(Value v) { return v.is_fixnum() || is_bignum(v); }

bool is_exact_rational(Value v) {
  NumKind k = kind_of(v);
  return k == NumKind::Fixnum || k == NumKind::Bignum || k == NumKind::Ratnum;
}

bool is_nan(Value v) { return is_flonum(v) && std::isnan(flonum_value(v)); }

void check_number(const char* who, int argpos, Value v) {
  if (!is_number(v)) type_error(who, argpos, "number", v);
}

void check_exact_integer(const char* who, int argpos, Value v) {
  if (!is_exact_integer(v)) type_error(who, argpos, "exact integer", v);
}

void check_integer(const char* who, int argpos, Value v) {
  if (!is_integer(v)) type_error(who, argpos, "integer", v);
}

// --- construction --------------------------------------------------------------

namespace numimpl {

void division_by_zero(const char* who) { error(std::string(who) + ": division by zero"); }

void rational_to_mpq(Value v, mpq_ptr out) {
  if (is_ratnum(v)) {
    integer_to_mpz(v.as<Ratnum>()->num, mpq_numref(out));
    integer_to_mpz(v.as<Ratnum>()->den, mpq_denref(out));
  } else {
    integer_to_mpz(v, mpq_numref(out));
    mpz_set_ui(mpq_denref(out), 1);
  }
}

static Value make_ratnum(Value n, Value d) {
  Ratnum* r = gc_new<Ratnum>(Type::Ratnum, sizeof(Ratnum));
  r->num = n;
  r->den = d;
  return Value::object(r);
}

Value make_rational_mpq(mpq_srcptr q) {
  Value n = make_integer_mpz(mpq_numref(q));
  if (mpz_cmp_ui(mpq_denref(q), 1) == 0) return n;
  return make_ratnum(n, make_integer_mpz(mpq_denref(q)));
}

// Rounds |n|/d to 53 bits by hand, because mpz_get_d and mpq_get_d truncate.
// q = floor(n * 2^s / d) is taken with at least 55 significant bits plus a
// sticky bit for the remainder, then cut at the double's precision (fewer
// bits for subnormals), so the rounding happens exactly once.
double ratio_to_double(mpz_srcptr n, mpz_srcptr d) {
  int sign = mpz_sgn(n);
  if (sign == 0) return 0.0;
  Mpz a, b, q, r;
  mpz_abs(a, n);
  mpz_set(b, d);
  int64_t e = static_cast<int64_t>(mpz_sizeinbase(a, 2)) - static_cast<int64_t>(mpz_sizeinbase(b, 2));
  if (e > 1100) return sign * HUGE_VAL;
  if (e < -1200) return sign * 0.0;
  int64_t s = 56 - e;  // makes q > 2^55
  if (s > 0) mpz_mul_2exp(a, a, s);
  else mpz_mul_2exp(b, b, -s);
  mpz_tdiv_qr(q, r, a, b);
  bool sticky = mpz_sgn(r.z) != 0;
  uint64_t qi = mpz_get_ui(q);  // q < 2^57
  int64_t lq = 64 - std::countl_zero(qi);
  int64_t exp = lq - 1 - s;  // floor(log2(|n/d|))
  int64_t ulp_exp = std::max<int64_t>(exp - 52, -1074);
  int64_t drop = ulp_exp + s;
  if (drop >= 60) return sign * 0.0;
  uint64_t m = qi >> drop;
  uint64_t rest = qi & ((uint64_t{1} << drop) - 1);
  uint64_t half = uint64_t{1} << (drop - 1);
  if (rest > half || (rest == half && (sticky || (m & 1)))) ++m;
  return sign * std::ldexp(static_cast<double>(m), static_cast<int>(ulp_exp));
}

}  // namespace numimpl

void integer_to_mpz(Value v, mpz_ptr out) {
  if (v.is_fixnum()) mpz_set_si(out, v.as_fixnum());
  else mpz_set(out, bignum_mpz(v));
}

Value make_integer_mpz(mpz_srcptr z) {
  if (mpz_fits_slong_p(z)) {
    long n = mpz_get_si(z);
    if (Value::fits_fixnum(n)) return Value::fixnum(n);
  }
  Bignum* b = gc_new<Bignum>(Type::Bignum, sizeof(Bignum));
  mpz_init_set(b->z, z);
  return Value::object(b);
}

Value make_rational(Value n, Value d, const char* who) {
  if (d == Value::fixnum(0)) division_by_zero(who);
  if (n.is_fixnum() && d.is_fixnum()) {
    // Fixnum magnitudes are below 2^62, so negation cannot overflow.
    int64_t nn = n.as_fixnum(), dd = d.as_fixnum();
    int64_t g = std::gcd(nn, dd);
    nn /= g;
    dd /= g;
    if (dd < 0) {
      nn = -nn;
      dd = -dd;
    }
    if (dd == 1) return make_integer(nn);
    return make_ratnum(make_integer(nn), make_integer(dd));
  }
  Mpq q;
  integer_to_mpz(n, mpq_numref(q.q));
  integer_to_mpz(d, mpq_denref(q.q));
  mpq_canonicalize(q);
  return make_rational_mpq(q);
}

Value exact_numerator(Value v) { return is_ratnum(v) ? v.as<Ratnum>()->num : v; }
Value exact_denominator(Value v) { return is_ratnum(v) ? v.as<Ratnum>()->den : Value::fixnum(1); }

// --- arithmetic ------------------------------------------------------------------

namespace {

enum class Op { Add, Sub, Mul, Div };

double apply_double(Op op, double x, double y) {
  switch (op) {
    case Op::Add: return x + y;
    case Op::Sub: return x - y;
    case Op::Mul: return x * y;
    case Op::Div: return x / y;
  }
  return 0;
}

Value arith(Op op, Value a, Value b, const char* who) {
  NumKind ka = kind_of(a), kb = kind_of(b);
  if (ka == NumKind::None) type_error(who, 1, "number", a);
  if (kb == NumKind::None) type_error(who, 2, "number", b);

  if (ka == NumKind::Flonum || kb == NumKind::Flonum) {
    return make_flonum(apply_double(op, num_to_double(a), num_to_double(b)));
  }
  if (ka == NumKind::Fixnum && kb == NumKind::Fixnum) {
    int64_t x = a.as_fixnum(), y = b.as_fixnum(), r;
    switch (op) {
      case Op::Add: return make_integer(x + y);  // |x + y| < 2^63: no overflow
      case Op::Sub: return make_integer(x - y);
      case Op::Mul:
        if (!__builtin_mul_overflow(x, y, &r)) return make_integer(r);
        break;
      case Op::Div: return make_rational(a, b, who);
    }
  }
  if (ka != NumKind::Ratnum && kb != NumKind::Ratnum) {
    if (op == Op::Div) return make_rational(a, b, who);
    IntView x(a), y(b);
    Mpz r;
    switch (op) {
      case Op::Add: mpz_add(r, x, y); break;
      case Op::Sub: mpz_sub(r, x, y); break;
      default: mpz_mul(r, x, y); break;
    }
    return make_integer_mpz(r);
  }
  if (op == Op::Div && b == Value::fixnum(0)) division_by_zero(who);
  Mpq x, y, r;
  rational_to_mpq(a, x);
  rational_to_mpq(b, y);
  switch (op) {
    case Op::Add: mpq_add(r, x, y); break;
    case Op::Sub: mpq_sub(r, x, y); break;
    case Op::Mul: mpq_mul(r, x, y); break;
    case Op::Div: mpq_div(r, x, y); break;
  }
  return make_rational_mpq(r);
}

}  // namespace

Value num_add(Value a, Value b) { return arith(Op::Add, a, b, "+"); }
Value num_sub(Value a, Value b) { return arith(Op::Sub, a, b, "-"); }
Value num_mul(Value a, Value b) { return arith(Op::Mul, a, b, "*"); }
Value num_div(Value a, Value b) { return arith(Op::Div, a, b, "/"); }

Value num_neg(Value a) {
  switch (kind_of(a)) {
    case NumKind::Fixnum: return make_integer(-a.as_fixnum());
    case NumKind::Flonum: return make_flonum(-flonum_value(a));
    case NumKind::None: type_error("-", 1, "number", a);
    default: return arith(Op::Sub, Value::fixnum(0), a, "-");
  }
}

Value num_abs(Value a) {
  int s = num_sign(a, "abs");
  if (is_flonum(a)) return std::signbit(flonum_value(a)) ? num_neg(a) : a;
  return s < 0 ? num_neg(a) : a;
}

// --- comparison --------------------------------------------------------------------

namespace {

// Compares an exact number with a finite double, exactly.
int compare_exact_double(Value x, double d) {
  if (x.is_fixnum() && std::fabs(d) < 0x1p62) {
    // Compare integer parts first (trunc(d) fits int64), then the fraction.
    double t = std::trunc(d);
    int64_t ti = static_cast<int64_t>(t);
    int64_t xi = x.as_fixnum();
    if (xi != ti) return xi < ti ? -1 : 1;
    if (d == t) return 0;
    return d > t ? -1 : 1;  // x == trunc(d) and d has a fraction
  }
  Value e = num_to_exact(make_flonum(d));
  return num_compare(x, e);
}

}  // namespace

int num_compare(Value a, Value b, const char* who) {
  if (a.is_fixnum() && b.is_fixnum()) {
    return a.as_fixnum() < b.as_fixnum() ? -1 : (a.as_fixnum() > b.as_fixnum() ? 1 : 0);
  }
  NumKind ka = kind_of(a), kb = kind_of(b);
  if (ka == NumKind::None) type_error(who, 1, "number", a);
  if (kb == NumKind::None) type_error(who, 2, "number", b);
  if (ka == NumKind::Flonum || kb == NumKind::Flonum) {
    if (ka == NumKind::Flonum && kb == NumKind::Flonum) {
      double x = flonum_value(a), y = flonum_value(b);
      if (std::isnan(x) || std::isnan(y)) return kUnordered;
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    bool flip = ka == NumKind::Flonum;
    double d = flonum_value(flip ? a : b);
    Value x = flip ? b : a;
    int c;
    if (std::isnan(d)) return kUnordered;
    if (std::isinf(d)) c = d > 0 ? -1 : 1;
    else c = compare_exact_double(x, d);
    return flip ? -c : c;
  }
  if (ka != NumKind::Ratnum && kb != NumKind::Ratnum) {
    int c = mpz_cmp(IntView(a), IntView(b));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  Mpq x, y;
  rational_to_mpq(a, x);
  rational_to_mpq(b, y);
  int c = mpq_cmp(x, y);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool num_eq(Value a, Value b) {
  if (a.is_fixnum() && b.is_fixnum()) return a == b;
  return num_compare(a, b, "=") == 0;
}
bool num_lt(Value a, Value b) { return num_compare(a, b, "<") == -1; }
bool num_le(Value a, Value b) {
  int c = num_compare(a, b, "<=");
  return c == -1 || c == 0;
}
bool num_gt(Value a, Value b) { return num_compare(a, b, ">") == 1; }
bool num_ge(Value a, Value b) {
  int c = num_compare(a, b, ">=");
  return c == 1 || c == 0;
}

int num_sign(Value v, const char* who) {
  switch (kind_of(v)) {
    case NumKind::Fixnum: return v.as_fixnum() < 0 ? -1 : (v.as_fixnum() > 0 ? 1 : 0);
    case NumKind::Bignum: return mpz_sgn(bignum_mpz(v));
    case NumKind::Ratnum: return num_sign(v.as<Ratnum>()->num, who);
    case NumKind::Flonum: {
      double d = flonum_value(v);
      return d < 0 ? -1 : (d > 0 ? 1 : 0);
    }
    case NumKind::None: break;
  }
  type_error(who, 1, "number", v);
}

// --- eqv and hashing ----------------------------------------------------------------

bool num_eqv(Value a, Value b) {
  if (a == b) return true;
  NumKind ka = kind_of(a);
  if (ka != kind_of(b)) return false;
  switch (ka) {
    case NumKind::Fixnum: return false;  // equal fixnums have equal words
    case NumKind::Bignum: return mpz_cmp(bignum_mpz(a), bignum_mpz(b)) == 0;
    case NumKind::Ratnum:
      return num_eqv(a.as<Ratnum>()->num, b.as<Ratnum>()->num) &&
             num_eqv(a.as<Ratnum>()->den, b.as<Ratnum>()->den);
    case NumKind::Flonum: {
      // Bitwise, so 0.0 and -0.0 differ; every NaN is eqv to every NaN.
      double x = flonum_value(a), y = flonum_value(b);
      if (std::isnan(x) && std::isnan(y)) return true;
      return std::bit_cast<uint64_t>(x) == std::bit_cast<uint64_t>(y);
    }
    case NumKind::None: return false;
  }
  return false;
}

namespace {
uint64_t mix(uint64_t h) {
  // splitmix64's finalizer: cheap and spreads every input bit.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}
}  // namespace

uint64_t num_hash(Value v) {
  switch (kind_of(v)) {
    case NumKind::Fixnum: return mix(v.raw);
    case NumKind::Bignum: {
      mpz_srcptr z = bignum_mpz(v);
      uint64_t h = mix(static_cast<uint64_t>(mpz_sgn(z)) + 0x9e3779b97f4a7c15ull);
      size_t n = mpz_size(z);
      for (size_t i = 0; i < n; ++i) h = mix(h ^ mpz_getlimbn(z, i));
      return h;
    }
    case NumKind::Ratnum:
      return mix(num_hash(v.as<Ratnum>()->num) * 31 + num_hash(v.as<Ratnum>()->den));
    case NumKind::Flonum: {
      double d = flonum_value(v);
      if (std::isnan(d)) return 0x7ff8000000000000ull;
      return mix(std::bit_cast<uint64_t>(d) ^ 0x5bd1e995ull);
    }
    case NumKind::None: break;
  }
  return 0;
}

// --- conversion ------------------------------------------------------------------------

double num_to_double(Value v) {
  switch (kind_of(v)) {
    case NumKind::Fixnum: return static_cast<double>(v.as_fixnum());
    case NumKind::Flonum: return flonum_value(v);
    case NumKind::Bignum: {
      Mpz one;
      mpz_set_ui(one, 1);
      return ratio_to_double(bignum_mpz(v), one);
    }
    case NumKind::Ratnum: {
      IntView n(v.as<Ratnum>()->num), d(v.as<Ratnum>()->den);
      return ratio_to_double(n, d);
    }
    case NumKind::None: break;
  }
  type_error("inexact", 1, "number", v);
}

Value num_to_exact(Value v) {
  NumKind k = kind_of(v);
  if (k == NumKind::None) type_error("exact", 1, "number", v);
  if (k != NumKind::Flonum) return v;
  double d = flonum_value(v);
  if (!std::isfinite(d)) error("exact: no exact representation for", {v});
  if (d == std::trunc(d) && std::fabs(d) < 0x1p62) return Value::fixnum(static_cast<int64_t>(d));
  // d = m * 2^e with m a 53-bit integer; strip m's trailing zeros against
  // the denominator's twos so the result is in lowest terms.
  int e;
  double frac = std::frexp(d, &e);
  int64_t m = static_cast<int64_t>(std::ldexp(frac, 53));
  e -= 53;
  Mpz z;
  if (e >= 0) {
    mpz_set_si(z, m);
    mpz_mul_2exp(z, z, e);
    return make_integer_mpz(z);
  }
  int tz = std::countr_zero(static_cast<uint64_t>(m < 0 ? -m : m));
  int shift = std::min(tz, -e);
  m >>= shift;  // exact: the low bits are zero (arithmetic shift keeps the sign)
  e += shift;
  if (e == 0) return make_integer(m);
  Mpz den;
  mpz_set_ui(den, 1);
  mpz_mul_2exp(den, den, -e);
  mpz_set_si(z, m);
  return make_ratnum(make_integer_mpz(z), make_integer_mpz(den));
}

Value num_to_inexact(Value v) {
  if (is_flonum(v)) return v;
  return make_flonum(num_to_double(v));
}

bool integer_to_int64(Value v, int64_t* out) {
  if (v.is_fixnum()) {
    *out = v.as_fixnum();
    return true;
  }
  if (is_bignum(v) && mpz_fits_slong_p(bignum_mpz(v))) {
    *out = mpz_get_si(bignum_mpz(v));
    return true;
  }
  return false;
}

}  // namespace kiln
