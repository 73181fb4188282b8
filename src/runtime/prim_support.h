// Small helpers shared by the data primitives (lists, strings, vectors, ...):
// mutability checks, optional start/end ranges, size limits and checked list
// walks. Each raises a Scheme error naming the primitive; none allocates.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/literal.h"
#include "runtime/primitive.h"

namespace kiln {

/// Largest element count for a freshly made vector, string, bytevector or
/// list. Bigger requests are a Scheme error instead of an out-of-memory exit.
inline constexpr int64_t kMaxElements = int64_t{1} << 28;

/// Raises "who: cannot modify a literal constant" if `obj` (a pair,
/// string, vector or bytevector) is a literal (literal.h).
inline void check_mutable(const char* who, Value obj) {
  if (is_literal(obj)) error(std::string(who) + ": cannot modify a literal constant", {obj});
}

/// A size argument: a non-negative fixnum no bigger than kMaxElements.
inline int64_t size_arg(const Args& a, uint32_t i) {
  int64_t n = a.index(i);
  if (n > kMaxElements) error(std::string(a.who) + ": size too large", {a[i]});
  return n;
}

/// An index argument that must be below `len`; raises a range error naming `obj`.
inline int64_t index_arg(const Args& a, uint32_t i, int64_t len, Value obj) {
  Value k = a[i];
  if (!k.is_fixnum() || k.as_fixnum() < 0 || k.as_fixnum() >= len) index_error(a.who, static_cast<int>(i + 1), k, obj);
  return k.as_fixnum();
}

/// The optional `start` (argument i) and `end` (argument i+1) of R7RS
/// sequence procedures, defaulting to 0 and `len`, checked 0 <= start <=
/// end <= len.
struct Span {
  int64_t start;
  int64_t end;
  int64_t size() const { return end - start; }
};
inline Span span_args(const Args& a, uint32_t i, int64_t len, Value obj) {
  Span s{0, len};
  if (a.has(i)) {
    s.start = a.index(i);
    if (s.start > len) range_error(a.who, a[i], obj);
  }
  if (a.has(i + 1)) {
    s.end = a.index(i + 1);
    if (s.end > len || s.end < s.start) range_error(a.who, a[i + 1], obj);
  }
  return s;
}

/// Calls fn(pair) for each pair of the list in argument i until fn returns
/// true; returns that pair, or kFalse at the end. Raises a type error if the
/// list is improper or circular (Floyd's check, so no extra pass).
template <class Fn>
Value walk_list(const Args& a, uint32_t i, Fn fn) {
  Value v = a[i];
  Value slow = v;
  bool step_slow = false;
  while (is_pair(v)) {
    if (fn(v)) return v;
    v = cdr(v);
    if (step_slow) {
      slow = cdr(slow);
      if (slow == v && is_pair(v)) a.fail(i, "proper list");
    }
    step_slow = !step_slow;
  }
  if (!is_null(v)) a.fail(i, "proper list");
  return kFalse;
}

}  // namespace kiln
