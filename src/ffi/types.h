// The C types the FFI understands, defined once.
//
// A signature names types with symbols: the canonical names of
// KILN_FFI_TYPES, the aliases `int` (int32), `long` (int64), `size_t`
// (uint64) and `uintptr_t` (uint64) of the x86-64 SysV LP64 model, and
// `(* T)` for a pointer to T (passed exactly like `pointer`; T is only
// documentation, but it must itself be a valid type).
#pragma once

#include <ffi.h>

#include <cstdint>

#include "runtime/value.h"

namespace kiln::ffi {

//  X(Enum,      "name",       size, align, libffi type,        meaning)
#define KILN_FFI_TYPES(X)                                                                          \
  X(Void, "void", 0, 1, ffi_type_void, "no value (results only)")                                  \
  X(Int8, "int8", 1, 1, ffi_type_sint8, "exact integer in [-2^7, 2^7)")                            \
  X(UInt8, "uint8", 1, 1, ffi_type_uint8, "exact integer in [0, 2^8)")                             \
  X(Int16, "int16", 2, 2, ffi_type_sint16, "exact integer in [-2^15, 2^15)")                       \
  X(UInt16, "uint16", 2, 2, ffi_type_uint16, "exact integer in [0, 2^16)")                         \
  X(Int32, "int32", 4, 4, ffi_type_sint32, "exact integer in [-2^31, 2^31)")                       \
  X(UInt32, "uint32", 4, 4, ffi_type_uint32, "exact integer in [0, 2^32)")                         \
  X(Int64, "int64", 8, 8, ffi_type_sint64, "exact integer in [-2^63, 2^63)")                       \
  X(UInt64, "uint64", 8, 8, ffi_type_uint64, "exact integer in [0, 2^64)")                         \
  X(Float, "float", 4, 4, ffi_type_float, "real number, passed as a C float")                      \
  X(Double, "double", 8, 8, ffi_type_double, "real number, passed as a C double")                  \
  X(Bool, "bool", 1, 1, ffi_type_uint8, "#t or #f <-> C _Bool")                                    \
  X(Pointer, "pointer", 8, 8, ffi_type_pointer, "pointer object <-> void*")                        \
  X(String, "string", 8, 8, ffi_type_pointer, "string -> NUL-terminated UTF-8 copy; char* -> string or #f") \
  X(Bytevector, "bytevector", 8, 8, ffi_type_pointer, "bytevector -> pointer to its bytes (arguments only)")

enum class FfiType : uint8_t {
#define KILN_X(e, name, size, align, ffi, doc) e,
  KILN_FFI_TYPES(KILN_X)
#undef KILN_X
};

struct FfiTypeInfo {
  const char* name;  // the canonical Scheme name
  uint32_t size;     // bytes in C memory (0 for void)
  uint32_t align;    // SysV x86-64 alignment
  ffi_type* ffi;     // libffi's description
};

/// The table row of `t`.
const FfiTypeInfo& type_info(FfiType t);

/// Parses a type designator (a symbol or `(* T)`); false when it names no type.
bool parse_type(Value designator, FfiType* out);

/// Integral types: the range checks and widening below apply to them.
bool is_integer_type(FfiType t);
bool is_signed_type(FfiType t);

}  // namespace kiln::ffi
