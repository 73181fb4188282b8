// Heap object layouts.
//
// Every heap object starts with a header word: the low 8 bits are its
// `Type`, bit 8 marks it immutable (literal constants), and the bits from 16
// up hold a size whose meaning depends on the type (vector length, number of
// free variables, ...). Objects are allocated through gc.h; the ones that hold
// no Scheme values (strings, bytevectors) are allocated atomic, so
// the collector never scans them.
//
// Layouts are plain structs so that the VM and the JIT can address fields by
// offset; `offsetof` on them is the contract.
#pragma once

#include <gmp.h>

#include <cstddef>
#include <cstdint>

#include "runtime/value.h"

namespace kiln {

// Pairs have no header and so no Type: they are told apart by their tag
// (value.h).
enum class Type : uint8_t {
  Flonum,
  Bignum,
  Ratnum,
  String,
  Symbol,
  Vector,
  Bytevector,
  Closure,
  Primitive,
  CaseLambda,
  Box,
  Cell,
  Proto,
  Record,
  RecordType,
  Values,
  Port,
  Promise,
  Parameter,
  Continuation,
  HashTable,
  Environment,
  Identifier,
  Macro,
  Special,
  ErrorObject,
  Pointer,
  Other,
  StackChunk,  // no object has it (a continuation is its own chunk: vm/continuation.h); the last type
};

struct Object {
  uint64_t header;

  // The type in bits 0-7, then the immutable bit, then the size from bit
  // 16. Bits 9-15 stay clear: machine code reads the header shifted right
  // by 15 as twice the size (jit/emit_ops.cpp, vector_access).
  static constexpr uint64_t kImmutableBit = 1u << 8;
  static constexpr int kSizeShift = 16;

  static constexpr uint64_t make_header(Type t, uint64_t size = 0) {
    return static_cast<uint64_t>(t) | (size << kSizeShift);
  }
  Type type() const { return static_cast<Type>(header & 0xff); }
  uint64_t size() const { return header >> kSizeShift; }
  bool immutable() const { return header & kImmutableBit; }
  void set_immutable() { header |= kImmutableBit; }
};

inline bool has_type(Value v, Type t) { return v.is_object() && v.as_object()->type() == t; }

/// A pair: no header (value.h tags it 101). 16 bytes, one slot of the
/// collector's smallest class (gc.h). Literal pairs are the ones in the
/// literal range (literal.h).
struct Pair {
  Value car;
  Value cdr;
};
static_assert(sizeof(Pair) == 16);

struct Flonum : Object {
  double value;
};

/// An exact integer outside the fixnum range. Always normalized: a bignum
/// never holds a value that fits a fixnum. The limbs are allocated by GMP
/// through the collector (gc.cpp routes GMP's allocator), so the object is
/// allocated non-atomic to keep them alive.
struct Bignum : Object {
  mpz_t z;
};

/// An exact non-integer rational, always in lowest terms with a positive
/// denominator > 1. Numerator and denominator are fixnums or bignums.
struct Ratnum : Object {
  Value num;
  Value den;
};

/// A sequence of Unicode scalar values, one 32-bit code point each, so that
/// `string-ref` is O(1). size() is the length. Allocated atomic.
struct String : Object {
  uint32_t chars[];
  int64_t length() const { return static_cast<int64_t>(size()); }
};

struct Symbol : Object {
  Value name;      // an immutable String
  uint64_t hash;
};

/// size() is the length.
struct Vector : Object {
  Value items[];
};

/// size() is the length. Allocated atomic.
struct Bytevector : Object {
  uint8_t bytes[];
};

/// A mutable cell for a variable that is both captured and assigned.
struct Box : Object {
  Value value;
};

struct CellWatch;

/// A global (library-level) variable's binding. Compiled code reads and
/// writes `value` through a pointer to the cell, so redefinition is seen at
/// once. `kUnbound` means "not defined yet". Every store to `value` after
/// the cell is made goes through assign_cell (cell_watch.h), which first
/// invalidates the machine code that assumed the old value.
struct Cell : Object {
  Value value;
  Value name;  // the symbol, for messages
  /// The code sites that assume `value` (cell_watch.h), or null: while it
  /// is null a store is just a store.
  CellWatch* watch;
  /// Set for the cells of built-in primitives that the compiler may inline
  /// (an imported binding cannot be assigned, so the primitive is fixed).
  bool builtin;
};

struct Proto;

/// A procedure made by `lambda`. size() is the number of free variables.
struct Closure : Object {
  Proto* proto;
  Value free[];
};

struct Thread;

/// The entry point of a primitive: `argv[0..argc)` are the arguments, already
/// checked against the primitive's arity. Returns the result, or kRaise after
/// setting `Thread::pending` (see error.h). Never throws.
///
/// On the generic call path (interp.cpp's `call:`, which every call of a
/// procedure value goes through) `argv[-1]` is the Primitive object itself;
/// only the compiler's direct calls of *builtin* primitives (op PRIM, IR
/// CallPrim) pass an argv without it. Foreign procedures (src/ffi), which
/// are never builtins, rely on this to find their binding.
using PrimFn = Value (*)(Thread& t, Value* argv, uint32_t argc);

struct Primitive : Object {
  PrimFn fn;
  const char* name;
  const char* doc;
  int32_t min_args;
  int32_t max_args;  // -1: any number
  /// A control primitive (apply, call/cc, ...): the VM and JIT implement the
  /// call themselves because it transfers control; `fn` is never called.
  /// Nonzero for those: kControlApply, kControlCallCC or kControlOther.
  uint8_t control;
  /// Registered by KILN_PRIMITIVE (runtime.cpp), so it never reads
  /// argv[-1]: a direct call of it may pass an argv without its callee
  /// (src/jit/sampled_callees.cpp). Foreign procedures are not builtins.
  bool builtin;

  /// Whether a call with `argc` arguments may run it directly (an inline
  /// op or a call-prim): its arity fits, and it is no control primitive.
  bool direct_call_ok(int64_t argc) const {
    return argc >= min_args && (max_args < 0 || argc <= max_args) && !control;
  }
};

inline constexpr uint8_t kControlApply = 1;   // apply
inline constexpr uint8_t kControlCallCC = 2;  // call/cc, call-with-current-continuation
inline constexpr uint8_t kControlOther = 3;   // raise-continuable, run-on-tier

/// A C address (Type::Pointer), made by the FFI (src/ffi). Equality is by
/// identity; compare addresses with `pointer->integer`. The address is not a
/// GC reference (foreign memory is not collected), so the object is atomic.
struct ForeignPointer : Object {
  void* address;
};

/// `case-lambda`: size() closures, tried in order for the first whose arity
/// accepts the call.
struct CaseLambda : Object {
  Value clauses[];
};

/// An instance of a record type. size() is the number of fields.
struct Record : Object {
  Value rtd;
  Value fields[];
};

struct RecordType : Object {
  Value name;         // symbol
  Value field_names;  // vector of symbols
};

/// Zero or several values returned together (exactly one value is never
/// wrapped). size() is the count.
struct Values : Object {
  Value items[];
};

}  // namespace kiln
