// (apply f a ... list) in machine code: the list spread into the outgoing
// slots and f called with as many arguments, its count in esi, as any
// call enters its callee (jit.h).
//
// Through the generic dispatch, apply is a control primitive: the call
// went to helper_control_call, which tested the callee's kind, measured
// the list, moved the fixed arguments, spread the list and tested the kind
// of f in turn (control.cpp), about 200 instructions before f ran: most
// of what an interpreter's `(apply prim args)` costs (bench/interp).
// Here the spread is a loop of a few instructions an element, f a closure
// is entered through its Proto's call entry, f a primitive is called
// right here, and only what is left (continuations, case-lambdas,
// control primitives, arity errors) goes to the helper, with the count it
// now has. A list that is not proper, or longer than kMaxInlineSpread,
// goes to the helper whole, as before.
#include "jit/codegen.h"
#include "runtime/heap.h"
#include "vm/interp.h"

namespace kiln::jit {

Value CodeGen::apply_callee(const Inst& inst, bool tail) const {
  // (apply f list) at least: (apply f) spreads nothing.
  if (inst.args.size() < 3) return kFalse;
  // A call that reseals enters only with a record (enter_code_of_rcx):
  // the generic dispatch keeps those.
  if (!tail && resealing_call(inst)) return kFalse;
  const Inst* d = def_[inst.args[0]];
  if (!d || d->op != Op::GlobalRef) return kFalse;
  Value v = as_cell(constant(d->imm))->value;
  if (!is_primitive(v) || !v.as<Primitive>()->builtin || v.as<Primitive>()->control != kControlApply) return kFalse;
  return v;
}

void CodeGen::spread_apply(bool tail, uint32_t n, Value apply, Label resume) {
  // Staged (call_generic): apply in slot base, f in base + 1, the fixed
  // arguments after it, the list in base + n. Spread: f in base, the fixed
  // arguments after it, the list's elements from base + n - 1 on.
  const uint32_t base = tail ? 0 : nslots_;
  Label not_apply = a_.newLabel(), undo = a_.newLabel(), loop = a_.newLabel(), done = a_.newLabel();
  if (a_.logger()) a_.comment("; apply: the list spread here when the callee is still the builtin");
  a_.cmp(rax, code_constant(apply));
  a_.jne(not_apply);
  // r8 keeps the list for `undo` (no pool register is live at a call).
  a_.mov(r8, fp_word(base + n));
  for (uint32_t i = 0; i + 1 < n; ++i) {
    a_.mov(rax, fp_word(base + i + 1));
    a_.mov(fp_word(base + i), rax);
  }
  // rcx: the rest of the list; rsi: the next slot; rdi: the last slot the
  // spread may write. That is the interpreter's limit (its apply leaves two
  // words below stack_limit), or kMaxInlineSpread elements, past which the
  // list is undone and left to the helper: it measures the list first, so
  // a circular one is found at once, not after filling the stack.
  a_.mov(rcx, r8);
  a_.lea(rsi, fp_word(base + n - 1));
  a_.lea(rdi, fp_word(base + n - 1 + kMaxInlineSpread - 1));
  a_.mov(rax, qword_ptr(kThread, kThreadStackLimit));
  a_.sub(rax, imm(16));
  a_.cmp(rdi, rax);
  a_.cmova(rdi, rax);
  a_.bind(loop);
  cmp_raw(rcx, kNil);
  a_.je(done);
  test_pair(rcx);
  a_.jnz(undo);
  a_.cmp(rsi, rdi);
  a_.ja(undo);
  a_.mov(rax, qword_ptr(rcx, kCarOffset));
  a_.mov(qword_ptr(rsi), rax);
  a_.mov(rcx, qword_ptr(rcx, kCdrOffset));
  a_.add(rsi, imm(8));
  a_.jmp(loop);
  a_.bind(done);
  // rdi: the end of the arguments; esi: their count.
  a_.mov(rdi, rsi);
  a_.lea(rax, fp_word(base + 1));
  a_.sub(rsi, rax);
  a_.shr(esi, imm(3));
  a_.mov(rax, fp_word(base));
  // A closure: through its Proto's call entry (machine code, or a stub
  // handing the call to the interpreter), lazily when not a tail call.
  // The arguments may reach past this frame's extent (live_stack_top): sp
  // covers them until the callee's frame does, as helper_control_call has
  // them covered (a rest list's helper then lowers it). A primitive's call
  // and the helper cover them themselves, and put sp back.
  Label not_closure = a_.newLabel();
  check_type(Type::Closure, not_closure);
  raise_sp_to(rdi);
  a_.mov(rcx, qword_ptr(rax, kClosureProto));
  if (tail) {
    a_.jmp(qword_ptr(rcx, kProtoTailCallEntry));
  } else {
    a_.lea(kFp, fp_word(nslots_));
    a_.jmp(qword_ptr(rcx, kProtoCallEntry));
  }
  Label at = inst_;
  Label control = control_call(tail, kArgcInEsi);
  later([this, not_closure, control, resume, at, tail] {
    a_.bind(not_closure);
    call_primitive_of_rax(tail, kArgcInEsi, control, control, resume, at);
  });
  // As staged again, for the helper (which reports a list that is not a
  // proper one, through the interpreter, as it did before this spread).
  Label helper = control_call(tail, n);
  later([this, undo, base, n, apply, helper] {
    a_.bind(undo);
    for (uint32_t i = n - 1; i-- > 0;) {
      a_.mov(rax, fp_word(base + i));
      a_.mov(fp_word(base + i + 1), rax);
    }
    a_.mov(fp_word(base + n), r8);
    a_.mov(rax, code_constant(apply));
    a_.mov(fp_word(base), rax);
    a_.jmp(helper);
  });
  a_.bind(not_apply);
}

}  // namespace kiln::jit
