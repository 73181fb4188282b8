// Converting values between Scheme and C, for calls, callbacks and memory
// access. The checks here are the FFI's safety line: a value of the wrong
// type or out of range raises a Scheme error naming the procedure and the
// argument, and never reaches C.
#pragma once

#include <ffi.h>

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

/// The Scheme value of the C value of type `t` stored at `p` (exactly
/// type_info(t).size bytes). `string` copies the NUL-terminated UTF-8 text
/// (#f for NULL); `void` gives the unspecified value. On x86-64 (little
/// endian) this also reads libffi's widened ffi_arg results correctly.
Value from_c(FfiType t, const void* p);

/// Writes `v` converted to `t` into a libffi return slot of a callback:
/// integers narrower than ffi_arg are widened to the full ffi_arg, as
/// libffi requires.
void to_c_return(FfiType t, Value v, void* ret, const char* who);

/// A zero value of type `t` in a callback's return slot.
void zero_return(FfiType t, void* ret);

}  // namespace kiln::ffi
