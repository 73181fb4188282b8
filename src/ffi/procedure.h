// Foreign procedures: C functions bound by `foreign-procedure`.
//
// A foreign procedure is an ordinary Scheme procedure: a Primitive (header
// Type::Primitive, so procedure?, apply, arity errors and printing treat it
// like any primitive) extended with its signature. Its `fn` is
// `foreign_call`, shared by all bindings; it finds its binding through
// argv[-1], which the generic call path guarantees is the callee (see
// PrimFn in object.h). Foreign procedures are never builtins, so the
// compiler never calls them through op PRIM / CallPrim, the only paths
// without that slot. min_args == max_args == sig.nargs: the VM checks the
// arity before the call.
#pragma once

#include "ffi/signature.h"
#include "runtime/object.h"

namespace kiln::ffi {

struct ForeignProcedure : Primitive {
  FfiSignature sig;
  /// may_reach_collector(sig.function) (library.h), found once at binding:
  /// machine code calls such a function with the full sequence.
  bool may_reach_collector;
};

/// The PrimFn of every foreign procedure: converts the arguments (raising
/// before C runs on any bad one), calls through libffi, converts the
/// result, then re-raises an error that a callback caught during the call.
Value foreign_call(Thread& t, Value* argv, uint32_t argc);

/// The foreign procedure `v`, or nullptr when `v` is something else.
ForeignProcedure* as_foreign_procedure(Value v);

}  // namespace kiln::ffi
