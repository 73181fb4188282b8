// Raw arguments for a function's direct calls of itself.
//
// fibfp's (fibfp (- n 1.)) computes a raw double, boxes it for the call,
// and the callee's entry guard (jit/unbox.h) unboxes it again: two of the
// three flonums fibfp allocates per call are such boxes. When the lowered
// function (a) speculates on flonum arguments (entry fl-guards), (b) has
// no loop (so no OSR entry) and block 1 entered from block 0 alone, and
// (c) calls its own closure, read from a global, passing each guarded
// argument an fl-box made for that call alone, it gets a raw entry:
//  - A raw self call writes those arguments' doubles, unboxed, in their
//    slots and enters code that places block 1's parameters from the slots
//    (CodeGen::emit_raw_entry), skipping block 0 and its guards. Its other
//    paths (the global reassigned, the stack full) box them in place
//    first, and the box instructions make nothing on the fast path.
//  - The entry's box of a guarded argument (`return n` returns n's own
//    box, jit/unbox.cpp) becomes a new parameter of block 1: the box on the
//    ordinary entry, #f on the raw one. Its uses read `fl-rebox box raw`
//    instead: that box, or a new one if there is none -- one per block if
//    only one block uses it (a leaf's return boxes only there), else one at
//    block 1's start, so that the argument is a single flonum, as on the
//    VM. A call from elsewhere still gets its argument's box back (eq?
//    agrees with the VM); a raw call's argument had no box to keep.
// Net: fibfp's non-leaf calls no longer box their two arguments, and a
// leaf entered raw boxes the n it returns, one allocation fewer per pair of
// calls, and the raw entry runs no guard.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/ir.h"
#include "runtime/proto.h"

namespace kiln::jit {

/// Whether global-ref `ref` reads a closure of p (now).
bool holds_own_closure(const ir::Function& f, const Proto* p, const ir::Inst& ref);
/// Whether `call` calls, with f's arity, the closure of p a global holds now.
bool calls_own_closure(const ir::Function& f, const Proto* p, const ir::Inst& call,
                       const std::vector<const ir::Inst*>& defs);

/// The shape a raw entry needs, in f's IR before or after lowering: no
/// rest list, no loop, block 0 jumping to block 1, which nothing else enters.
bool raw_entry_shape(const ir::Function& f);

/// Gives `f`, p's lowered IR, its raw entry (ir::Function::raw_entry) when
/// the conditions above hold; else leaves it as it is.
void raw_self_arguments(ir::Function& f, const Proto* p);

/// Whether `call` in f (which has a raw entry) may pass its guarded
/// arguments raw: it calls the closure of p a global holds now, and each
/// such argument is an fl-box nothing else uses. (Code generation makes it
/// a raw call only where it enters its own code directly, a watched known
/// call.)
bool raw_self_call(const ir::Function& f, const Proto* p, const ir::Inst& call,
                   const std::vector<const ir::Inst*>& defs, const std::vector<uint32_t>& uses);

/// The argument indices (1-based, after the closure) a raw call passes raw.
std::vector<uint32_t> raw_argument_indices(const ir::Function& f);

}  // namespace kiln::jit
