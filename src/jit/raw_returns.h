// Raw returns for a function's direct calls of itself.
//
// With raw arguments (jit/raw_self_calls.h) fibfp's calls still box what
// they return -- the leaf's n, every other call's sum -- one flonum per
// call, garbage as soon as the caller has added it. A raw self call may
// instead come back raw: the callee, entered at the raw entry, returns a
// flonum it would have boxed only to return it (the fl-box or fl-rebox
// right before a return) as the double in xmm0, with kRawResult in rax.
//
// The caller must then go on with a double where it had a Scheme value,
// while a call that comes back boxed (the global reassigned, the
// interpreter making the call when the stack is full) may bring any value.
// There is no way back into the interpreter in the middle of a function,
// so each such call's continuation exists twice, split before lowering:
//
//   v = call f x               v = call f x
//   REST                 =>    raw-result v -> bF | bS
//                              bF(d): REST, d for v (a copy)
//                              bS():  REST as it was (cold)
//
// Lowering makes d a raw double (unbox.h), so REST's arithmetic on it is
// float code; bS takes any value, as before. The copy duplicates the
// blocks REST reaches (the function has no loop), and self calls in it are
// split again; bS's are not, since it runs only after a boxed return.
// Functions that would grow past a bound are left as they are.
//
// After lowering, a function that got no raw entry makes no raw call: its
// raw-results become jumps to bS. One that got it passes each return whose
// box could be skipped block 1's first box parameter (arg1), which is #f
// exactly when the activation was entered raw: code generation then
// returns the double unboxed (CodeGen::emit_raw_return). Every raw call
// takes a raw return: one followed by a raw-result goes to bF with the
// double, any other boxes it.
#pragma once

#include <optional>
#include <vector>

#include "ir/ir.h"
#include "runtime/proto.h"

namespace kiln::jit {

/// A copy of f (p's IR as the VM has it) with the continuations of its
/// self calls split as above, or nothing when f cannot get a raw entry
/// (no argument to speculate on as a flonum, a loop, a rest list, no self
/// call whose value is used) or would grow too much.
std::optional<ir::Function> split_raw_results(const ir::Function& f, const Proto* p,
                                              const std::vector<bool>& speculate);

/// After raw_self_arguments on the lowered form: without a raw entry, each
/// raw-result becomes a jump to its boxed side; with one, the returns that
/// may return raw get their flag.
void finish_raw_results(ir::Function& f);

/// Whether `ret` may return raw: a return with its flag, right after the
/// fl-box or fl-rebox `box` of its value, which nothing else reads.
bool returns_raw(const ir::Inst& box, const ir::Inst& ret);

}  // namespace kiln::jit
