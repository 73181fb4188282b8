// Converting values between Scheme and C, for calls, callbacks and memory
// access. The checks here are the FFI's safety line: a value of the wrong
// type or out of range raises a Scheme error naming the procedure and the
// argument, and never reaches C.
#pragma once

#include <ffi.h>

#include <cstring>

#include "ffi/types.h"
#include "runtime/object.h"

namespace kiln::ffi {

/// A pointer object for `address`.
Value make_pointer(void* address);
inline bool is_pointer(Value v) { return has_type(v, Type::Pointer); }
inline void* pointer_address(Value v) { return v.as<ForeignPointer>()->address; }

/// Stores the C representation of `v` as type `t` at `slot` (8 bytes,
/// 8-aligned; exactly type_info(t).size bytes are written, 8 for pointers).
/// Raises "who: expected <type> as argument <argpos>" or an out-of-range
/// error. A `string` is copied to a fresh NUL-terminated UTF-8 buffer in GC
/// memory; the pointer in the slot is what keeps it alive, so the slot must
/// be on the C stack or in scanned memory until C is done with it.
/// `bytevector` stores a pointer to the bytes of `v` (the caller keeps `v`).
void to_c(FfiType t, Value v, void* slot, const char* who, int argpos);

/// The NUL-terminated UTF-8 encoding of string `s`, as a C `string`
/// argument: written into `buf` when it fits in `cap` bytes (a caller's
/// scratch, e.g. on the C stack), else into fresh atomic GC memory that
/// only the returned pointer keeps alive. nullptr when `s` is not a string
/// or holds a NUL character, which C could not see (to_c raises for both).
char* c_string(Value s, char* buf, size_t cap);

/// The common case of to_c, inline and without calls: whether `v` is a
/// fixnum in the range of integer type `t`. Its value is then the C value
/// (stored sign- or zero-extended, C reads the low bytes). False leaves
/// everything (and every error message) to to_c.
inline bool fixnum_fits(FfiType t, Value v) {
  if (!v.is_fixnum()) return false;
  int64_t n = v.as_fixnum();
  switch (t) {
    case FfiType::Int8: return n == static_cast<int8_t>(n);
    case FfiType::UInt8: return n == static_cast<uint8_t>(n);
    case FfiType::Int16: return n == static_cast<int16_t>(n);
    case FfiType::UInt16: return n == static_cast<uint16_t>(n);
    case FfiType::Int32: return n == static_cast<int32_t>(n);
    case FfiType::UInt32: return n == static_cast<uint32_t>(n);
    case FfiType::Int64: return true;
    case FfiType::UInt64: return n >= 0;
    default: return false;
  }
}

/// The Scheme value of the C value of type `t` stored at `p` (exactly
/// type_info(t).size bytes). `string` copies the NUL-terminated UTF-8 text
/// (#f for NULL); `void` gives the unspecified value. On x86-64 (little
/// endian) this also reads libffi's widened ffi_arg results correctly.
Value from_c(FfiType t, const void* p);

/// from_c for the results that need no allocation (void, bool and the
/// integers narrower than 64 bits), inline; false for the other types.
inline bool small_from_c(FfiType t, const void* p, Value* out) {
  switch (t) {
    case FfiType::Void: *out = kUnspecified; return true;
    case FfiType::Int8: { int8_t x; std::memcpy(&x, p, 1); *out = Value::fixnum(x); return true; }
    case FfiType::UInt8: { uint8_t x; std::memcpy(&x, p, 1); *out = Value::fixnum(x); return true; }
    case FfiType::Int16: { int16_t x; std::memcpy(&x, p, 2); *out = Value::fixnum(x); return true; }
    case FfiType::UInt16: { uint16_t x; std::memcpy(&x, p, 2); *out = Value::fixnum(x); return true; }
    case FfiType::Int32: { int32_t x; std::memcpy(&x, p, 4); *out = Value::fixnum(x); return true; }
    case FfiType::UInt32: { uint32_t x; std::memcpy(&x, p, 4); *out = Value::fixnum(x); return true; }
    case FfiType::Bool: { uint8_t x; std::memcpy(&x, p, 1); *out = Value::boolean(x != 0); return true; }
    default: return false;
  }
}

/// Writes `v` converted to `t` into a libffi return slot of a callback:
/// integers narrower than ffi_arg are widened to the full ffi_arg, as
/// libffi requires.
void to_c_return(FfiType t, Value v, void* ret, const char* who);

/// A zero value of type `t` in a callback's return slot.
void zero_return(FfiType t, void* ret);

}  // namespace kiln::ffi
