// The numeric tower: fixnums, bignums (GMP), exact rationals, flonums.
//
// Generic arithmetic on any two numbers. The VM and JIT inline the fixnum
// (and flonum) fast paths and call these for everything else, so these
// functions must handle every combination, normalize results (a bignum that
// fits is a fixnum, a ratio with denominator 1 is an integer) and raise a
// type error naming the Scheme procedure for non-numbers.
//
// There are no complex numbers: every number is real. Mixed exact/inexact
// arithmetic gives an inexact result ("contagion"); comparisons between an
// exact number and a flonum are exact (so `=` stays transitive).
//
// Implementation: numbers.cpp (representation, arithmetic, comparison),
// number_text.cpp (parsing and printing), number_math.cpp (rounding,
// division families, powers, roots, transcendental functions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/object.h"

namespace kiln {

// --- classification ----------------------------------------------------------

bool is_number(Value v);
bool is_real(Value v);  // no complex numbers yet: same as is_number
bool is_rational(Value v);  // exact, or a finite flonum
bool is_integer(Value v);   // exact integer, or an integral flonum
bool is_exact(Value v);     // raises for non-numbers
bool is_exact_integer(Value v);
/// A fixnum, bignum or ratnum.
bool is_exact_rational(Value v);
inline bool is_bignum(Value v) { return has_type(v, Type::Bignum); }
inline bool is_ratnum(Value v) { return has_type(v, Type::Ratnum); }
/// True for a flonum NaN; false for every other number.
bool is_nan(Value v);

/// Raises "who: expected number as argument <argpos>, got: v" unless v is a
/// number. argpos is 1-based (0 leaves the position out of the message).
void check_number(const char* who, int argpos, Value v);
/// Same for exact integers and for "integer" (exact, or integral flonum).
void check_exact_integer(const char* who, int argpos, Value v);
void check_integer(const char* who, int argpos, Value v);

// --- construction --------------------------------------------------------------

/// The exact integer held in `z`: a fixnum when it fits, else a new bignum
/// that copies it (z is left untouched).
Value make_integer_mpz(mpz_srcptr z);
/// The exact rational n/d in lowest terms (an integer when d divides n).
/// n and d are exact integers; raises "who: division by zero" when d is 0.
Value make_rational(Value n, Value d, const char* who = "/");
/// Numerator and denominator of any exact rational (integers have 1).
Value exact_numerator(Value v);
Value exact_denominator(Value v);

/// Loads an exact integer into an initialized mpz_t.
void integer_to_mpz(Value v, mpz_ptr out);

// --- arithmetic ----------------------------------------------------------------

Value num_add(Value a, Value b);
Value num_sub(Value a, Value b);
Value num_mul(Value a, Value b);
Value num_div(Value a, Value b);  // exact division yields rationals; raises on exact 0
Value num_neg(Value a);
Value num_abs(Value a);

/// Comparison of two reals: -1, 0 or 1, or kUnordered when either is NaN.
/// Exact against inexact compares exactly. Raises (naming `who`) for
/// non-numbers.
inline constexpr int kUnordered = 2;
int num_compare(Value a, Value b, const char* who = "<");

/// The predicates are false whenever a NaN is involved.
bool num_eq(Value a, Value b);
bool num_lt(Value a, Value b);
bool num_le(Value a, Value b);
bool num_gt(Value a, Value b);
bool num_ge(Value a, Value b);

/// -1, 0 or 1 (0 for NaN and for both zeros). Raises for non-numbers.
int num_sign(Value v, const char* who = "sign");

/// Truncating and flooring integer division of integers (exact, or
/// integral flonums: then the result is inexact). Raise on a zero divisor
/// ("quotient: division by zero").
Value num_quotient(Value a, Value b);
Value num_remainder(Value a, Value b);
Value num_modulo(Value a, Value b);
Value num_floor_quotient(Value a, Value b);
/// Both results at once, for floor/ and truncate/.
void num_floor_div(Value a, Value b, Value* q, Value* r, const char* who = "floor/");
void num_truncate_div(Value a, Value b, Value* q, Value* r, const char* who = "truncate/");

/// gcd and lcm of two integers (non-negative result; inexact if either is).
Value num_gcd(Value a, Value b);
Value num_lcm(Value a, Value b);

/// Rounding of any real to an integer of the same exactness. `num_round`
/// rounds halves to even.
Value num_floor(Value v);
Value num_ceiling(Value v);
Value num_truncate(Value v);
Value num_round(Value v);

/// `expt` with exact results for an exact base and an exact integer exponent
/// (raising when the result would exceed kMaxExptBits bits).
inline constexpr uint64_t kMaxExptBits = uint64_t{1} << 26;
Value num_expt(Value base, Value exponent);
/// Exact for exact perfect squares (integers and rationals), else inexact.
/// Raises for negative arguments (no complex numbers).
Value num_sqrt(Value v);

/// R7RS `rationalize`: the simplest rational within |y| of x (inexact if
/// either argument is).
Value num_rationalize(Value x, Value y);
/// Natural logarithm as a double, also for exact numbers beyond the double
/// range ((log (expt 10 400)) is finite).
double num_log(Value v);

/// eqv? on numbers: same exactness and numerically equal (flonums by bits,
/// except that it follows R7RS for 0.0/-0.0 and NaN).
bool num_eqv(Value a, Value b);
/// A hash consistent with num_eqv (equal under num_eqv => equal hashes),
/// for eqv?/equal? hash tables. `v` must be a number.
uint64_t num_hash(Value v);

// --- conversion ------------------------------------------------------------------

double num_to_double(Value v);  // any real; correctly rounded for bignums and ratnums
/// `exact`: a flonum becomes the exact rational it denotes; raises
/// "exact: ..." for infinities and NaN.
Value num_to_exact(Value v);
/// `inexact`: the nearest flonum.
Value num_to_inexact(Value v);
/// The exact integer held in `v` if it fits int64_t.
bool integer_to_int64(Value v, int64_t* out);

/// Parses R7RS number syntax (radix/exactness prefixes, rationals,
/// decimals with exponents, +inf.0 -inf.0 +nan.0, and complex syntax whose
/// value is real: "3+0i", "2@0"). kFalse when `text` is not a real number. Rejects non-numbers cheaply (the reader calls this for every
/// token that might be one). Raises only for a syntactically valid exact
/// number too large to build (e.g. "#e1e99999999").
Value parse_number(std::string_view text, int radix = 10);
/// Whether `text` is R7RS number syntax for a non-real complex number
/// ("1+2i", "+i", "-inf.0i", "1@2"). Kiln has no such numbers, so
/// parse_number gives kFalse for them (one with an exact zero imaginary part
/// or angle, "3+0i", is real and parses); the reader reports them as
/// unsupported rather than reading "+i" as a symbol (R7RS 2.1: +i, -i and
/// <infnan> are numbers, not identifiers), and `write` puts bars around a
/// symbol spelled like one.
bool is_nonreal_number_syntax(std::string_view text, int radix = 10);
/// R7RS `number->string`. Flonums print in the shortest form that reads
/// back to the same double ("0.1", "100.0", "1e21", "1.5e-7", "+inf.0").
/// Radix 2, 8, 10 or 16; inexact numbers only in radix 10 (raises).
std::string number_to_string(Value v, int radix = 10);

}  // namespace kiln
