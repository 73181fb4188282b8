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

std::string generate_only(Proto* p, DrySpeculation speculate) {
  if (!p->ir) return "";
  const auto* vm_ir = static_cast<const ir::Function*>(p->ir);
  // Speculate as a call with flonums (or fixnums) everywhere would make
  // compile() do; not with a rest list (see compile()).
  uint64_t saved_args = p->jit_speculated_args, saved_free = p->jit_speculated_free,
           saved_fixnums = p->jit_speculated_fixnums;
  p->jit_speculated_args = p->jit_speculated_free = p->jit_speculated_fixnums = 0;
  uint64_t every_argument = vm_ir->nreq >= 64 ? ~uint64_t{0} : (uint64_t{1} << vm_ir->nreq) - 1;
  bool speculating = speculate != DrySpeculation::kNone && !vm_ir->rest && !p->jit_no_speculation;
  if (speculating && speculate == DrySpeculation::kFlonums) {
    p->jit_speculated_args = every_argument;
    p->jit_speculated_free = ~uint64_t{0};
  } else if (speculating) {
    p->jit_speculated_fixnums = every_argument;
  }
  const ir::Function f = lower(p, speculating);
  p->jit_speculated_args = saved_args;
  p->jit_speculated_free = saved_free;
  p->jit_speculated_fixnums = saved_fixnums;
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
