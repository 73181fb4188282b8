// Code generation without installing the code: the compile fuzz target
// (fuzz/compile.cpp) runs the JIT on every function of its input this way,
// so machine code is made for programs that are never run (and may not
// terminate), and code memory, which is never freed, does not fill up.
#include <string>

#include "ir/ir.h"
#include "jit/code_memory.h"
#include "jit/codegen.h"
#include "jit/jit.h"
#include "jit/unbox.h"

namespace kiln::jit {

std::string generate_only(Proto* p, bool speculate) {
  if (!p->ir) return "";
  const auto* vm_ir = static_cast<const ir::Function*>(p->ir);
  // Speculate that every argument and free variable is a flonum, as a call
  // with flonums there would make compile() do (jit/unbox.h); not with a
  // rest list (see compile()).
  uint64_t saved_args = p->jit_speculated_args, saved_free = p->jit_speculated_free;
  if (speculate && !vm_ir->rest && !p->jit_no_speculation) {
    p->jit_speculated_args = vm_ir->nreq >= 64 ? ~uint64_t{0} : (uint64_t{1} << vm_ir->nreq) - 1;
    p->jit_speculated_free = ~uint64_t{0};
  }
  const ir::Function f = lower(p, speculate);
  p->jit_speculated_args = saved_args;
  p->jit_speculated_free = saved_free;
  std::string problem = ir::verify(f, true);
  if (!problem.empty()) return "the lowered IR: " + problem;
  asmjit::CodeHolder code;
  code.init(code_environment());
  asmjit::x86::Assembler a(&code);
  CodeGen gen(p, f, a);
  gen.set_vm_ir(vm_ir);
  gen.run();
  if (code.hasUnresolvedLinks()) return "a label used but never bound";
  if (code.flatten() != asmjit::kErrorOk) return "asmjit cannot lay out the code";
  return "";
}

}  // namespace kiln::jit
