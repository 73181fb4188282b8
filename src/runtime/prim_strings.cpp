// Strings: construction, access, comparison, copying, Unicode case mapping,
// and the string-join / string-split extensions. Strings hold one code point
// per element (object.h), so indexing is O(1); literals are immutable.
#include <algorithm>
#include <cstring>
#include <string>

#include "runtime/prim_support.h"
#include "runtime/unicode_case.h"

namespace kiln {

namespace {

const uint32_t* chars(Value s) { return as_string(s)->chars; }

Value string_from(const std::u32string& s) {
  return make_string(reinterpret_cast<const uint32_t*>(s.data()), static_cast<int64_t>(s.size()));
}

// A new string of `n` characters, raising if that is too large.
Value fresh_string(const Args& a, int64_t n) {
  if (n > kMaxElements) error(std::string(a.who) + ": resulting string too large", {Value::fixnum(n)});
  return make_string(n);
}

int compare_code_points(const uint32_t* x, int64_t nx, const uint32_t* y, int64_t ny) {
  int64_t n = std::min(nx, ny);
  for (int64_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return nx == ny ? 0 : (nx < ny ? -1 : 1);
}

// Checks every argument is a string, then whether cmp(order(a[i], a[i+1]))
// holds for each neighbouring pair. Case-insensitive comparisons compare the
// full case folds.
template <class Cmp>
Value compare_strings(const Args& a, bool fold, Cmp cmp) {
  for (uint32_t i = 0; i < a.size(); ++i) a.string(i);
  std::u32string prev, cur;
  if (fold) string_foldcase_into(chars(a[0]), string_length(a[0]), prev);
  bool result = true;
  for (uint32_t i = 0; i + 1 < a.size() && result; ++i) {
    int order;
    if (fold) {
      cur.clear();
      string_foldcase_into(chars(a[i + 1]), string_length(a[i + 1]), cur);
      order = compare_code_points(reinterpret_cast<const uint32_t*>(prev.data()), static_cast<int64_t>(prev.size()),
                                  reinterpret_cast<const uint32_t*>(cur.data()), static_cast<int64_t>(cur.size()));
      prev.swap(cur);
    } else {
      order = compare_code_points(chars(a[i]), string_length(a[i]), chars(a[i + 1]), string_length(a[i + 1]));
    }
    result = cmp(order);
  }
  return Value::boolean(result);
}

}  // namespace

KILN_PRIMITIVE(prim_is_string, "string?", 1, 1, "(string? obj): whether obj is a string.") {
  return Value::boolean(is_string(a[0]));
}

KILN_PRIMITIVE(prim_make_string, "make-string", 1, 2, "(make-string k [char]): a fresh string of k chars (default space).") {
  int64_t n = size_arg(a, 0);
  uint32_t fill = a.has(1) ? a.character(1) : ' ';
  return make_string(n, fill);
}

KILN_PRIMITIVE(prim_string, "string", 0, -1, "(string char ...): a fresh string of the given characters.") {
  Value s = make_string(a.size());
  for (uint32_t i = 0; i < a.size(); ++i) as_string(s)->chars[i] = a.character(i);
  return s;
}

KILN_PRIMITIVE(prim_string_length, "string-length", 1, 1, "(string-length str): the number of characters in str.") {
  return Value::fixnum(string_length(a.string(0)));
}

KILN_PRIMITIVE(prim_string_ref, "string-ref", 2, 2, "(string-ref str k): character k (from 0) of str.") {
  Value s = a.string(0);
  return Value::character(chars(s)[index_arg(a, 1, string_length(s), s)]);
}

KILN_PRIMITIVE(prim_string_set, "string-set!", 3, 3, "(string-set! str k char): stores char at index k of str.") {
  Value s = a.string(0);
  int64_t k = index_arg(a, 1, string_length(s), s);
  uint32_t c = a.character(2);
  check_mutable(a.who, s);
  as_string(s)->chars[k] = c;
  return kUnspecified;
}

#define KILN_STRING_COMPARE(cname, sname, fold, test, what)                                      \
  KILN_PRIMITIVE(cname, sname, 2, -1, "(" sname " str1 str2 ...): whether the strings are " what) { \
    return compare_strings(a, fold, [](int order) { return order test; });                     \
  }

KILN_STRING_COMPARE(prim_string_eq, "string=?", false, == 0, "all equal")
KILN_STRING_COMPARE(prim_string_lt, "string<?", false, < 0, "strictly increasing (lexicographically by code point)")
KILN_STRING_COMPARE(prim_string_gt, "string>?", false, > 0, "strictly decreasing (lexicographically by code point)")
KILN_STRING_COMPARE(prim_string_le, "string<=?", false, <= 0, "non-decreasing (lexicographically by code point)")
KILN_STRING_COMPARE(prim_string_ge, "string>=?", false, >= 0, "non-increasing (lexicographically by code point)")
KILN_STRING_COMPARE(prim_string_ci_eq, "string-ci=?", true, == 0, "all equal after full case folding")
KILN_STRING_COMPARE(prim_string_ci_lt, "string-ci<?", true, < 0, "strictly increasing after full case folding")
KILN_STRING_COMPARE(prim_string_ci_gt, "string-ci>?", true, > 0, "strictly decreasing after full case folding")
KILN_STRING_COMPARE(prim_string_ci_le, "string-ci<=?", true, <= 0, "non-decreasing after full case folding")
KILN_STRING_COMPARE(prim_string_ci_ge, "string-ci>=?", true, >= 0, "non-increasing after full case folding")

#undef KILN_STRING_COMPARE

// --- substrings and copies -------------------------------------------------------

KILN_PRIMITIVE(prim_substring, "substring", 2, 3,
               "(substring str start [end]): a fresh string of the characters of str from start to end.") {
  Value s = a.string(0);
  Span sp = span_args(a, 1, string_length(s), s);
  return make_string(chars(s) + sp.start, sp.size());
}

KILN_PRIMITIVE(prim_string_copy, "string-copy", 1, 3,
               "(string-copy str [start [end]]): a fresh, mutable copy of (part of) str.") {
  Value s = a.string(0);
  Span sp = span_args(a, 1, string_length(s), s);
  return make_string(chars(s) + sp.start, sp.size());
}

KILN_PRIMITIVE(prim_string_copy_into, "string-copy!", 3, 5,
               "(string-copy! to at from [start [end]]): copies characters of from into to starting at index "
               "at; overlapping ranges are copied correctly.") {
  Value to = a.string(0);
  int64_t at = a.index(1);
  Value from = a.string(2);
  Span sp = span_args(a, 3, string_length(from), from);
  if (at > string_length(to)) range_error(a.who, a[1], to);
  if (sp.size() > string_length(to) - at) copy_range_error(a.who, a[1], sp.size(), to);
  check_mutable(a.who, to);
  std::memmove(as_string(to)->chars + at, chars(from) + sp.start, 4 * sp.size());
  return kUnspecified;
}

KILN_PRIMITIVE(prim_string_fill, "string-fill!", 2, 4,
               "(string-fill! str char [start [end]]): stores char in every position of (part of) str.") {
  Value s = a.string(0);
  uint32_t c = a.character(1);
  Span sp = span_args(a, 2, string_length(s), s);
  check_mutable(a.who, s);
  std::fill(as_string(s)->chars + sp.start, as_string(s)->chars + sp.end, c);
  return kUnspecified;
}

KILN_PRIMITIVE(prim_string_append, "string-append", 0, -1, "(string-append str ...): a fresh string of the strings joined.") {
  int64_t total = 0;
  for (uint32_t i = 0; i < a.size(); ++i) total += string_length(a.string(i));
  Value r = fresh_string(a, total);
  int64_t at = 0;
  for (uint32_t i = 0; i < a.size(); ++i) {
    std::memcpy(as_string(r)->chars + at, chars(a[i]), 4 * string_length(a[i]));
    at += string_length(a[i]);
  }
  return r;
}

// --- conversions -------------------------------------------------------------------

KILN_PRIMITIVE(prim_string_to_list, "string->list", 1, 3,
               "(string->list str [start [end]]): a list of the characters of (part of) str.") {
  Value s = a.string(0);
  Span sp = span_args(a, 1, string_length(s), s);
  Value r = kNil;
  for (int64_t i = sp.end; i-- > sp.start;) r = cons(Value::character(chars(s)[i]), r);
  return r;
}

KILN_PRIMITIVE(prim_list_to_string, "list->string", 1, 1, "(list->string list): a fresh string of a list of characters.") {
  int64_t n = a.list(0);
  Value r = fresh_string(a, n);
  Value l = a[0];
  for (int64_t i = 0; i < n; ++i, l = cdr(l)) {
    if (!is_char(car(l))) a.fail(0, "list of characters");
    as_string(r)->chars[i] = car(l).as_char();
  }
  return r;
}

KILN_PRIMITIVE(prim_string_to_vector, "string->vector", 1, 3,
               "(string->vector str [start [end]]): a vector of the characters of (part of) str.") {
  Value s = a.string(0);
  Span sp = span_args(a, 1, string_length(s), s);
  Value v = make_vector(sp.size());
  for (int64_t i = 0; i < sp.size(); ++i) vector_items(v)[i] = Value::character(chars(s)[sp.start + i]);
  return v;
}

KILN_PRIMITIVE(prim_vector_to_string, "vector->string", 1, 3,
               "(vector->string vec [start [end]]): a string of the characters in (part of) vec.") {
  Value v = a.vector(0);
  Span sp = span_args(a, 1, vector_length(v), v);
  Value r = make_string(sp.size());
  for (int64_t i = 0; i < sp.size(); ++i) {
    Value c = vector_items(v)[sp.start + i];
    if (!is_char(c)) a.fail(0, "vector of characters");
    as_string(r)->chars[i] = c.as_char();
  }
  return r;
}

// --- case mapping ------------------------------------------------------------------

KILN_PRIMITIVE(prim_string_upcase, "string-upcase", 1, 1,
               "(string-upcase str): str in upper case, with Unicode's full mappings (\"straße\" -> \"STRASSE\").") {
  Value s = a.string(0);
  std::u32string out;
  string_upcase_into(chars(s), string_length(s), out);
  return string_from(out);
}

KILN_PRIMITIVE(prim_string_downcase, "string-downcase", 1, 1,
               "(string-downcase str): str in lower case, with Unicode's full mappings and final sigma.") {
  Value s = a.string(0);
  std::u32string out;
  string_downcase_into(chars(s), string_length(s), out);
  return string_from(out);
}

KILN_PRIMITIVE(prim_string_foldcase, "string-foldcase", 1, 1,
               "(string-foldcase str): the full Unicode case folding of str, for caseless comparison.") {
  Value s = a.string(0);
  std::u32string out;
  string_foldcase_into(chars(s), string_length(s), out);
  return string_from(out);
}

// --- extensions --------------------------------------------------------------------

KILN_PRIMITIVE(prim_string_join, "string-join", 1, 2,
               "(string-join list [delimiter]): the strings of list joined with delimiter (default \" \") "
               "between them.") {
  Value delim = a.has(1) ? a.string(1) : Value{};
  int64_t dlen = a.has(1) ? string_length(delim) : 1;
  int64_t n = a.list(0);
  int64_t total = 0;
  for (Value l = a[0]; is_pair(l); l = cdr(l)) {
    if (!is_string(car(l))) a.fail(0, "list of strings");
    total += string_length(car(l));
  }
  if (n > 1) total += dlen * (n - 1);
  Value r = fresh_string(a, total);
  uint32_t* out = as_string(r)->chars;
  bool first = true;
  for (Value l = a[0]; is_pair(l); l = cdr(l)) {
    if (!first) {
      if (a.has(1)) out = std::copy(chars(delim), chars(delim) + dlen, out);
      else *out++ = ' ';
    }
    first = false;
    out = std::copy(chars(car(l)), chars(car(l)) + string_length(car(l)), out);
  }
  return r;
}

KILN_PRIMITIVE(prim_string_split, "string-split", 1, 2,
               "(string-split str [delimiter]): a list of the fields of str. With a character or string "
               "delimiter, splits at each occurrence and keeps empty fields (\"a,,b\" -> (\"a\" \"\" \"b\")); "
               "without one, splits at runs of white space and drops empty fields.") {
  Value s = a.string(0);
  const uint32_t* p = chars(s);
  int64_t n = string_length(s);
  Value fields = kNil;  // reversed
  auto field = [&](int64_t from, int64_t to) { fields = cons(make_string(p + from, to - from), fields); };
  if (!a.has(1)) {
    int64_t i = 0;
    while (i < n) {
      while (i < n && char_is_whitespace(p[i])) ++i;
      int64_t start = i;
      while (i < n && !char_is_whitespace(p[i])) ++i;
      if (i > start) field(start, i);
    }
    return list_reverse(fields);
  }
  const uint32_t* d;
  int64_t dlen;
  uint32_t one;
  if (is_char(a[1])) {
    one = a[1].as_char();
    d = &one;
    dlen = 1;
  } else if (is_string(a[1]) && string_length(a[1]) > 0) {
    d = chars(a[1]);
    dlen = string_length(a[1]);
  } else {
    a.fail(1, "character or non-empty string");
  }
  int64_t start = 0;
  for (int64_t i = 0; i + dlen <= n;) {
    if (std::equal(d, d + dlen, p + i)) {
      field(start, i);
      i += dlen;
      start = i;
    } else {
      ++i;
    }
  }
  field(start, n);
  return list_reverse(fields);
}

}  // namespace kiln
