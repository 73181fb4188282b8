// The numeric tower: representation boundaries, arithmetic across kinds,
// parsing and printing, and the R7RS primitives called through their
// registered Primitive objects.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "runtime/heap.h"
#include "runtime/numbers.h"
#include "runtime/primitive.h"
#include "runtime/thread.h"

using namespace kiln;

namespace {

class Numbers : public ::testing::Test {
 protected:
  void SetUp() override { runtime_init(); }
};

Value num(std::string_view text) {
  Value v = parse_number(text);
  EXPECT_NE(v, kFalse) << text;
  return v;
}

std::string str(Value v) { return number_to_string(v); }

// Calls a primitive; returns kRaise if it raised.
Value call(const char* name, gc_vector<Value> args) {
  Value p = builtin_primitive(name);
  return p.as<Primitive>()->fn(*g_thread, args.data(), static_cast<uint32_t>(args.size()));
}

// Evaluates (name args...) where args are number literals; returns the
// printed result, or "error: <message>" if it raised.
std::string eval(const char* name, std::vector<std::string_view> literals) {
  gc_vector<Value> args;
  for (auto l : literals) args.push_back(num(l));
  Value r = call(name, args);
  if (r == kRaise) {
    Value e = g_thread->pending;
    if (!is_error_object(e)) return "error: ?";
    return "error: " + string_to_utf8(e.as<ErrorObject>()->message);
  }
  if (is_values(r)) {
    std::string out;
    for (uint64_t i = 0; i < r.as_object()->size(); ++i) {
      if (i) out += " ";
      out += str(r.as<Values>()->items[i]);
    }
    return out;
  }
  if (is_boolean(r)) return r == kTrue ? "#t" : "#f";
  return str(r);
}

std::string raised_message(Value r) {
  if (r != kRaise || !is_error_object(g_thread->pending)) return "(no error)";
  return string_to_utf8(g_thread->pending.as<ErrorObject>()->message);
}

}  // namespace

// --- representation boundaries ------------------------------------------------------

TEST_F(Numbers, FixnumMaxPlusOneIsBignumAndBack) {
  Value max = Value::fixnum(Value::kFixnumMax);
  Value big = num_add(max, Value::fixnum(1));
  EXPECT_TRUE(is_bignum(big));
  EXPECT_EQ(str(big), "4611686018427387904");
  Value back = num_sub(big, Value::fixnum(1));
  EXPECT_TRUE(back.is_fixnum());
  EXPECT_EQ(back, max);
}

TEST_F(Numbers, NegatingMostNegativeFixnumMakesBignum) {
  Value min = Value::fixnum(Value::kFixnumMin);
  Value neg = num_neg(min);
  EXPECT_TRUE(is_bignum(neg));
  EXPECT_EQ(str(neg), "4611686018427387904");
  EXPECT_EQ(num_neg(neg), min);
  EXPECT_TRUE(num_neg(neg).is_fixnum());
  EXPECT_EQ(eval("abs", {"-4611686018427387904"}), "4611686018427387904");
  EXPECT_EQ(eval("quotient", {"-4611686018427387904", "-1"}), "4611686018427387904");
}

TEST_F(Numbers, BignumMultiplicationAndNormalization) {
  Value a = num("123456789012345678901234567890");
  Value b = num("987654321098765432109876543210");
  EXPECT_EQ(str(num_mul(a, b)), "121932631137021795226185032733622923332237463801111263526900");
  Value prod = num_mul(a, b);
  EXPECT_TRUE(num_eqv(num_div(prod, b), a));
  // A bignum difference that fits becomes a fixnum.
  Value d = num_sub(num("100000000000000000000"), num("99999999999999999999"));
  EXPECT_EQ(d, Value::fixnum(1));
  // Fixnum products that overflow.
  EXPECT_EQ(str(num_mul(Value::fixnum(Value::kFixnumMax), Value::fixnum(Value::kFixnumMax))),
            "21267647932558653957237540927630737409");
  EXPECT_EQ(eval("*", {"4611686018427387904", "0"}), "0");
}

TEST_F(Numbers, ParsedLiteralsAreNormalized) {
  EXPECT_TRUE(num("4611686018427387903").is_fixnum());
  EXPECT_TRUE(is_bignum(num("4611686018427387904")));
  EXPECT_TRUE(num("-4611686018427387904").is_fixnum());
  EXPECT_TRUE(is_bignum(num("-4611686018427387905")));
  EXPECT_TRUE(num("00000000000000000000000000042").is_fixnum());
}

// --- rationals ------------------------------------------------------------------------

TEST_F(Numbers, Rationals) {
  EXPECT_EQ(eval("/", {"1", "3"}), "1/3");
  EXPECT_EQ(eval("/", {"6", "4"}), "3/2");
  EXPECT_EQ(eval("/", {"6", "-4"}), "-3/2");
  EXPECT_EQ(eval("/", {"6", "3"}), "2");
  EXPECT_EQ(eval("+", {"1/3", "2/3"}), "1");
  EXPECT_EQ(eval("+", {"1/2", "1/3"}), "5/6");
  EXPECT_EQ(eval("*", {"2/3", "3/2"}), "1");
  EXPECT_EQ(eval("-", {"1/2"}), "-1/2");
  EXPECT_EQ(eval("/", {"1/2"}), "2");
  EXPECT_EQ(eval("/", {"4"}), "1/4");
  EXPECT_EQ(eval("numerator", {"6/4"}), "3");
  EXPECT_EQ(eval("denominator", {"6/4"}), "2");
  EXPECT_EQ(eval("denominator", {"5"}), "1");
  EXPECT_EQ(eval("denominator", {"0.5"}), "2.0");
  EXPECT_EQ(eval("numerator", {"0.75"}), "3.0");
  EXPECT_EQ(eval("/", {"1", "4611686018427387904"}), "1/4611686018427387904");
  EXPECT_EQ(eval("*", {"1/4611686018427387904", "4611686018427387904"}), "1");
}

TEST_F(Numbers, DivisionByZero) {
  EXPECT_EQ(eval("/", {"1", "0"}), "error: /: division by zero");
  EXPECT_EQ(eval("/", {"1/2", "0"}), "error: /: division by zero");
  EXPECT_EQ(eval("/", {"0"}), "error: /: division by zero");
  EXPECT_EQ(eval("quotient", {"1", "0"}), "error: quotient: division by zero");
  EXPECT_EQ(eval("modulo", {"12345678901234567890", "0"}), "error: modulo: division by zero");
  EXPECT_EQ(eval("floor/", {"1", "0"}), "error: floor/: division by zero");
  EXPECT_EQ(eval("/", {"1.0", "0"}), "+inf.0");
  EXPECT_EQ(eval("/", {"0.0", "0"}), "+nan.0");
}

// --- mixed exactness ---------------------------------------------------------------------

TEST_F(Numbers, Contagion) {
  EXPECT_EQ(eval("+", {"1", "2.5"}), "3.5");
  EXPECT_EQ(eval("*", {"1/2", "3.0"}), "1.5");
  EXPECT_EQ(eval("-", {"4611686018427387904", "1.0"}), "4611686018427388000.0");
  EXPECT_EQ(eval("max", {"1", "2.0"}), "2.0");
  EXPECT_EQ(eval("max", {"3", "2.0"}), "3.0");
  EXPECT_EQ(eval("min", {"1", "2.0"}), "1.0");
  EXPECT_EQ(eval("max", {"1", "+nan.0"}), "+nan.0");
  EXPECT_EQ(eval("min", {"1/2", "1/3"}), "1/3");
  EXPECT_EQ(eval("inexact", {"1/3"}), "0.3333333333333333");
  EXPECT_EQ(eval("exact", {"0.5"}), "1/2");
  EXPECT_EQ(eval("exact", {"0.1"}), "3602879701896397/36028797018963968");
  EXPECT_EQ(eval("exact", {"1e20"}), "100000000000000000000");
  EXPECT_EQ(eval("exact", {"-2.0"}), "-2");
  EXPECT_EQ(eval("exact", {"+inf.0"}), "error: exact: no exact representation for");
  EXPECT_EQ(eval("exact", {"+nan.0"}), "error: exact: no exact representation for");
  EXPECT_EQ(eval("exact->inexact", {"12345678901234567890123"}), "1.2345678901234568e22");
}

TEST_F(Numbers, ComparisonAcrossKinds) {
  EXPECT_EQ(eval("=", {"1", "1.0"}), "#t");
  EXPECT_EQ(eval("=", {"1/2", "0.5"}), "#t");
  EXPECT_EQ(eval("<", {"1/3", "0.3333333333333333"}), "#f");  // the flonum is below 1/3
  EXPECT_EQ(eval(">", {"1/3", "0.3333333333333333"}), "#t");
  EXPECT_EQ(eval("<", {"1", "2", "3"}), "#t");
  EXPECT_EQ(eval("<", {"1", "3", "2"}), "#f");
  EXPECT_EQ(eval("<=", {"1", "1", "2"}), "#t");
  EXPECT_EQ(eval(">=", {"3", "3", "4"}), "#f");
  EXPECT_EQ(eval("=", {"+nan.0", "+nan.0"}), "#f");
  EXPECT_EQ(eval("<", {"1", "+nan.0"}), "#f");
  EXPECT_EQ(eval(">", {"1", "+nan.0"}), "#f");
  EXPECT_EQ(eval("<", {"-inf.0", "-4611686018427387905", "+inf.0"}), "#t");
  EXPECT_EQ(eval("=", {"9007199254740993", "9007199254740992.0"}), "#f");  // exact comparison
  EXPECT_EQ(eval("<", {"9007199254740992.0", "9007199254740993"}), "#t");
  EXPECT_EQ(eval("=", {"5"}), "#t");
  EXPECT_EQ(eval("<", {"-2.5", "-2"}), "#t");
  EXPECT_EQ(eval("<", {"-3", "-2.5"}), "#t");
  EXPECT_EQ(eval("<", {"-2", "-2.5"}), "#f");
  EXPECT_TRUE(num_lt(num("100000000000000000000000"), num("1e30")));
}

TEST_F(Numbers, TypeErrorsNameProcedureAndPosition) {
  Value r = call("+", {Value::fixnum(1), intern("a")});
  EXPECT_EQ(raised_message(r), "+: expected number as argument 2");
  EXPECT_EQ(car(g_thread->pending.as<ErrorObject>()->irritants), intern("a"));
  r = call("<", {Value::fixnum(1), Value::fixnum(2), kTrue});
  EXPECT_EQ(raised_message(r), "<: expected number as argument 3");
  r = call("quotient", {Value::fixnum(1), make_flonum(1.5)});
  EXPECT_EQ(raised_message(r), "quotient: expected integer as argument 2");
  r = call("exact-integer-sqrt", {Value::fixnum(-1)});
  EXPECT_EQ(raised_message(r), "exact-integer-sqrt: expected non-negative exact integer as argument 1");
  r = call("string->number", {make_string("10"), Value::fixnum(3)});
  EXPECT_EQ(raised_message(r), "string->number: expected radix 2, 8, 10 or 16 as argument 2");
  r = call("odd?", {make_flonum(1.5)});
  EXPECT_EQ(raised_message(r), "odd?: expected integer as argument 1");
}

// --- predicates ------------------------------------------------------------------------------

TEST_F(Numbers, Predicates) {
  EXPECT_EQ(eval("integer?", {"2.0"}), "#t");
  EXPECT_EQ(eval("integer?", {"2.5"}), "#f");
  EXPECT_EQ(eval("integer?", {"8/4"}), "#t");
  EXPECT_EQ(eval("rational?", {"+inf.0"}), "#f");
  EXPECT_EQ(eval("rational?", {"1/2"}), "#t");
  EXPECT_EQ(eval("exact?", {"1/2"}), "#t");
  EXPECT_EQ(eval("inexact?", {"1.0"}), "#t");
  EXPECT_EQ(eval("exact-integer?", {"1.0"}), "#f");
  EXPECT_EQ(eval("exact-integer?", {"100000000000000000000"}), "#t");
  EXPECT_EQ(eval("nan?", {"+nan.0"}), "#t");
  EXPECT_EQ(eval("infinite?", {"-inf.0"}), "#t");
  EXPECT_EQ(eval("finite?", {"1/3"}), "#t");
  EXPECT_EQ(eval("zero?", {"-0.0"}), "#t");
  EXPECT_EQ(eval("positive?", {"1/1000000000000000000000"}), "#t");
  EXPECT_EQ(eval("negative?", {"-100000000000000000000"}), "#t");
  EXPECT_EQ(eval("odd?", {"100000000000000000001"}), "#t");
  EXPECT_EQ(eval("even?", {"-4.0"}), "#t");
  EXPECT_EQ(eval("odd?", {"-3"}), "#t");
  EXPECT_EQ(call("number?", {intern("x")}), kFalse);
  EXPECT_EQ(call("exact-integer?", {intern("x")}), kFalse);
}

// --- integer division --------------------------------------------------------------------------

TEST_F(Numbers, IntegerDivision) {
  EXPECT_EQ(eval("quotient", {"17", "-5"}), "-3");
  EXPECT_EQ(eval("remainder", {"17", "-5"}), "2");
  EXPECT_EQ(eval("modulo", {"17", "-5"}), "-3");
  EXPECT_EQ(eval("modulo", {"-7", "2"}), "1");
  EXPECT_EQ(eval("remainder", {"-7", "2"}), "-1");
  EXPECT_EQ(eval("floor/", {"5", "2"}), "2 1");
  EXPECT_EQ(eval("floor/", {"-5", "2"}), "-3 1");
  EXPECT_EQ(eval("floor/", {"5", "-2"}), "-3 -1");
  EXPECT_EQ(eval("truncate/", {"-5", "2"}), "-2 -1");
  EXPECT_EQ(eval("truncate/", {"-5.0", "2"}), "-2.0 -1.0");
  EXPECT_EQ(eval("floor-quotient", {"-7", "2"}), "-4");
  EXPECT_EQ(eval("floor-remainder", {"-7", "2"}), "1");
  EXPECT_EQ(eval("truncate-quotient", {"-7", "2"}), "-3");
  EXPECT_EQ(eval("truncate-remainder", {"-7", "2"}), "-1");
  EXPECT_EQ(eval("modulo", {"-100000000000000000000", "3"}), "2");
  EXPECT_EQ(eval("quotient", {"100000000000000000000", "10"}), "10000000000000000000");
  EXPECT_EQ(eval("quotient", {"7.0", "2"}), "3.0");
  EXPECT_EQ(eval("gcd", {"32", "-36"}), "4");
  EXPECT_EQ(eval("gcd", {}), "0");
  EXPECT_EQ(eval("lcm", {"32", "-36"}), "288");
  EXPECT_EQ(eval("lcm", {"32.0", "-36"}), "288.0");
  EXPECT_EQ(eval("lcm", {}), "1");
  EXPECT_EQ(eval("gcd", {"100000000000000000000", "30"}), "10");
}

// --- rounding -------------------------------------------------------------------------------------

TEST_F(Numbers, Rounding) {
  EXPECT_EQ(eval("floor", {"-4.3"}), "-5.0");
  EXPECT_EQ(eval("ceiling", {"-4.3"}), "-4.0");
  EXPECT_EQ(eval("truncate", {"-4.3"}), "-4.0");
  EXPECT_EQ(eval("round", {"-4.3"}), "-4.0");
  EXPECT_EQ(eval("floor", {"3.5"}), "3.0");
  EXPECT_EQ(eval("ceiling", {"3.5"}), "4.0");
  EXPECT_EQ(eval("round", {"3.5"}), "4.0");
  EXPECT_EQ(eval("round", {"2.5"}), "2.0");
  EXPECT_EQ(eval("round", {"-2.5"}), "-2.0");
  EXPECT_EQ(eval("round", {"7/2"}), "4");
  EXPECT_EQ(eval("round", {"5/2"}), "2");
  EXPECT_EQ(eval("round", {"-5/2"}), "-2");
  EXPECT_EQ(eval("round", {"7/3"}), "2");
  EXPECT_EQ(eval("floor", {"-7/2"}), "-4");
  EXPECT_EQ(eval("ceiling", {"-7/2"}), "-3");
  EXPECT_EQ(eval("truncate", {"-7/2"}), "-3");
  EXPECT_EQ(eval("round", {"7"}), "7");
  EXPECT_EQ(eval("rationalize", {"3/10", "1/10"}), "1/3");
  EXPECT_EQ(eval("rationalize", {".3", "1/10"}), "0.3333333333333333");
  EXPECT_EQ(eval("rationalize", {"-3/10", "1/10"}), "-1/3");
  EXPECT_EQ(eval("rationalize", {"1/4", "1/4"}), "0");
}

// --- powers, roots, transcendental ---------------------------------------------------------------------

TEST_F(Numbers, ExptAndSqrt) {
  EXPECT_EQ(eval("expt", {"2", "100"}), "1267650600228229401496703205376");
  EXPECT_EQ(eval("expt", {"2", "-2"}), "1/4");
  EXPECT_EQ(eval("expt", {"2/3", "3"}), "8/27");
  EXPECT_EQ(eval("expt", {"-2/3", "-3"}), "-27/8");
  EXPECT_EQ(eval("expt", {"0", "0"}), "1");
  EXPECT_EQ(eval("expt", {"0", "5"}), "0");
  EXPECT_EQ(eval("expt", {"0.0", "0"}), "1.0");
  EXPECT_EQ(eval("expt", {"2.0", "3"}), "8.0");
  EXPECT_EQ(eval("expt", {"2", "0.5"}), "1.4142135623730951");
  EXPECT_EQ(eval("expt", {"4", "1/2"}), "2");
  EXPECT_EQ(eval("expt", {"8/27", "2/3"}), "4/9");
  EXPECT_EQ(eval("expt", {"-1", "100000000000000000001"}), "-1");
  EXPECT_EQ(eval("expt", {"0", "-1"}), "error: expt: division by zero");
  EXPECT_EQ(eval("expt", {"2", "100000000000"}), "error: expt: result too large to represent exactly");
  EXPECT_EQ(eval("expt", {"2", "100000000000000000000"}), "error: expt: result too large to represent exactly");
  EXPECT_EQ(eval("expt", {"-8", "1/3"}), "error: expt: complex numbers not supported");
  EXPECT_EQ(eval("sqrt", {"16"}), "4");
  EXPECT_EQ(eval("sqrt", {"16.0"}), "4.0");
  EXPECT_EQ(eval("sqrt", {"1/4"}), "1/2");
  EXPECT_EQ(eval("sqrt", {"2"}), "1.4142135623730951");
  EXPECT_EQ(eval("sqrt", {"15241578780673678515622620750190521"}), "123456789123456789");
  EXPECT_EQ(eval("sqrt", {"-4"}), "error: sqrt: complex numbers not supported");
  EXPECT_EQ(eval("exact-integer-sqrt", {"17"}), "4 1");
  EXPECT_EQ(eval("exact-integer-sqrt", {"100000000000000000000"}), "10000000000 0");
  EXPECT_EQ(eval("square", {"-1/2"}), "1/4");
  EXPECT_EQ(eval("square", {"4611686018427387904"}), "21267647932558653966460912964485513216");
  // sqrt of a bignum beyond the double range stays finite.
  Value huge = num_expt(Value::fixnum(10), Value::fixnum(400));
  EXPECT_NEAR(num_to_double(num_sqrt(num_add(huge, Value::fixnum(1)))) / 1e200, 1.0, 1e-12);
}

TEST_F(Numbers, Transcendental) {
  EXPECT_EQ(eval("exp", {"0"}), "1.0");
  EXPECT_EQ(eval("log", {"1"}), "0.0");
  EXPECT_EQ(eval("log", {"100", "10"}), "2.0");
  EXPECT_EQ(eval("log", {"0"}), "-inf.0");
  EXPECT_EQ(eval("log", {"-1"}), "error: log: complex numbers not supported");
  EXPECT_EQ(eval("sin", {"0"}), "0.0");
  EXPECT_EQ(eval("atan", {"1", "1"}), "0.7853981633974483");
  EXPECT_EQ(eval("asin", {"2"}), "error: asin: complex numbers not supported");
  EXPECT_EQ(eval("acos", {"1"}), "0.0");
  Value l = call("log", {num_expt(Value::fixnum(10), Value::fixnum(400))});
  EXPECT_NEAR(flonum_value(l), 400 * std::log(10.0), 1e-9);
}

// --- printing ------------------------------------------------------------------------------------------------

TEST_F(Numbers, ShortestFlonumPrinting) {
  EXPECT_EQ(str(make_flonum(0.1)), "0.1");
  EXPECT_EQ(str(make_flonum(100.0)), "100.0");
  EXPECT_EQ(str(make_flonum(1.0)), "1.0");
  EXPECT_EQ(str(make_flonum(1e21)), "1e21");
  EXPECT_EQ(str(make_flonum(1e20)), "100000000000000000000.0");
  EXPECT_EQ(str(make_flonum(1.5e-7)), "1.5e-7");
  EXPECT_EQ(str(make_flonum(1e-6)), "0.000001");
  EXPECT_EQ(str(make_flonum(123.456)), "123.456");
  EXPECT_EQ(str(make_flonum(-0.5)), "-0.5");
  EXPECT_EQ(str(make_flonum(-0.0)), "-0.0");
  EXPECT_EQ(str(make_flonum(0.0)), "0.0");
  EXPECT_EQ(str(make_flonum(0.1 + 0.2)), "0.30000000000000004");
  EXPECT_EQ(str(make_flonum(1.7976931348623157e308)), "1.7976931348623157e308");
  EXPECT_EQ(str(make_flonum(5e-324)), "5e-324");
  EXPECT_EQ(str(make_flonum(HUGE_VAL)), "+inf.0");
  EXPECT_EQ(str(make_flonum(-HUGE_VAL)), "-inf.0");
  EXPECT_EQ(str(make_flonum(NAN)), "+nan.0");
  EXPECT_EQ(str(make_flonum(12345678.9)), "12345678.9");
}

TEST_F(Numbers, RadixPrinting) {
  EXPECT_EQ(number_to_string(Value::fixnum(255), 16), "ff");
  EXPECT_EQ(number_to_string(Value::fixnum(-255), 2), "-11111111");
  EXPECT_EQ(number_to_string(Value::fixnum(8), 8), "10");
  EXPECT_EQ(number_to_string(num("-1/3"), 2), "-1/11");
  EXPECT_EQ(number_to_string(num("#x-100000000000000000000"), 16), "-100000000000000000000");
  Value r = call("number->string", {make_flonum(1.5), Value::fixnum(2)});
  EXPECT_EQ(raised_message(r), "number->string: inexact numbers can only be written in radix 10");
}

// --- parsing ------------------------------------------------------------------------------------------------

TEST_F(Numbers, ParseRejectsNonNumbers) {
  for (const char* s : {"", "abc", "+", "-", "...", ".", "1+", "->x", "-x", "+a", "1/", "/2", "1/2/3", "1.2.3",
                        "1e", "1e+", "e5", "#t", "#", "#x", "#xg", "#e#e1", "#x#b1", "1/0", "#x1.5", "#e+inf.0",
                        "+i", "1+2i", "inf.0", "nan.0", "+inf", "1_000", " 1", "1 ", "#b2", "#o8", "1.5/2", "--1",
                        "+-1", "..1", "#d#d1", "λ"}) {
    EXPECT_EQ(parse_number(s), kFalse) << "'" << s << "'";
  }
}

TEST_F(Numbers, ParseComplexSyntax) {
  // An exact zero imaginary part or angle is a real number.
  EXPECT_EQ(str(num("3+0i")), "3");
  EXPECT_EQ(str(num("-2.5-0i")), "-2.5");
  EXPECT_EQ(str(num("+0i")), "0");
  EXPECT_EQ(str(num("5@0")), "5");
  EXPECT_EQ(str(num("#e1e2+0e-3i")), "100");
  // Non-real numbers are recognized, but are no value Kiln has.
  for (const char* s : {"+i", "-i", "1+2i", "1-i", "+inf.0i", "-nan.0i", "1@2", "#x1+fi", "1+0.0i", "#i1+0i",
                        "1.5+2e-3i", "+inf.0+inf.0i"}) {
    EXPECT_EQ(parse_number(s), kFalse) << "'" << s << "'";
    EXPECT_TRUE(is_nonreal_number_syntax(s)) << "'" << s << "'";
  }
  for (const char* s : {"i", "+-i", "1+-2i", "1e+2i", "1@", "@1", "->i", "+i-", "3", "abc"}) {
    EXPECT_FALSE(is_nonreal_number_syntax(s)) << "'" << s << "'";
  }
}

TEST_F(Numbers, ParseSyntax) {
  EXPECT_EQ(str(num("42")), "42");
  EXPECT_EQ(str(num("-17")), "-17");
  EXPECT_EQ(str(num("+5")), "5");
  EXPECT_EQ(str(num("1/3")), "1/3");
  EXPECT_EQ(str(num("-6/4")), "-3/2");
  EXPECT_EQ(str(num("4/2")), "2");
  EXPECT_EQ(str(num("1.5e10")), "15000000000.0");
  EXPECT_EQ(str(num(".5")), "0.5");
  EXPECT_EQ(str(num("-.5")), "-0.5");
  EXPECT_EQ(str(num("1.")), "1.0");
  EXPECT_EQ(str(num("1.e2")), "100.0");
  EXPECT_EQ(str(num("1E2")), "100.0");
  EXPECT_EQ(str(num("1e-400")), "0.0");
  EXPECT_EQ(str(num("1e400")), "+inf.0");
  EXPECT_EQ(str(num("-1e400")), "-inf.0");
  EXPECT_EQ(str(num("+inf.0")), "+inf.0");
  EXPECT_EQ(str(num("-inf.0")), "-inf.0");
  EXPECT_EQ(str(num("+nan.0")), "+nan.0");
  EXPECT_EQ(str(num("-nan.0")), "+nan.0");
  EXPECT_EQ(str(num("+INF.0")), "+inf.0");
  EXPECT_EQ(str(num("-0.0")), "-0.0");
  EXPECT_EQ(str(num("#xff")), "255");
  EXPECT_EQ(str(num("#XFF")), "255");
  EXPECT_EQ(str(num("#x-1a/2")), "-13");
  EXPECT_EQ(str(num("#b101")), "5");
  EXPECT_EQ(str(num("#o777")), "511");
  EXPECT_EQ(str(num("#d99")), "99");
  EXPECT_EQ(str(num("#e1.5")), "3/2");
  EXPECT_EQ(str(num("#e1.5e2")), "150");
  EXPECT_EQ(str(num("#e1e-3")), "1/1000");
  EXPECT_EQ(str(num("#e-0.0")), "0");
  EXPECT_EQ(str(num("#i1/3")), "0.3333333333333333");
  EXPECT_EQ(str(num("#i-0")), "-0.0");
  EXPECT_EQ(str(num("#x#e10")), "16");
  EXPECT_EQ(str(num("#e#x10")), "16");
  EXPECT_EQ(str(num("#i#x10")), "16.0");
  EXPECT_EQ(str(num("#x#i10")), "16.0");
  EXPECT_EQ(str(parse_number("ff", 16)), "255");
  EXPECT_EQ(str(parse_number("-101", 2)), "-5");
  EXPECT_EQ(str(parse_number("#d10", 16)), "10");
  EXPECT_EQ(str(num("123456789012345678901234567890")), "123456789012345678901234567890");
  EXPECT_EQ(str(num("#x123456789abcdef0123456789")), "90144042682896311822508713865");
}

TEST_F(Numbers, ParsePrintRoundTrip) {
  for (double d : {0.1, 1.0 / 3, 2.0 / 3, 1e21, 1e22, 1.5e-7, 123456.789, 5e-324, 2.2250738585072014e-308,
                   1.7976931348623157e308, 9007199254740993.0, 0.30000000000000004, -1e-10, 4.35, 1e100}) {
    std::string s = str(make_flonum(d));
    Value back = parse_number(s);
    ASSERT_TRUE(is_flonum(back)) << s;
    EXPECT_EQ(flonum_value(back), d) << s;
  }
  for (const char* s : {"0", "-1", "4611686018427387903", "4611686018427387904", "-4611686018427387905",
                        "1/3", "-22/7", "123456789012345678901234567890/11"}) {
    EXPECT_EQ(str(num(s)), s);
  }
}

TEST_F(Numbers, HugeExactDecimalIsAnErrorNotAnAbort) {
  Value r = call("string->number", {make_string("#e1e999999999")});
  EXPECT_EQ(raised_message(r), "string->number: exact number too large to represent");
  EXPECT_EQ(call("string->number", {make_string("#e0e999999999")}), Value::fixnum(0));
  EXPECT_EQ(str(call("string->number", {make_string("1e999999999")})), "+inf.0");
}

// --- conversion ----------------------------------------------------------------------------------------------

TEST_F(Numbers, CorrectlyRoundedConversionToDouble) {
  // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: rounds to even (2^53).
  EXPECT_EQ(num_to_double(num("9007199254740993")), 9007199254740992.0);
  // 2^53 + 3 ties between 2^53+2 and 2^53+4: rounds to even (2^53+4).
  EXPECT_EQ(num_to_double(num("9007199254740995")), 9007199254740996.0);
  // A bignum just above a tie rounds up (truncation would round down).
  EXPECT_EQ(num_to_double(num("18014398509481987")), 18014398509481988.0);
  EXPECT_EQ(num_to_double(num("1/3")), 1.0 / 3);
  EXPECT_EQ(num_to_double(num("-2/3")), -2.0 / 3);
  EXPECT_EQ(num_to_double(num_expt(Value::fixnum(10), Value::fixnum(400))), HUGE_VAL);
  EXPECT_EQ(num_to_double(num_div(Value::fixnum(1), num_expt(Value::fixnum(10), Value::fixnum(400)))), 0.0);
  // A subnormal: 1/2^1074 is the smallest.
  EXPECT_EQ(num_to_double(num_div(Value::fixnum(1), num_expt(Value::fixnum(2), Value::fixnum(1074)))), 5e-324);
  EXPECT_EQ(num_to_double(num_div(Value::fixnum(3), num_expt(Value::fixnum(2), Value::fixnum(1076)))), 5e-324);
  for (double d : {0.1, 1e-310, 1e300, -123.456, 5e-324}) {
    EXPECT_EQ(num_to_double(num_to_exact(make_flonum(d))), d);
  }
}

// --- eqv and hashing -----------------------------------------------------------------------------------------

TEST_F(Numbers, EqvAndHash) {
  Value a = num("100000000000000000000"), b = num("100000000000000000000");
  EXPECT_NE(a, b);
  EXPECT_TRUE(num_eqv(a, b));
  EXPECT_EQ(num_hash(a), num_hash(b));
  EXPECT_TRUE(num_eqv(num("1/3"), num("2/6")));
  EXPECT_EQ(num_hash(num("1/3")), num_hash(num("2/6")));
  EXPECT_TRUE(num_eqv(make_flonum(1.5), make_flonum(1.5)));
  EXPECT_EQ(num_hash(make_flonum(1.5)), num_hash(make_flonum(1.5)));
  EXPECT_FALSE(num_eqv(Value::fixnum(1), make_flonum(1.0)));
  EXPECT_FALSE(num_eqv(make_flonum(0.0), make_flonum(-0.0)));
  EXPECT_TRUE(num_eqv(make_flonum(NAN), make_flonum(NAN)));
  EXPECT_EQ(num_hash(make_flonum(NAN)), num_hash(make_flonum(-NAN)));
  EXPECT_NE(num_hash(Value::fixnum(1)), num_hash(Value::fixnum(2)));
}

// --- bitwise ----------------------------------------------------------------------------------------------------

TEST_F(Numbers, Bitwise) {
  EXPECT_EQ(eval("bitwise-and", {"12", "10"}), "8");
  EXPECT_EQ(eval("bitwise-ior", {"12", "10"}), "14");
  EXPECT_EQ(eval("bitwise-xor", {"12", "10"}), "6");
  EXPECT_EQ(eval("bitwise-not", {"0"}), "-1");
  EXPECT_EQ(eval("bitwise-and", {"-1", "100000000000000000000"}), "100000000000000000000");
  EXPECT_EQ(eval("arithmetic-shift", {"1", "100"}), "1267650600228229401496703205376");
  EXPECT_EQ(eval("arithmetic-shift", {"-5", "-1"}), "-3");
  EXPECT_EQ(eval("arithmetic-shift", {"-5", "-1000"}), "-1");
  EXPECT_EQ(eval("arithmetic-shift", {"1", "100000000000"}), "error: arithmetic-shift: result too large");
  EXPECT_EQ(eval("bit-count", {"255"}), "8");
  EXPECT_EQ(eval("integer-length", {"255"}), "8");
  EXPECT_EQ(eval("integer-length", {"-256"}), "8");
}

// --- GC safety: bignums survive collections -----------------------------------------------------------------------

TEST_F(Numbers, BignumsSurviveCollection) {
  Value v = num_expt(Value::fixnum(3), Value::fixnum(1000));
  std::string before = str(v);
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 1000; ++j) num_mul(num("123456789012345678901234567890"), Value::fixnum(j + 2));
    gc_collect();
  }
  EXPECT_EQ(str(v), before);
}
