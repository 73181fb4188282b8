// Calls whose callee is a constant closure: a closed lambda's one closure
// (ast::Lambda::closed, ir/build.cpp), which every reference to it loads
// from the IR's constants; and calls of a closure the calling function
// has just made itself (MakeClosure: a known lambda called where it is
// bound, and not contified). The callee can never be anything else, so the
// call needs no check: no watch (unlike a known global, nothing can assign
// it), no compare, no closure type test, no arity dispatch (its arity is
// checked here, when compiling; the callee's entry still compares esi, two
// instructions, as every entry does). The call jumps to the callee's
// machine code when it has some now; otherwise it reads the entry from the
// callee's Proto when it runs -- machine code compiled since, or none, and
// then the interpreter makes the call (the VM's code) -- which is still no
// type test. A callee compiled later is entered directly once this code is
// compiled again; code is never freed, so an entry read at compile time
// stays valid after a recompilation (as for known globals).
#include "jit/codegen.h"
#include "runtime/heap.h"

namespace kiln::jit {

const Closure* CodeGen::constant_callee(const Inst& inst) const {
  const Inst* d = def_[inst.args[0]];
  if (!d || d->op != Op::Const) return nullptr;
  Value v = constant(d->imm);
  if (!is_closure(v)) return nullptr;
  const Proto* callee = v.as<Closure>()->proto;
  if (callee->rest || callee->nreq != inst.args.size() - 1) return nullptr;
  return v.as<Closure>();
}

bool CodeGen::skips_constant_callee_store(const Inst& call) const {
  if (call.op != Op::Call) return false;
  const Closure* known = constant_callee(call);
  return known && code_ignores_closure(known->proto);
}

const Proto* CodeGen::made_callee(const Inst& inst) const {
  const Inst* d = def_[inst.args[0]];
  if (!d || d->op != Op::MakeClosure) return nullptr;
  const Proto* callee = child_proto(d->imm);
  if (callee->rest || callee->nreq != inst.args.size() - 1) return nullptr;
  return callee;
}

void CodeGen::enter_direct(const Proto* callee, bool tail, bool lazy_ok, Label slow, const EnterFn& enter) {
  if (callee == p_) {
    enter(true, lazy_ok, nullptr);
    return;
  }
  if (callee->native_entry && !callee->jit_forbidden) {
    const void* lazy = lazy_ok ? callee->native_lazy_entry : nullptr;
    a_.mov(r8, imm(reinterpret_cast<uint64_t>(lazy ? lazy : callee->native_entry)));
    enter(false, lazy != nullptr, nullptr);
    return;
  }
  // Not compiled yet: the call entries its Proto has when the call runs. (The
  // Proto stays alive: this function's constants hold the constant closure
  // or, for a closure it makes, the Proto itself.)
  a_.mov(rcx, imm(reinterpret_cast<uint64_t>(callee)));
  enter_code_of_rcx(tail, lazy_ok, slow, enter);
}

}  // namespace kiln::jit
