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

Value capture_continuation(Thread& t, Frame* keep_to, Frame* seal_to, Frame* entry) {
  // Invariant: the running frame is not sealed, so seal_limit <= seal_to.
  ChainRef below = seal_ref(t);
  ChainRef kept = below;
  if (keep_to > t.seal_limit) {
    const Frame* first = t.seal_limit;
    uint64_t nframes = static_cast<uint64_t>(keep_to - first);
    uint64_t reg_base = static_cast<uint64_t>(first->fp - t.stack_base);
    uint64_t reg_end = static_cast<uint64_t>(keep_to[-1].fp - t.stack_base) + keep_to[-1].proto->nregs;
    uint64_t nregs = reg_end - reg_base;
    // Not atomic: the saved Protos, code pointers and registers must keep
    // what they point to alive.
    auto* chunk = gc_new<StackChunk>(Type::StackChunk,
                                     sizeof(StackChunk) + nframes * sizeof(SavedFrame) + nregs * sizeof(Value), nframes);
    chunk->parent = below.chunk;
    chunk->parent_count = below.count;
    chunk->base = static_cast<uint64_t>(first - t.frames_base);
    chunk->reg_base = reg_base;
    chunk->nregs = nregs;
    for (uint64_t i = 0; i < nframes; ++i) {
      const Frame& f = first[i];
      chunk->frames()[i] = SavedFrame{static_cast<uint64_t>(f.fp - t.stack_base), f.pc, f.proto, f.result_reg, f.flags};
    }
    std::memcpy(chunk->regs(), t.stack_base + reg_base, nregs * sizeof(Value));
    kept = ChainRef{Value::object(chunk), nframes};
    if (seal_to > t.seal_limit) set_seal(t, ChainRef{kept.chunk, static_cast<uint64_t>(seal_to - first)});
  }
  auto* k = gc_new<Continuation>(Type::Continuation, sizeof(Continuation));
  k->chunk = kept.chunk;
  k->count = kept.count;
  k->entry = static_cast<uint64_t>(entry - t.frames_base);
  k->winders = t.winders;
  k->handlers = t.handlers;
  return Value::object(k);
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
  std::memcpy(t.stack_base + saved.fp_index, c->regs() + (saved.fp_index - c->reg_base),
              saved.proto->nregs * sizeof(Value));
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
