// Int32 shadows: the JIT's lowering that lets a C function's int result
// reach the next C call without a round trip through a tagged fixnum.
//
// In `(let loop ((x 0)) (if (< x n) (loop (plusone x)) x))` the value
// carried from one iteration to the next goes, tagged, C's eax -> movsxd
// -> add (tag) -> sar (untag, for the next call's edi): three dependent
// instructions on the loop's critical path, which bound its speed more
// than its instruction count does (jit/README.md, "Lean calls"). The
// lowering gives such a value a *shadow*: a second IR value, a raw int32
// (its low 32 bits in a general pool register or a frame slot, the upper
// bits unspecified) that is always exactly
//
//     shadow(v) = low 32 bits of (v >> 1)     (arithmetic shift)
//
// whatever v is. It is a pure function of v, so every path may make it:
// a direct foreign call with an integer result of at most 32 bits makes
// it from the C register itself (`mov r32, eax`: nothing on the chain),
// any other path, a call's generic one included, by `sar` off v, a
// constant at compile time; and a loop parameter's shadow is a block
// parameter that every jump passes along. A direct foreign call's int32
// or uint32 argument whose value has a shadow passes the shadow (`mov
// edi, r32`) once a predicted branch, off the chain, has checked that
// v == 2 * ext32(shadow) (sign- or zero-extended as the C type is):
// true exactly when v is a fixnum the C type holds, so any other value
// (a bignum, a flonum, a string, an out-of-range integer, the result of a
// redefined global's Scheme procedure) fails the check and takes the
// call's generic path, with the VM's result or error. Unlike a raw value
// that replaces its Scheme value, nothing ever has to be restarted or
// undone: the tagged value stays the truth and is what every other use
// reads, and a shadow that does not match only costs the slow path.
// (jit/shadow_trust.h moves that check, where it can, to the places that
// make a shadow from any value.)
//
// Which values get one: a direct foreign call's result (non-tail) with
// type int8/16/32 or uint8/16/32; a block parameter (not the entry's, not
// a call/cc join) some jump passes such a result or another such
// parameter (a jump passing it anything else makes that value's shadow:
// a loop's entry passing its first value, once); of those, only the ones
// whose shadow reaches a direct foreign call's int32/uint32 argument
// (through jumps), in a call with no `string` argument (whose helper
// calls would clobber the shadow's register before the call reads it).
//
// The lowered IR: `vS = int-shadow v` right after v's call (fused into it
// by code generation) or before a jump passing v to a shadowed parameter; shadow block
// parameters appended after the others; `int-arg v vS #k` right before a
// call passing v as its foreign argument k (it keeps vS live up to the
// call, which reads it). Function::shadow_of maps each shadow to its value
// (`:i32` in dumps); shadows are not raw doubles (Function::raw) and live
// in the general registers. An OSR entry computes a live shadow from its
// value in the VM frame. The VM never sees this form.
#pragma once

#include <functional>

#include "ffi/types.h"
#include "ir/ir.h"

namespace kiln::ffi {
struct FfiSignature;
}

namespace kiln::jit {

/// The signature a call (or tail call) of the function being lowered is
/// compiled to as a direct foreign call (emit_ffi.cpp), or nullptr.
using ForeignSignatureOf = std::function<const ffi::FfiSignature*(const ir::Inst&)>;

/// Adds the int32 shadows described above to f (a lowered function).
void shadow_ints(ir::Function& f, const ForeignSignatureOf& signature_of);

/// A C result type whose value a shadow holds exactly (an integer of at
/// most 32 bits).
bool shadows_result(ffi::FfiType t);
/// A C argument type that a direct call may pass from a shadow (int32,
/// uint32: the register's low 32 bits are the whole argument).
bool takes_shadow(ffi::FfiType t);

}  // namespace kiln::jit
