// Characters: conversions, comparisons, Unicode properties and case mapping
// (see unicode_case.h for where the Unicode data comes from).
#include "runtime/prim_support.h"
#include "runtime/unicode_case.h"

namespace kiln {

namespace {

// Checks every argument is a character, then whether key(a[i]) cmp
// key(a[i+1]) holds for each neighbouring pair.
template <class Key, class Cmp>
Value compare_chars(const Args& a, Key key, Cmp cmp) {
  for (uint32_t i = 0; i < a.size(); ++i) a.character(i);
  for (uint32_t i = 0; i + 1 < a.size(); ++i)
    if (!cmp(key(a[i].as_char()), key(a[i + 1].as_char()))) return kFalse;
  return kTrue;
}

uint32_t same(uint32_t c) { return c; }

}  // namespace

KILN_PRIMITIVE(prim_is_char, "char?", 1, 1, "(char? obj): whether obj is a character.") {
  return Value::boolean(is_char(a[0]));
}

KILN_PRIMITIVE(prim_char_to_integer, "char->integer", 1, 1, "(char->integer char): the Unicode code point of char.") {
  return Value::fixnum(a.character(0));
}

KILN_PRIMITIVE(prim_integer_to_char, "integer->char", 1, 1,
               "(integer->char n): the character with code point n, a Unicode scalar value.") {
  if (!a[0].is_fixnum() || !is_scalar_value(a[0].as_fixnum()))
    a.fail(0, "Unicode scalar value (0 to #x10FFFF, excluding #xD800 to #xDFFF)");
  return Value::character(static_cast<uint32_t>(a[0].as_fixnum()));
}

#define KILN_CHAR_COMPARE(cname, sname, key, op, what)                                       \
  KILN_PRIMITIVE(cname, sname, 2, -1, "(" sname " char1 char2 ...): whether the characters are " what) { \
    return compare_chars(a, key, [](uint32_t x, uint32_t y) { return x op y; });             \
  }

KILN_CHAR_COMPARE(prim_char_eq, "char=?", same, ==, "all equal (by code point)")
KILN_CHAR_COMPARE(prim_char_lt, "char<?", same, <, "strictly increasing (by code point)")
KILN_CHAR_COMPARE(prim_char_gt, "char>?", same, >, "strictly decreasing (by code point)")
KILN_CHAR_COMPARE(prim_char_le, "char<=?", same, <=, "non-decreasing (by code point)")
KILN_CHAR_COMPARE(prim_char_ge, "char>=?", same, >=, "non-increasing (by code point)")
KILN_CHAR_COMPARE(prim_char_ci_eq, "char-ci=?", char_foldcase, ==, "all equal (by code point of their simple case folding)")
KILN_CHAR_COMPARE(prim_char_ci_lt, "char-ci<?", char_foldcase, <, "strictly increasing (by code point of their simple case folding)")
KILN_CHAR_COMPARE(prim_char_ci_gt, "char-ci>?", char_foldcase, >, "strictly decreasing (by code point of their simple case folding)")
KILN_CHAR_COMPARE(prim_char_ci_le, "char-ci<=?", char_foldcase, <=, "non-decreasing (by code point of their simple case folding)")
KILN_CHAR_COMPARE(prim_char_ci_ge, "char-ci>=?", char_foldcase, >=, "non-increasing (by code point of their simple case folding)")

#undef KILN_CHAR_COMPARE

KILN_PRIMITIVE(prim_char_alphabetic, "char-alphabetic?", 1, 1,
               "(char-alphabetic? char): whether char is a letter (Unicode categories L* and Nl).") {
  return Value::boolean(char_is_alphabetic(a.character(0)));
}

KILN_PRIMITIVE(prim_char_numeric, "char-numeric?", 1, 1,
               "(char-numeric? char): whether char is a decimal digit in any script (category Nd).") {
  return Value::boolean(char_is_numeric(a.character(0)));
}

KILN_PRIMITIVE(prim_char_whitespace, "char-whitespace?", 1, 1,
               "(char-whitespace? char): whether char is Unicode white space.") {
  return Value::boolean(char_is_whitespace(a.character(0)));
}

KILN_PRIMITIVE(prim_char_upper_case, "char-upper-case?", 1, 1, "(char-upper-case? char): whether char is upper case.") {
  return Value::boolean(char_is_upper_case(a.character(0)));
}

KILN_PRIMITIVE(prim_char_lower_case, "char-lower-case?", 1, 1, "(char-lower-case? char): whether char is lower case.") {
  return Value::boolean(char_is_lower_case(a.character(0)));
}

KILN_PRIMITIVE(prim_digit_value, "digit-value", 1, 1,
               "(digit-value char): the value 0-9 of a decimal digit (in any script), or #f.") {
  int d = char_digit_value(a.character(0));
  return d < 0 ? kFalse : Value::fixnum(d);
}

KILN_PRIMITIVE(prim_char_upcase, "char-upcase", 1, 1, "(char-upcase char): the simple upper-case mapping of char.") {
  return Value::character(char_upcase(a.character(0)));
}

KILN_PRIMITIVE(prim_char_downcase, "char-downcase", 1, 1,
               "(char-downcase char): the simple lower-case mapping of char.") {
  return Value::character(char_downcase(a.character(0)));
}

KILN_PRIMITIVE(prim_char_foldcase, "char-foldcase", 1, 1, "(char-foldcase char): the simple case folding of char.") {
  return Value::character(char_foldcase(a.character(0)));
}

}  // namespace kiln
