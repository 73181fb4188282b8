// A parsed C signature, prepared for libffi once.
//
// FfiSignature is plain data at fixed offsets (`offsetof` is the contract,
// as for object.h) so that machine code can read it: the JIT's direct call
// of a binding reads `function`, `nargs`, `args[]` and `result`, converts
// the arguments inline and calls `function` with the C ABI, with no libffi
// on that path. The VM's path hands `cif` to ffi_call.
//
// It lives inside a GC object (a ForeignProcedure or a callback record) in
// scanned memory, so its pointers (`args`, `name`, `cif.arg_types`) keep
// their GC-allocated targets alive.
#pragma once

#include <ffi.h>

#include <cstdint>

#include "ffi/types.h"
#include "runtime/value.h"

namespace kiln::ffi {

/// The most arguments a signature may declare; calls keep per-argument
/// scratch space on the C stack.
inline constexpr uint32_t kMaxArgs = 32;

struct FfiSignature {
  void* function;        // the C entry point (nullptr for a callback's signature)
  const char* name;      // C symbol (or "foreign-callback"), NUL-terminated, for messages
  const FfiType* args;   // nargs types: the nfixed fixed ones, then the variadic ones
  uint32_t nargs;        // all declared arguments; every call passes exactly this many
  uint32_t nfixed;       // the fixed arguments (== nargs unless variadic)
  FfiType result;
  bool variadic;         // prepared with ffi_prep_cif_var
  ffi_type** ffi_args;   // libffi's types of the arguments (cif.arg_types)
  ffi_cif cif;           // prepared once, reused by every call
};

/// Parses `fixed` (a list of type designators), `varargs` (a list, or
/// kDefault for a non-variadic function) and `result` into `*out` and
/// prepares its cif. Raises "who: bad type <designator> in the signature
/// of <name>" for anything that is not a type or not allowed in that
/// place (void as an argument, bytevector as a result, float or a type
/// narrower than int in a variadic part, where C promotes it).
/// `callback` forbids the types a callback cannot convert (string and
/// bytevector results, bytevector arguments).
void parse_signature(FfiSignature* out, const char* who, const char* name, Value fixed, Value varargs, Value result,
                     bool callback);

}  // namespace kiln::ffi
