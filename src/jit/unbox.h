// Flonum unboxing: the JIT's lowering of a function's IR before code
// generation.
//
// A value the lowering knows to be a flonum lives as a raw double (its bits
// in a pool register or a frame slot) instead of a pointer to a boxed
// Flonum, so floating-point code inside a function allocates nothing until a
// value escapes. Knowledge comes from two places:
//  - inference: a flonum constant is a flonum; `+ - * /` with a flonum
//    operand, `sqrt` of a flonum and `inexact` of anything yield a flonum or
//    raise (Kiln's tower is real-only, and inexact contagion holds even for
//    an exact zero); a block parameter is a flonum
//    if every jump to it passes one (an optimistic fixed point, so loop
//    variables qualify);
//  - speculation: an argument, or a free variable of the closure, that was
//    a flonum in the frame the VM handed to the JIT when the function got
//    hot (tier.h) is checked once at entry (fl-guard). If a later call passes something else, the function is
//    recompiled without speculation and that call restarts in the new code
//    (nothing has happened yet at the guard, so restarting is exact);
//  - speculation on vector elements that arithmetic takes, read in a loop
//    iteration before anything visible has happened in it (element_guards
//    in unbox.cpp): a guard right after the read restarts the iteration as
//    a call with the loop header's values, in code made without speculation.
//
// Uses that need a Scheme value (a call argument, a return, a store, any
// other primitive) get a boxed twin made once right after the raw value is
// defined (fl-box); a flonum constant passed to a raw loop parameter is
// unboxed at the jump (fl-unbox). `+ - *`, the compares and the flonum
// forms of `/ sqrt inexact` accept either form. The lowered copy sets Function::raw; the VM's IR is not changed.
#pragma once

#include <functional>
#include <vector>

#include "ir/ir.h"
#include "runtime/proto.h"

namespace kiln::jit {

/// The primitives the JIT computes on doubles when their result is a
/// flonum (a call-prim of one of them with a raw result). `Libm`: exp,
/// sin, cos, tan and one-argument atan, whose result is a flonum whatever
/// real they take (as inexact's), computed by the C library's function.
enum class FloatPrim : uint8_t { None, Div, Sqrt, Inexact, Libm };
FloatPrim float_prim(const ir::Function& f, const ir::Inst& inst);

/// The C library function of a `Libm` call-prim (the primitive's own).
double (*libm_function(const ir::Function& f, const ir::Inst& inst))(double);

/// The lowered copy of `f` (without its children: code generation does not
/// need them). `speculate[i]` asks for argument i (0-based, after the
/// closure) to be guarded as a flonum; it must be empty or have f.nreq
/// entries, and f must take no rest list.
/// `speculate_free[i]` asks the same of the running closure's free variable
/// i (a closure's free variables do not change while it runs); f must take
/// no rest list either (a failed guard re-enters with the required
/// arguments only).
/// `speculate_elements` asks for vector elements that arithmetic takes to be
/// checked where they are read, in loops whose iteration can be restarted
/// (see element_guards in unbox.cpp).
ir::Function unbox_flonums(const ir::Function& f, const std::vector<bool>& speculate,
                           const std::vector<bool>& speculate_free = {}, bool speculate_elements = false);

/// value -> it is the running closure: the entry block's first parameter,
/// and block parameters every jump passes such a value to (self tail calls
/// pass it along to the loop header).
std::vector<bool> running_closure_values(const ir::Function& f);

/// `v = not x; branch v` (v used once) becomes `branch x` with its targets
/// swapped, so a compare defining x fuses with the branch (simplify.cpp).
void fold_negated_branches(ir::Function& f);

/// In a block entered only from one side of `branch v`, v a predicate's
/// boolean, uses of v become the constant #t or #f (simplify.cpp).
void known_branch_conditions(ir::Function& f);

/// A free-ref of a slot another free-ref of the same closure value already
/// read earlier in its block is dropped, its uses renamed (simplify.cpp).
void share_free_refs(ir::Function& f);

/// Calls whose callee held a builtin primitive when p was compiled (in the
/// sample, or a global's value) split on a guard that it still does, into
/// the primitive's inline op or call-prim and the generic call
/// (sampled_callees.cpp). Returns how many. `definition` gives a value's
/// defining instruction in f as it is on entry (null: a parameter).
size_t inline_sampled_primitives(ir::Function& f, const Proto* p,
                                 const std::function<const ir::Inst*(ir::ValueId)>& definition,
                                 const Value* sample, uint32_t nsample);

/// Calls whose callee held one of define-record-type's procedures when p
/// was compiled split on guards that it and its record type still are what
/// they were, into the procedure's record primitive inline and the call
/// (record_calls.cpp). Returns how many. `definition` as above.
size_t inline_record_calls(ir::Function& f, const Proto* p,
                           const std::function<const ir::Inst*(ir::ValueId)>& definition, const Value* sample,
                           uint32_t nsample);

/// The call sites lower() made inline.
struct InlinedCallees {
  size_t primitives = 0;  // inline_sampled_primitives
  size_t records = 0;     // inline_record_calls
};

/// The form code generation takes: p's IR unboxed with p's speculation
/// (none unless `speculate`), simplified, and given int32 shadows
/// (jit/int_shadow.h) for the direct foreign calls it will make, which
/// `sample` (the frame that made p hot, as CodeGen::set_sample takes it)
/// helps find; calls of builtin primitives and of record procedures
/// through variables inlined, counted in `*inlined`.
ir::Function lower(const Proto* p, bool speculate, const Value* sample = nullptr, uint32_t nsample = 0,
                   InlinedCallees* inlined = nullptr);

/// The speculation of p's installed code (Proto::jit_speculated_args and
/// _free), in the form unbox_flonums takes.
void speculation(const Proto* p, std::vector<bool>* args, std::vector<bool>* free);

}  // namespace kiln::jit
