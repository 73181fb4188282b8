// Reading and writing numbers: R7RS number syntax <-> values.
//
// Both directions avoid the C locale functions (strtod, printf), whose
// decimal point follows LC_NUMERIC: flonums go through std::to_chars /
// std::from_chars, which are locale-free and give the shortest
// round-tripping digits and correctly rounded parses.
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>

#include "runtime/heap.h"
#include "runtime/numbers.h"
#include "runtime/numbers_impl.h"

namespace kiln {

using namespace numimpl;

// --- printing ------------------------------------------------------------------------

namespace {

// The shortest digits that read back to `d` (from to_chars in scientific
// form), laid out the way Scheme systems print them: positional for
// exponents -7 < e < 21 ("100.0", "0.001"), else "1e21" / "1.5e-7".
std::string flonum_to_string(double d) {
  if (std::isnan(d)) return "+nan.0";
  if (std::isinf(d)) return d > 0 ? "+inf.0" : "-inf.0";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, res.ptr - buf);  // e.g. "-1.2345e+21"
  std::string out;
  if (sci[0] == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  size_t epos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, epos)) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int exp = std::atoi(std::string(sci.substr(epos + 1)).c_str());
  int n = static_cast<int>(digits.size());
  if (exp >= 21 || exp <= -7) {
    out += digits[0];
    if (n > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += std::to_string(exp);
  } else if (exp >= n - 1) {
    out += digits;
    out.append(exp - (n - 1), '0');
    out += ".0";
  } else if (exp >= 0) {
    out += digits.substr(0, exp + 1);
    out += '.';
    out += digits.substr(exp + 1);
  } else {
    out += "0.";
    out.append(-exp - 1, '0');
    out += digits;
  }
  return out;
}

std::string integer_to_string(Value v, int radix) {
  if (v.is_fixnum()) {
    char buf[72];
    auto res = std::to_chars(buf, buf + sizeof buf, v.as_fixnum(), radix);
    return std::string(buf, res.ptr);
  }
  mpz_srcptr z = bignum_mpz(v);
  std::string out(mpz_sizeinbase(z, radix) + 2, '\0');
  mpz_get_str(out.data(), radix, z);
  out.resize(std::strlen(out.c_str()));
  return out;
}

}  // namespace

std::string number_to_string(Value v, int radix) {
  if (radix != 2 && radix != 8 && radix != 10 && radix != 16) {
    error("number->string: radix must be 2, 8, 10 or 16", {Value::fixnum(radix)});
  }
  switch (kind_of(v)) {
    case NumKind::Fixnum:
    case NumKind::Bignum: return integer_to_string(v, radix);
    case NumKind::Ratnum:
      return integer_to_string(v.as<Ratnum>()->num, radix) + "/" + integer_to_string(v.as<Ratnum>()->den, radix);
    case NumKind::Flonum:
      if (radix != 10) error("number->string: inexact numbers can only be written in radix 10", {v});
      return flonum_to_string(flonum_value(v));
    case NumKind::None: break;
  }
  type_error("number->string", 1, "number", v);
}

// --- parsing -------------------------------------------------------------------------

namespace {

// Exact decimal exponents beyond this are refused rather than building a
// power of ten with millions of digits.
constexpr int64_t kMaxExactDecimalExponent = 100000;

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

bool all_digits(std::string_view s, int radix) {
  if (s.empty()) return false;
  for (char c : s) {
    if (digit_value(c) >= radix) return false;
  }
  return true;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// An unsigned integer from digits already checked by all_digits.
Value parse_uinteger(std::string_view s, int radix) {
  if (s.size() <= 15) {  // 15 hex digits are 60 bits: always a fixnum
    int64_t n = 0;
    for (char c : s) n = n * radix + digit_value(c);
    return Value::fixnum(n);
  }
  Mpz z;
  mpz_set_str(z, std::string(s).c_str(), radix);
  return make_integer_mpz(z);
}

// A radix-10 decimal: digits with at most one '.', at least one digit, then
// an optional exponent "e[+-]digits". Splits it into its parts.
struct Decimal {
  std::string_view int_digits, frac_digits;
  int64_t exponent = 0;  // saturated at +-10^15
};

bool split_decimal(std::string_view s, Decimal* d) {
  size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  d->int_digits = s.substr(0, i);
  if (i < s.size() && s[i] == '.') {
    size_t start = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    d->frac_digits = s.substr(start, i - start);
  }
  if (d->int_digits.empty() && d->frac_digits.empty()) return false;
  if (i == s.size()) return true;
  if (s[i] != 'e' && s[i] != 'E') return false;
  ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i == s.size()) return false;
  int64_t e = 0;
  for (; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    if (e < 1'000'000'000'000'000) e = e * 10 + (s[i] - '0');
  }
  d->exponent = neg ? -e : e;
  return true;
}

Value exact_decimal(const Decimal& d) {
  std::string digits = std::string(d.int_digits) + std::string(d.frac_digits);
  Value mantissa = parse_uinteger(digits, 10);
  if (mantissa == Value::fixnum(0)) return mantissa;
  int64_t k = d.exponent - static_cast<int64_t>(d.frac_digits.size());
  // (A tiny one needs a denominator as huge as a huge one's numerator.)
  if (k > kMaxExactDecimalExponent) error("string->number: exact number too large to represent");
  if (k < -kMaxExactDecimalExponent) error("string->number: exact number too small to represent exactly");
  Mpz p;
  mpz_ui_pow_ui(p, 10, static_cast<unsigned long>(k < 0 ? -k : k));
  Value scale = make_integer_mpz(p);
  return k >= 0 ? num_mul(mantissa, scale) : make_rational(mantissa, scale);
}

double inexact_decimal(std::string_view s, const Decimal& d) {
  double out = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::general);
  if (res.ec == std::errc::result_out_of_range) {
    // Decide overflow against underflow from the decimal magnitude.
    int64_t mag = d.exponent + static_cast<int64_t>(d.int_digits.size());
    size_t lead = d.int_digits.find_first_not_of('0');
    if (lead == std::string_view::npos) {
      mag = d.exponent - static_cast<int64_t>(d.frac_digits.find_first_not_of('0'));
    }
    return mag > 0 ? HUGE_VAL : 0.0;
  }
  return out;
}

// <real R> after the prefix: sign, then <ureal R> or inf/nan.
Value parse_real(std::string_view s, int radix, char exactness) {
  if (s.empty()) return kFalse;
  bool neg = false;
  bool has_sign = s[0] == '+' || s[0] == '-';
  if (has_sign) {
    neg = s[0] == '-';
    s.remove_prefix(1);
    if (s.empty()) return kFalse;
    if (equals_ignore_case(s, "inf.0")) {
      return exactness == 'e' ? kFalse : make_flonum(neg ? -HUGE_VAL : HUGE_VAL);
    }
    if (equals_ignore_case(s, "nan.0")) return exactness == 'e' ? kFalse : make_flonum(NAN);
  }
  Value v;
  size_t slash = s.find('/');
  if (slash != std::string_view::npos) {
    std::string_view ns = s.substr(0, slash), ds = s.substr(slash + 1);
    if (!all_digits(ns, radix) || !all_digits(ds, radix)) return kFalse;
    Value d = parse_uinteger(ds, radix);
    if (d == Value::fixnum(0)) return kFalse;
    v = make_rational(parse_uinteger(ns, radix), d);
  } else if (all_digits(s, radix)) {
    v = parse_uinteger(s, radix);
  } else {
    Decimal d;
    if (radix != 10 || !split_decimal(s, &d)) return kFalse;
    if (exactness != 'e') {
      double x = inexact_decimal(s, d);
      return make_flonum(neg ? -x : x);
    }
    v = exact_decimal(d);
  }
  if (exactness == 'i') {
    double x = num_to_double(v);
    return make_flonum(neg ? -x : x);
  }
  return neg ? num_neg(v) : v;
}

// <complex R> after the prefixes, split into its two <real R> parts:
// "a+bi" / "a-bi" / "a+i" / "a<infnan>i" (rectangular), "+bi" / "+i" /
// "<infnan>i" (pure imaginary: `re` is empty), or "m@a" (polar). An
// imaginary part that is only a sign ("+i") leaves `im` as that sign.
struct ComplexText {
  std::string_view re, im;
  bool polar = false;
};

bool is_sign(char c) { return c == '+' || c == '-'; }

bool split_complex(std::string_view s, int radix, ComplexText* out) {
  size_t at = s.find('@');
  if (at != std::string_view::npos) {
    out->re = s.substr(0, at);
    out->im = s.substr(at + 1);
    out->polar = true;
    return !out->re.empty() && !out->im.empty();
  }
  if (s.size() < 2 || (s.back() != 'i' && s.back() != 'I')) return false;
  std::string_view body = s.substr(0, s.size() - 1);
  // The imaginary part starts at the last sign that is not an exponent's
  // ("1e-2+3e-4i"); decimal exponents exist only in radix 10, where 'e' is
  // no digit.
  size_t k = 0;
  for (size_t j = body.size() - 1; j >= 1; --j) {
    if (!is_sign(body[j])) continue;
    char before = body[j - 1];
    bool exponent_sign = radix == 10 && (before == 'e' || before == 'E') && j >= 2 &&
                         (std::isdigit(static_cast<unsigned char>(body[j - 2])) || body[j - 2] == '.');
    if (!exponent_sign) {
      k = j;
      break;
    }
  }
  if (!is_sign(body[k])) return false;
  out->re = body.substr(0, k);
  out->im = body.substr(k);
  // The imaginary part is a sign, a signed <ureal>, or a signed <infnan>;
  // a second sign ("1+-2i") is no number.
  return out->im.size() == 1 || !is_sign(out->im[1]);
}

// parse_real for one part of a complex number; a lone sign is +-1.
Value parse_complex_part(std::string_view s, int radix, char exactness) {
  if (s.size() == 1 && is_sign(s[0])) {
    int64_t one = s[0] == '-' ? -1 : 1;
    return exactness == 'i' ? make_flonum(static_cast<double>(one)) : Value::fixnum(one);
  }
  return parse_real(s, radix, exactness);
}

// What parse_number found: a real (`value`), a valid non-real complex
// number that Kiln cannot represent, or no number at all.
enum class NumberSyntax { NotNumber, Real, NonReal };

NumberSyntax classify_number(std::string_view s, int radix, Value* value) {
  *value = kFalse;
  if (s.empty()) return NumberSyntax::NotNumber;
  // Cheap rejection of ordinary identifiers: a number starts with a digit of
  // its radix, a sign, a point or a '#' prefix.
  char c0 = s[0];
  if (!(digit_value(c0) < radix || c0 == '+' || c0 == '-' || c0 == '.' || c0 == '#')) {
    return NumberSyntax::NotNumber;
  }
  char exactness = 0;
  bool radix_seen = false;
  while (!s.empty() && s[0] == '#') {
    if (s.size() < 2) return NumberSyntax::NotNumber;
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s[1])));
    if (p == 'e' || p == 'i') {
      if (exactness) return NumberSyntax::NotNumber;
      exactness = p;
    } else {
      if (radix_seen) return NumberSyntax::NotNumber;
      radix_seen = true;
      switch (p) {
        case 'x': radix = 16; break;
        case 'd': radix = 10; break;
        case 'o': radix = 8; break;
        case 'b': radix = 2; break;
        default: return NumberSyntax::NotNumber;
      }
    }
    s.remove_prefix(2);
  }
  *value = parse_real(s, radix, exactness);
  if (*value != kFalse) return NumberSyntax::Real;
  ComplexText parts;
  if (!split_complex(s, radix, &parts)) return NumberSyntax::NotNumber;
  Value re = parts.re.empty() ? Value::fixnum(0) : parse_real(parts.re, radix, exactness);
  Value im = parse_complex_part(parts.im, radix, exactness);
  if (re == kFalse || im == kFalse) return NumberSyntax::NotNumber;
  // An exact zero imaginary part or angle makes the number real (R7RS 6.2.6:
  // (real? -2.5+0i) is #t), as make-rectangular and make-polar agree.
  if (im == Value::fixnum(0)) {
    *value = parts.re.empty() ? (exactness == 'i' ? make_flonum(0.0) : Value::fixnum(0)) : re;
    return NumberSyntax::Real;
  }
  return NumberSyntax::NonReal;
}

}  // namespace

Value parse_number(std::string_view s, int radix) {
  Value v;
  return classify_number(s, radix, &v) == NumberSyntax::Real ? v : kFalse;
}

bool is_nonreal_number_syntax(std::string_view s, int radix) {
  Value v;
  return classify_number(s, radix, &v) == NumberSyntax::NonReal;
}

}  // namespace kiln
