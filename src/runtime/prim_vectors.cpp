// Vectors and bytevectors, including the UTF-8 conversions between strings
// and bytevectors. Literal vectors and bytevectors are immutable.
#include <algorithm>
#include <cstring>
#include <string>

#include "runtime/prim_support.h"

namespace kiln {

namespace {

// A byte argument: an exact integer 0..255.
uint8_t byte_arg(const Args& a, uint32_t i) {
  if (!a[i].is_fixnum() || a[i].as_fixnum() < 0 || a[i].as_fixnum() > 255) a.fail(i, "byte (exact integer 0 to 255)");
  return static_cast<uint8_t>(a[i].as_fixnum());
}

void check_total(const Args& a, int64_t n) {
  if (n > kMaxElements) error(std::string(a.who) + ": result too large", {Value::fixnum(n)});
}

}  // namespace

// --- vectors -------------------------------------------------------------------

KILN_PRIMITIVE(prim_is_vector, "vector?", 1, 1, "(vector? obj): whether obj is a vector.") {
  return Value::boolean(is_vector(a[0]));
}

KILN_PRIMITIVE(prim_make_vector, "make-vector", 1, 2, "(make-vector k [fill]): a fresh vector of k elements (default #f).") {
  int64_t n = size_arg(a, 0);
  return make_vector(n, a.has(1) ? a[1] : kFalse);
}

KILN_PRIMITIVE(prim_vector, "vector", 0, -1, "(vector obj ...): a fresh vector of the arguments.") {
  Value v = make_vector(a.size());
  for (uint32_t i = 0; i < a.size(); ++i) vector_items(v)[i] = a[i];
  return v;
}

KILN_PRIMITIVE(prim_vector_length, "vector-length", 1, 1, "(vector-length vec): the number of elements of vec.") {
  return Value::fixnum(vector_length(a.vector(0)));
}

KILN_PRIMITIVE(prim_vector_ref, "vector-ref", 2, 2, "(vector-ref vec k): element k (from 0) of vec.") {
  Value v = a.vector(0);
  return vector_items(v)[index_arg(a, 1, vector_length(v), v)];
}

KILN_PRIMITIVE(prim_vector_set, "vector-set!", 3, 3, "(vector-set! vec k obj): stores obj at index k of vec.") {
  Value v = a.vector(0);
  int64_t k = index_arg(a, 1, vector_length(v), v);
  check_mutable(a.who, v);
  vector_items(v)[k] = a[2];
  return kUnspecified;
}

KILN_PRIMITIVE(prim_vector_to_list, "vector->list", 1, 3,
               "(vector->list vec [start [end]]): a list of the elements of (part of) vec.") {
  Value v = a.vector(0);
  Span sp = span_args(a, 1, vector_length(v), v);
  Value r = kNil;
  for (int64_t i = sp.end; i-- > sp.start;) r = cons(vector_items(v)[i], r);
  return r;
}

KILN_PRIMITIVE(prim_list_to_vector, "list->vector", 1, 1, "(list->vector list): a fresh vector of the elements of list.") {
  a.list(0);
  return list_to_vector(a[0]);
}

KILN_PRIMITIVE(prim_vector_fill, "vector-fill!", 2, 4,
               "(vector-fill! vec obj [start [end]]): stores obj in every position of (part of) vec.") {
  Value v = a.vector(0);
  Span sp = span_args(a, 2, vector_length(v), v);
  check_mutable(a.who, v);
  std::fill(vector_items(v) + sp.start, vector_items(v) + sp.end, a[1]);
  return kUnspecified;
}

KILN_PRIMITIVE(prim_vector_copy, "vector-copy", 1, 3,
               "(vector-copy vec [start [end]]): a fresh copy of (part of) vec.") {
  Value v = a.vector(0);
  Span sp = span_args(a, 1, vector_length(v), v);
  Value r = make_vector(sp.size());
  std::copy(vector_items(v) + sp.start, vector_items(v) + sp.end, vector_items(r));
  return r;
}

KILN_PRIMITIVE(prim_vector_copy_into, "vector-copy!", 3, 5,
               "(vector-copy! to at from [start [end]]): copies elements of from into to starting at index "
               "at; overlapping ranges are copied correctly.") {
  Value to = a.vector(0);
  int64_t at = a.index(1);
  Value from = a.vector(2);
  Span sp = span_args(a, 3, vector_length(from), from);
  if (at > vector_length(to)) range_error(a.who, a[1], to);
  if (sp.size() > vector_length(to) - at) copy_range_error(a.who, a[1], sp.size(), to);
  check_mutable(a.who, to);
  std::memmove(vector_items(to) + at, vector_items(from) + sp.start, sizeof(Value) * sp.size());
  return kUnspecified;
}

KILN_PRIMITIVE(prim_vector_append, "vector-append", 0, -1, "(vector-append vec ...): a fresh vector of the vectors joined.") {
  int64_t total = 0;
  for (uint32_t i = 0; i < a.size(); ++i) total += vector_length(a.vector(i));
  check_total(a, total);
  Value r = make_vector(total);
  Value* out = vector_items(r);
  for (uint32_t i = 0; i < a.size(); ++i) out = std::copy(vector_items(a[i]), vector_items(a[i]) + vector_length(a[i]), out);
  return r;
}

// --- bytevectors ---------------------------------------------------------------

KILN_PRIMITIVE(prim_is_bytevector, "bytevector?", 1, 1, "(bytevector? obj): whether obj is a bytevector.") {
  return Value::boolean(is_bytevector(a[0]));
}

KILN_PRIMITIVE(prim_make_bytevector, "make-bytevector", 1, 2,
               "(make-bytevector k [byte]): a fresh bytevector of k bytes (default 0).") {
  int64_t n = size_arg(a, 0);
  return make_bytevector(n, a.has(1) ? byte_arg(a, 1) : 0);
}

KILN_PRIMITIVE(prim_bytevector, "bytevector", 0, -1, "(bytevector byte ...): a fresh bytevector of the given bytes.") {
  Value b = make_bytevector(a.size());
  for (uint32_t i = 0; i < a.size(); ++i) bytevector_bytes(b)[i] = byte_arg(a, i);
  return b;
}

KILN_PRIMITIVE(prim_bytevector_length, "bytevector-length", 1, 1, "(bytevector-length bv): the number of bytes in bv.") {
  return Value::fixnum(bytevector_length(a.bytevector(0)));
}

KILN_PRIMITIVE(prim_bytevector_u8_ref, "bytevector-u8-ref", 2, 2, "(bytevector-u8-ref bv k): byte k (from 0) of bv.") {
  Value b = a.bytevector(0);
  return Value::fixnum(bytevector_bytes(b)[index_arg(a, 1, bytevector_length(b), b)]);
}

KILN_PRIMITIVE(prim_bytevector_u8_set, "bytevector-u8-set!", 3, 3,
               "(bytevector-u8-set! bv k byte): stores byte at index k of bv.") {
  Value b = a.bytevector(0);
  int64_t k = index_arg(a, 1, bytevector_length(b), b);
  uint8_t byte = byte_arg(a, 2);
  check_mutable(a.who, b);
  bytevector_bytes(b)[k] = byte;
  return kUnspecified;
}

KILN_PRIMITIVE(prim_bytevector_copy, "bytevector-copy", 1, 3,
               "(bytevector-copy bv [start [end]]): a fresh copy of (part of) bv.") {
  Value b = a.bytevector(0);
  Span sp = span_args(a, 1, bytevector_length(b), b);
  Value r = make_bytevector(sp.size());
  if (sp.size()) std::memcpy(bytevector_bytes(r), bytevector_bytes(b) + sp.start, sp.size());
  return r;
}

KILN_PRIMITIVE(prim_bytevector_copy_into, "bytevector-copy!", 3, 5,
               "(bytevector-copy! to at from [start [end]]): copies bytes of from into to starting at index "
               "at; overlapping ranges are copied correctly.") {
  Value to = a.bytevector(0);
  int64_t at = a.index(1);
  Value from = a.bytevector(2);
  Span sp = span_args(a, 3, bytevector_length(from), from);
  if (at > bytevector_length(to)) range_error(a.who, a[1], to);
  if (sp.size() > bytevector_length(to) - at) copy_range_error(a.who, a[1], sp.size(), to);
  check_mutable(a.who, to);
  if (sp.size()) std::memmove(bytevector_bytes(to) + at, bytevector_bytes(from) + sp.start, sp.size());
  return kUnspecified;
}

KILN_PRIMITIVE(prim_bytevector_append, "bytevector-append", 0, -1,
               "(bytevector-append bv ...): a fresh bytevector of the bytevectors joined.") {
  int64_t total = 0;
  for (uint32_t i = 0; i < a.size(); ++i) total += bytevector_length(a.bytevector(i));
  check_total(a, total);
  Value r = make_bytevector(total);
  int64_t at = 0;
  for (uint32_t i = 0; i < a.size(); ++i) {
    int64_t n = bytevector_length(a[i]);
    if (n) std::memcpy(bytevector_bytes(r) + at, bytevector_bytes(a[i]), n);
    at += n;
  }
  return r;
}

KILN_PRIMITIVE(prim_utf8_to_string, "utf8->string", 1, 3,
               "(utf8->string bv [start [end]]): the string that (part of) bv encodes in UTF-8; invalid "
               "sequences decode as U+FFFD.") {
  Value b = a.bytevector(0);
  Span sp = span_args(a, 1, bytevector_length(b), b);
  return make_string(std::string_view(reinterpret_cast<const char*>(bytevector_bytes(b)) + sp.start, sp.size()));
}

KILN_PRIMITIVE(prim_string_to_utf8, "string->utf8", 1, 3,
               "(string->utf8 str [start [end]]): the UTF-8 encoding of (part of) str.") {
  Value s = a.string(0);
  Span sp = span_args(a, 1, string_length(s), s);
  std::string bytes;
  bytes.reserve(sp.size());
  for (int64_t i = sp.start; i < sp.end; ++i) utf8_append(bytes, as_string(s)->chars[i]);
  Value r = make_bytevector(static_cast<int64_t>(bytes.size()));
  if (!bytes.empty()) std::memcpy(bytevector_bytes(r), bytes.data(), bytes.size());
  return r;
}

}  // namespace kiln
