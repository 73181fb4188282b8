// (disassemble f) and `kiln --disasm`: a function's IR and its x86-64.
//
// The listing comes from running the code generator again on the
// function's IR with asmjit's logger attached, into a CodeHolder that is
// never installed: the running program is untouched (a function that is not
// compiled stays on the VM, in every --jit mode), and the code generator is
// deterministic, so the listing is the installed code byte for byte except
// for where it would be placed. Offsets are from the function's entry.
#include <cstring>
#include <string>

#include "ir/ir.h"
#include "jit/codegen.h"
#include "jit/jit.h"
#include "jit/unbox.h"
#include "runtime/heap.h"

namespace kiln::jit {

namespace {

/// Prefixes each line asmjit logs with the offset of the instruction or
/// label it describes: asmjit logs an instruction after encoding it but
/// before advancing the buffer, so the assembler's offset is its start.
class ListingLogger : public Logger {
 public:
  explicit ListingLogger(const BaseEmitter** emitter) : emitter_(emitter) {
    setFlags(FormatFlags::kHexImms | FormatFlags::kHexOffsets);
  }
  std::string text;

  Error _log(const char* data, size_t size) noexcept override {
    if (size == SIZE_MAX) size = std::strlen(data);
    size_t offset = *emitter_ ? static_cast<const Assembler*>(*emitter_)->offset() : 0;
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%04zx  ", offset);
    for (size_t i = 0; i < size; ++i) {
      if (line_start_) text += prefix;
      text += data[i];
      line_start_ = data[i] == '\n';
    }
    return kErrorOk;
  }

 private:
  const BaseEmitter** emitter_;
  bool line_start_ = true;  // a comment arrives in two calls: text, then "\n"
};

}  // namespace

std::string disassemble(Proto* p) {
  std::string where = format_srcloc(p->loc);
  std::string out = ";; " + proto_display_name(p) + (where.empty() ? "" : " at " + where) + ", " +
                    (p->native_entry ? "compiled" : "not compiled: this is the code the JIT would make") + "\n";
  if (!p->ir) return out + ";; no IR: not a function the JIT can compile\n";
  // The lowered form (jit/unbox.h), with the speculation of the installed
  // code (none if there is none).
  const ir::Function f = lower(p, p->native_entry != nullptr);
  out += ";; IR, lowered for the JIT\n" + ir::dump(f, false);
  const BaseEmitter* emitter = nullptr;
  ListingLogger logger(&emitter);
  CodeHolder code;
  code.init(code_environment());
  code.setLogger(&logger);
  Assembler a(&code);
  emitter = &a;
  CodeGen gen(p, f, a);
  gen.set_vm_ir(static_cast<const ir::Function*>(p->ir));  // its OSR entries too
  gen.run();
  (void)code.flatten();
  out += ";; x86-64, " + std::to_string(code.codeSize()) + " bytes (offset from the entry, instruction)\n";
  out += logger.text;
  return out;
}

}  // namespace kiln::jit
