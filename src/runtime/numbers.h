// The numeric tower: fixnums, bignums (GMP), exact rationals, flonums.
//
// Generic arithmetic on any two numbers. The VM and JIT inline the fixnum
// (and flonum) fast paths and call these for everything else, so these
// functions must handle every combination, normalize results (a bignum that
// fits is a fixnum, a ratio with denominator 1 is an integer) and raise a
// type error naming the Scheme procedure for non-numbers.
#pragma once

#include <string>
#include <string_view>

#include "runtime/object.h"

namespace kiln {

bool is_number(Value v);
bool is_real(Value v);  // no complex numbers yet: same as is_number
bool is_rational(Value v);  // exact, or a finite flonum
bool is_integer(Value v);   // exact integer, or an integral flonum
bool is_exact(Value v);     // raises for non-numbers
bool is_exact_integer(Value v);

Value num_add(Value a, Value b);
Value num_sub(Value a, Value b);
Value num_mul(Value a, Value b);
Value num_div(Value a, Value b);  // exact division yields rationals; raises on exact 0
Value num_neg(Value a);

/// -1, 0, 1. Raises for non-reals; NaN compares unordered, so callers use
/// the predicates below, which return false for NaN.
bool num_eq(Value a, Value b);
bool num_lt(Value a, Value b);
bool num_le(Value a, Value b);
bool num_gt(Value a, Value b);
bool num_ge(Value a, Value b);

Value num_quotient(Value a, Value b);
Value num_remainder(Value a, Value b);
Value num_modulo(Value a, Value b);

/// eqv? on numbers: same exactness and numerically equal (flonums by bits,
/// except that it follows R7RS for 0.0/-0.0 and NaN).
bool num_eqv(Value a, Value b);

double num_to_double(Value v);  // any real

/// Parses R7RS number syntax (radix/exactness prefixes, rationals,
/// decimals with exponents, +inf.0 -inf.0 +nan.0). kFalse when `text` is not
/// a number.
Value parse_number(std::string_view text, int radix = 10);
std::string number_to_string(Value v, int radix = 10);

}  // namespace kiln
