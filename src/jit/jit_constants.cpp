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
