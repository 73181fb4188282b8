// The GDB JIT interface: how gdb learns the names of compiled functions.
//
// gdb puts a breakpoint in __jit_debug_register_code and reads
// __jit_debug_descriptor (both names and layouts are fixed by gdb's manual,
// "JIT Compilation Interface"). For each compiled function Kiln links one
// small in-memory ELF object into the descriptor's list: a .text section
// of type SHT_NOBITS placed at the code's executable address (the code
// itself stays where it is) and a .symtab with one function symbol,
// `scheme:NAME@FILE:LINE:COL`, plus a .debug_frame saying how to unwind
// from the function to the entry stub's caller. gdb then names the function
// in backtraces and `info symbol`, `disassemble` works on it, and `bt`
// continues into the C++ that entered machine code. Machine code does not
// use the C stack for Scheme calls (jit/README.md): a backtrace shows the
// innermost JIT function only, never its Scheme callers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" {

/// gdb's declarations, with gdb's names.
enum JitActions : uint32_t { JIT_NOACTION = 0, JIT_REGISTER_FN, JIT_UNREGISTER_FN };

struct jit_code_entry {
  jit_code_entry* next_entry;
  jit_code_entry* prev_entry;
  const char* symfile_addr;
  uint64_t symfile_size;
};

struct jit_descriptor {
  uint32_t version;  // 1
  uint32_t action_flag;
  jit_code_entry* relevant_entry;
  jit_code_entry* first_entry;
};

/// gdb breaks here to read the descriptor; it must never be inlined away.
void __jit_debug_register_code();
extern jit_descriptor __jit_debug_descriptor;

}

namespace kiln::jit {

/// Tells gdb about the machine code [code, code + size), named `name`;
/// with `unwind`, also that it runs inside the entry stub's C frame (true of
/// every compiled function, not of the stubs themselves). The registration
/// is never undone: code is never freed.
void gdb_register_code(const void* code, size_t size, const std::string& name, bool unwind);

}  // namespace kiln::jit
