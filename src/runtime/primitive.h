// Declaring primitives.
//
//   KILN_PRIMITIVE(prim_car, "car", 1, 1, "(car pair): the first element of a pair.") {
//     return a.pair(0).as_pair()->car;   // `a` is the Args, `t` the Thread
//   }
//
// declares the C++ function, wraps it so a raised Scheme error becomes a
// kRaise return (error.h), and registers it under its Scheme name with its
// arity and docstring. The caller (VM or JIT) checks the arity before the
// call, so the body may index `a[0 .. min-1]` freely; optional arguments
// beyond `a.size()` read as absent through `a.has(i)`.
#pragma once

#include <vector>

#include "runtime/error.h"
#include "runtime/heap.h"
#include "runtime/thread.h"

namespace kiln {

/// The arguments of a primitive call, with checked accessors that raise a
/// type error naming the primitive and the (1-based) argument position.
struct Args {
  Value* argv;
  uint32_t argc;
  const char* who;

  Value operator[](uint32_t i) const { return argv[i]; }
  uint32_t size() const { return argc; }
  bool has(uint32_t i) const { return i < argc && argv[i] != kDefault; }

  [[noreturn]] void fail(uint32_t i, const char* expected) const {
    type_error(who, static_cast<int>(i + 1), expected, argv[i]);
  }
  int64_t fixnum(uint32_t i) const {
    if (!argv[i].is_fixnum()) fail(i, "fixnum");
    return argv[i].as_fixnum();
  }
  /// A non-negative fixnum usable as an index or a count.
  int64_t index(uint32_t i) const {
    if (!argv[i].is_fixnum() || argv[i].as_fixnum() < 0) fail(i, "non-negative exact integer");
    return argv[i].as_fixnum();
  }
  Value pair(uint32_t i) const {
    if (!argv[i].is_pair()) fail(i, "pair");
    return argv[i];
  }
  Value string(uint32_t i) const { return expect(i, Type::String, "string"); }
  Value symbol(uint32_t i) const { return expect(i, Type::Symbol, "symbol"); }
  Value vector(uint32_t i) const { return expect(i, Type::Vector, "vector"); }
  Value bytevector(uint32_t i) const { return expect(i, Type::Bytevector, "bytevector"); }
  uint32_t character(uint32_t i) const {
    if (!argv[i].is_char()) fail(i, "character");
    return argv[i].as_char();
  }
  Value procedure(uint32_t i) const {
    if (!is_procedure(argv[i])) fail(i, "procedure");
    return argv[i];
  }
  /// A proper list; returns its length.
  int64_t list(uint32_t i) const {
    int64_t n = list_length(argv[i]);
    if (n < 0) fail(i, "proper list");
    return n;
  }
  Value expect(uint32_t i, Type type, const char* expected) const {
    if (!has_type(argv[i], type)) fail(i, expected);
    return argv[i];
  }
};

struct PrimitiveDef {
  const char* name;
  PrimFn fn;
  int32_t min_args;
  int32_t max_args;  // -1: variadic
  const char* doc;
};

/// All primitives registered by KILN_PRIMITIVE, in link order.
std::vector<PrimitiveDef>& primitive_registry();

struct PrimitiveRegistrar {
  PrimitiveRegistrar(const char* name, PrimFn fn, int32_t min_args, int32_t max_args, const char* doc) {
    primitive_registry().push_back({name, fn, min_args, max_args, doc});
  }
};

/// The Primitive object registered under `name` (a Kiln bug if missing).
Value builtin_primitive(const char* name);

}  // namespace kiln

#define KILN_PRIMITIVE(cname, sname, min_args, max_args, doc)                                       \
  static ::kiln::Value cname##_body(::kiln::Thread& t, const ::kiln::Args& a);                     \
  static ::kiln::Value cname(::kiln::Thread& t, ::kiln::Value* argv, uint32_t argc) {              \
    try {                                                                                          \
      return cname##_body(t, ::kiln::Args{argv, argc, sname});                                     \
    } catch (const ::kiln::SchemeRaise&) {                                                         \
      return ::kiln::kRaise;                                                                       \
    }                                                                                              \
  }                                                                                                \
  static const ::kiln::PrimitiveRegistrar cname##_registrar{sname, cname, min_args, max_args, doc}; \
  static ::kiln::Value cname##_body([[maybe_unused]] ::kiln::Thread& t,                             \
                                    [[maybe_unused]] const ::kiln::Args& a)
