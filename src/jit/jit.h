// Tier 1: IR -> x86-64 machine code with asmjit's Assembler.
//
// Machine code follows the VM's calling convention and frame layout: a
// function's values live in slots of its frame on the VM value stack (fp[i],
// fp[0] the closure, then the arguments), and every activation has a Frame
// record on the frame stack. Scheme calls and returns are jumps, never
// machine call/ret: a call records its native return address in the
// caller's Frame, pushes the callee's Frame and jumps to the callee's entry;
// a return pops and jumps to the caller's recorded address. So the C stack
// does not grow with Scheme recursion, tail calls are jumps between any two
// functions, and a continuation is just the VM stacks (see jit/README.md).
//
// Machine code hands control back to the interpreter (a JitStatus, see
// runtime/tier.h) when it calls or returns to a function that is not
// compiled, and when it raises. Registers in machine code:
//   rbx = fp, r12 = the current Frame record, r13 = the Thread,
//   rbp = the frame pointer of the entry stub's C frame.
#pragma once

#include <string>

#include "runtime/proto.h"

namespace kiln::jit {

/// Creates the entry and exit stubs and installs the tiering hooks
/// (g_tier.compile, g_tier.enter).
void jit_init();

/// Compiles `p` from its IR; sets p->native_entry. False if refused.
/// `frame` (self, then the arguments; `nvalues` words) is the call or loop
/// iteration that made p hot, if any: arguments that are flonums there are
/// speculated to stay flonums (jit/unbox.h).
bool compile(Proto* p, const Value* frame = nullptr, uint32_t nvalues = 0);

/// The listing of `p` for (disassemble f) and --disasm: its name and
/// location, its IR and the x86-64 the JIT makes for it, with offsets from
/// the entry. Generates the code afresh without installing it, so it never
/// changes how the program runs (jit/disasm.cpp).
std::string disassemble(Proto* p);

/// What generate_only speculates: nothing, that every argument and free
/// variable is a flonum (jit/unbox.h), or that every argument is a fixnum
/// (jit/fixnum_guards.h).
enum class DrySpeculation { kNone, kFlonums, kFixnums };

/// Generates `p`'s machine code with that speculation without installing
/// it, and verifies the lowered IR: "" or what is wrong (a compiler bug).
/// For the compile fuzz target (jit/dry_run.cpp).
std::string generate_only(Proto* p, DrySpeculation speculate);

}  // namespace kiln::jit
