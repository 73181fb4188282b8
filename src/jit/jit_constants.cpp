// The machine code's GC-visible constants (codegen.h, runtime/proto.h).
#include "jit/codegen.h"
#include "runtime/gc.h"

namespace kiln::jit {

const Value* CodeGen::jit_constant(Value v) {
  JitConstants* last = nullptr;
  for (JitConstants* c = p_->jit_constants; c; c = c->next) {
    for (uint64_t i = 0; i < c->count; ++i)
      if (c->values[i] == v) return &c->values[i];
    last = c;
  }
  // Fill the last chunk, or chain a new one (scanned, zeroed memory: it
  // holds Values and keeps the next chunk alive).
  if (!last || last->count == JitConstants::kCapacity) {
    auto* fresh = static_cast<JitConstants*>(gc_alloc(sizeof(JitConstants)));
    if (last)
      last->next = fresh;
    else
      p_->jit_constants = fresh;
    last = fresh;
  }
  last->values[last->count] = v;
  return &last->values[last->count++];
}

void CodeGen::load_constant(const Gp& r, uint32_t i) {
  Value c = constant(i);
  if (!c.is_heap()) {
    if (raw(c) <= UINT32_MAX)
      a_.mov(r.r32(), imm(static_cast<uint32_t>(raw(c))));  // zero-extended, shorter
    else
      a_.mov(r, imm(raw(c)));
  } else if (i < static_cast<const ir::Function*>(p_->ir)->constants.size()) {
    // In the Proto's table (the IR's constants as the VM emitted it, never
    // written again), which keeps it alive as long as this code: the
    // collector moves nothing, so the code may hold a copy of the word.
    a_.mov(r, imm(raw(c)));
  } else {
    // Added by lowering (sampled_callees.cpp, record_calls.cpp): the
    // code's own word, its value kept alive by the Proto's JitConstants.
    a_.mov(r, code_constant(c));
  }
}

Mem CodeGen::code_constant(Value v) {
  jit_constant(v);
  return code_word(raw(v));
}

Mem CodeGen::code_word(uint64_t word) {
  for (auto& [w, label] : code_words_)
    if (w == word) return ptr(label);
  code_words_.push_back({word, a_.newLabel()});
  return ptr(code_words_.back().second);
}

}  // namespace kiln::jit
