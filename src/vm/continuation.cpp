#include "vm/continuation.h"

#include <algorithm>
#include <cstring>

#include "runtime/gc.h"
#include "runtime/primitive.h"
#include "runtime/proto.h"

namespace kiln::vm {

namespace {

/// A position in a chunk chain: the first `count` frames of `chunk` and
/// everything below them.
struct ChainRef {
  Value chunk;
  uint64_t count;

  StackChunk* c() const { return chunk.as<StackChunk>(); }
  bool empty() const { return chunk == kFalse; }
  uint64_t depth() const { return empty() ? 0 : c()->base + count; }
  ChainRef parent() const { return {c()->parent, c()->parent_count}; }
};

ChainRef seal_ref(const Thread& t) { return {t.seal_chunk, t.seal_count}; }

void set_seal(Thread& t, ChainRef r) {
  t.seal_chunk = r.chunk;
  t.seal_count = r.count;
  t.seal_limit = t.frames_base + r.depth();
}

/// The chain truncated to its first `depth` frames.
ChainRef truncate(ChainRef r, uint64_t depth) {
  while (!r.empty() && r.c()->base >= depth) r = r.parent();
  if (!r.empty()) r.count = std::min(r.count, depth - r.c()->base);
  return r;
}

}  // namespace

void lower_seal(Thread& t, Frame* to) {
  if (t.seal_limit <= to) return;
  set_seal(t, truncate(seal_ref(t), static_cast<uint64_t>(to - t.frames_base)));
}

Value capture_continuation(Thread& t, Frame* keep_to, Frame* seal_to, Value* end, Frame* entry) {
  // Invariant: the running frame is not sealed, so seal_limit <= seal_to.
  uint64_t entry_index = static_cast<uint64_t>(entry - t.frames_base);
  ChainRef below = seal_ref(t);
  if (keep_to <= t.seal_limit) {
    // Nothing new to copy: the continuation is the seal chain as it stands.
    // When that is all of the topmost chunk and the dynamic state is the
    // one the chunk was captured with, it is the chunk's own continuation.
    if (!below.empty()) {
      StackChunk* c = below.c();
      if (below.count == c->size() && c->entry == entry_index && c->winders == t.winders &&
          c->handlers == t.handlers)
        return below.chunk;
    }
    auto* k = gc_new<Continuation>(Type::Continuation, sizeof(Continuation));
    k->chunk = below.chunk;
    k->count = below.count;
    k->entry = entry_index;
    k->winders = t.winders;
    k->handlers = t.handlers;
    return Value::object(k);
  }
  const Frame* first = t.seal_limit;
  uint64_t nframes = static_cast<uint64_t>(keep_to - first);
  uint64_t reg_base = static_cast<uint64_t>(first->fp - t.stack_base);
  uint64_t nregs = static_cast<uint64_t>(end - first->fp);
  // Not atomic: the saved Protos, code pointers and slots must keep what
  // they point to alive.
  auto* chunk = gc_new<StackChunk>(Type::Continuation,
                                   sizeof(StackChunk) + nframes * sizeof(SavedFrame) + nregs * sizeof(Value), nframes);
  Value self = Value::object(chunk);
  chunk->chunk = self;
  chunk->count = nframes;
  chunk->entry = entry_index;
  chunk->winders = t.winders;
  chunk->handlers = t.handlers;
  chunk->parent = below.chunk;
  chunk->parent_count = static_cast<uint32_t>(below.count);
  chunk->base = static_cast<uint32_t>(first - t.frames_base);
  chunk->reg_base = static_cast<uint32_t>(reg_base);
  chunk->nregs = static_cast<uint32_t>(nregs);
  // Each frame's slots end where the next frame's begin (the last one's at
  // `end`): exactly what a return into it needs back.
  for (uint64_t i = 0; i < nframes; ++i) {
    const Frame& f = first[i];
    Value* f_end = i + 1 < nframes ? first[i + 1].fp : end;
    chunk->frames()[i] = SavedFrame{f.pc, f.proto, static_cast<uint32_t>(f.fp - t.stack_base),
                                    static_cast<uint32_t>(f_end - f.fp), f.result_reg, f.flags};
  }
  std::memcpy(chunk->regs(), t.stack_base + reg_base, nregs * sizeof(Value));
  if (seal_to > t.seal_limit) set_seal(t, ChainRef{self, static_cast<uint64_t>(seal_to - first)});
  return self;
}

void reinstate_continuation(Thread& t, Continuation* k) {
  // Nothing is copied: the frames become sealed, owned by k's chain, and
  // each is copied back when control returns into it (load_sealed_frame).
  ChainRef target{k->chunk, k->count};
  set_seal(t, target);
  t.frames_top = t.frames_base + target.depth();
  t.handlers = k->handlers;
}

void load_sealed_frame(Thread& t) {
  StackChunk* c = t.seal_chunk.as<StackChunk>();
  uint64_t i = t.seal_count - 1;
  const SavedFrame& saved = c->frames()[i];
  t.frames_base[c->base + i] = Frame{t.stack_base + saved.fp_index, saved.pc, saved.proto, saved.result_reg, saved.flags};
  std::memcpy(t.stack_base + saved.fp_index, c->regs() + (saved.fp_index - c->reg_base), saved.nslots * sizeof(Value));
  ChainRef rest = i == 0 ? ChainRef{c->parent, c->parent_count} : ChainRef{t.seal_chunk, i};
  set_seal(t, rest);
}

Frame frame_at(const Thread& t, const Frame* f) {
  if (f >= t.seal_limit) return *f;
  uint64_t index = static_cast<uint64_t>(f - t.frames_base);
  ChainRef r = seal_ref(t);
  while (r.c()->base > index) r = r.parent();
  const SavedFrame& saved = r.c()->frames()[index - r.c()->base];
  return Frame{t.stack_base + saved.fp_index, saved.pc, saved.proto, saved.result_reg, saved.flags};
}

KILN_PRIMITIVE(prim_continuation_winders, "%continuation-winders", 1, 1,
               "(%continuation-winders k): the dynamic-wind list k was captured with.") {
  return a.expect(0, Type::Continuation, "continuation").as<Continuation>()->winders;
}

}  // namespace kiln::vm
