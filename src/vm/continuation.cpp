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

/// How many frames, from the bottom, two chains share. Chunks are immutable
/// and a chunk's frames lie above all of its parent's, so the chains agree
/// exactly up to their deepest common chunk.
uint64_t common_depth(ChainRef a, ChainRef b) {
  while (!a.empty() && !b.empty()) {
    if (a.chunk == b.chunk) return a.c()->base + std::min(a.count, b.count);
    uint64_t abase = a.c()->base, bbase = b.c()->base;
    if (abase >= bbase) a = a.parent();
    if (bbase >= abase) b = b.parent();
  }
  return 0;
}

/// The registers of frame `f` end at its fp plus its function's register
/// count; the callee's frame begins there.
uint64_t regs_end(const SavedFrame& f) { return f.fp_index + f.proto->nregs; }

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
  ChainRef target{k->chunk, k->count};
  uint64_t depth = target.depth();
  uint64_t shared = common_depth(target, seal_ref(t));
  // Frames [0, shared) are in place and sealed, hence exactly as captured.
  // Copy back the rest, chunk by chunk from the top.
  for (ChainRef r = target; !r.empty() && r.depth() > shared; r = r.parent()) {
    StackChunk* c = r.c();
    uint64_t from = std::max(shared, c->base), to = c->base + r.count;
    const SavedFrame* saved = c->frames() + (from - c->base);
    for (uint64_t i = from; i < to; ++i, ++saved)
      t.frames_base[i] = Frame{t.stack_base + saved->fp_index, saved->pc, saved->proto, saved->result_reg, saved->flags};
    const SavedFrame& lo = c->frames()[from - c->base];
    const SavedFrame& hi = c->frames()[to - 1 - c->base];
    std::memcpy(t.stack_base + lo.fp_index, c->regs() + (lo.fp_index - c->reg_base),
                (regs_end(hi) - lo.fp_index) * sizeof(Value));
  }
  // Every frame of the continuation is now in place and identical to its
  // chain: seal them all (delivering the result unseals the top one).
  set_seal(t, target);
  t.frames_top = t.frames_base + depth;
  t.handlers = k->handlers;
}

KILN_PRIMITIVE(prim_continuation_winders, "%continuation-winders", 1, 1,
               "(%continuation-winders k): the dynamic-wind list k was captured with.") {
  return a.expect(0, Type::Continuation, "continuation").as<Continuation>()->winders;
}

}  // namespace kiln::vm
