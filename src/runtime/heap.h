// Constructors, predicates and accessors for the heap objects of object.h.
// Accessors are unchecked; callers test the type first (primitives use the
// checked `expect_*` helpers of error.h).
#pragma once

#include <string>
#include <string_view>

#include "runtime/gc.h"
#include "runtime/object.h"

namespace kiln {

// --- pairs and lists -------------------------------------------------------
// A pair is a headerless 16-byte slot of the smallest small-object class
// (gc.h), tagged 101 (value.h).
inline Value cons(Value a, Value d) {
  Pair* p = static_cast<Pair*>(gc_alloc_small(sizeof(Pair)));
  p->car = a;
  p->cdr = d;
  return Value::pair(p);
}
inline bool is_pair(Value v) { return v.is_pair(); }
inline Value car(Value v) { return v.as_pair()->car; }
inline Value cdr(Value v) { return v.as_pair()->cdr; }
inline void set_car(Value p, Value v) { p.as_pair()->car = v; }
inline void set_cdr(Value p, Value v) { p.as_pair()->cdr = v; }

Value list(std::initializer_list<Value> items);
/// Length of a proper list, or -1 for an improper or circular one.
int64_t list_length(Value v);
Value list_reverse(Value v);

// --- numbers (the representation; arithmetic lives in numbers.h) ----------
Value make_flonum(double d);
inline bool is_flonum(Value v) { return has_type(v, Type::Flonum); }
inline double flonum_value(Value v) { return v.as<Flonum>()->value; }
/// Any exact integer: fixnum if it fits, else a bignum.
Value make_integer(int64_t n);

// --- characters ------------------------------------------------------------
inline bool is_char(Value v) { return v.is_char(); }

// --- strings (UTF-32 inside, UTF-8 at every C++ boundary) ------------------
Value make_string(int64_t length, uint32_t fill = ' ');
Value make_string(std::string_view utf8);
Value make_string(const uint32_t* chars, int64_t length);
inline bool is_string(Value v) { return has_type(v, Type::String); }
inline String* as_string(Value v) { return v.as<String>(); }
inline int64_t string_length(Value v) { return v.as<String>()->length(); }
std::string string_to_utf8(Value s);
/// Appends the UTF-8 encoding of code point `cp` to `out`.
void utf8_append(std::string& out, uint32_t cp);
/// Decodes UTF-8; invalid sequences become U+FFFD.
std::u32string utf8_decode(std::string_view utf8);
/// Whether `utf8` is all ASCII, one code point per byte: then
/// widen_ascii decodes it into `out` (utf8.size() code points) with no
/// buffer of its own.
bool is_ascii(std::string_view utf8);
void widen_ascii(std::string_view ascii, uint32_t* out);

// --- symbols -----------------------------------------------------------------
/// The interned symbol with this name.
Value intern(std::string_view utf8);
Value intern(Value string);
/// A fresh uninterned symbol (for gensyms).
Value make_uninterned_symbol(std::string_view utf8);
inline bool is_symbol(Value v) { return has_type(v, Type::Symbol); }
inline Value symbol_name(Value v) { return v.as<Symbol>()->name; }
std::string symbol_to_utf8(Value sym);

// --- vectors and bytevectors -------------------------------------------------
Value make_vector(int64_t length, Value fill = kUnspecified);
inline bool is_vector(Value v) { return has_type(v, Type::Vector); }
inline int64_t vector_length(Value v) { return static_cast<int64_t>(v.as_object()->size()); }
inline Value* vector_items(Value v) { return v.as<Vector>()->items; }
Value list_to_vector(Value list);
Value vector_to_list(Value vec);

Value make_bytevector(int64_t length, uint8_t fill = 0);
inline bool is_bytevector(Value v) { return has_type(v, Type::Bytevector); }
inline int64_t bytevector_length(Value v) { return static_cast<int64_t>(v.as_object()->size()); }
inline uint8_t* bytevector_bytes(Value v) { return v.as<Bytevector>()->bytes; }

// --- boxes, cells, multiple values -------------------------------------------
Value make_box(Value v);
Value make_cell(Value name, Value value = kUnbound);
inline Cell* as_cell(Value v) { return v.as<Cell>(); }
/// `values` with `n` results: the single value itself when n == 1.
Value make_values(const Value* items, int64_t n);
inline bool is_values(Value v) { return has_type(v, Type::Values); }

// --- procedures ----------------------------------------------------------------
inline bool is_closure(Value v) { return has_type(v, Type::Closure); }
inline bool is_primitive(Value v) { return has_type(v, Type::Primitive); }
bool is_procedure(Value v);

// --- records -----------------------------------------------------------------
inline bool is_record(Value v) { return has_type(v, Type::Record); }

}  // namespace kiln
