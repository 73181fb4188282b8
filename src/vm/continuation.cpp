#include "vm/continuation.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "runtime/gc.h"
#include "runtime/primitive.h"
#include "runtime/proto.h"
#include "vm/interp.h"

namespace kiln::vm {

ContinuationStats g_continuation_stats;

namespace {

/// A position in a chunk chain: the first `count` frames of `chunk` (a
/// Continuation with frames) and everything below them.
struct ChainRef {
  Value chunk;
  uint64_t count;

  Continuation* c() const { return chunk.as<Continuation>(); }
  bool empty() const { return chunk == kFalse; }
  uint64_t depth() const { return empty() ? 0 : c()->base + count; }
  ChainRef parent() const { return {c()->parent, c()->parent_count}; }
};

/// The frames a continuation is made of, as a position in a chain.
ChainRef chain_of(Continuation* k) {
  if (k->size() > 0) return {Value::object(k), k->size()};
  return {k->parent, k->parent_count};
}

/// The slots of frame i of chunk c: from its fp to the next frame's.
uint64_t frame_slots(Continuation* c, uint64_t i) { return c->slots_end(i) - c->frames()[i].fp_index; }

ChainRef seal_ref(const Thread& t) { return {t.seal_chunk, t.seal_count}; }

/// Makes `r` the seal. The intact range stays what it was below the new
/// limit: right for a seal lowered (a frame unsealed, a truncation); a seal
/// raised must set it.
void set_seal(Thread& t, ChainRef r, Frame* limit) {
  assert(limit == t.frames_base + r.depth());
  t.seal_chunk = r.chunk;
  t.seal_count = r.count;
  t.seal_limit = limit;
  if (t.seal_intact > limit) t.seal_intact = limit;
  if (t.return_floor < limit) t.return_floor = limit;
  // Frames below the seal are never written in place (only a return into
  // one, which unseals it first): the lowest seal since a switch bounds
  // the records written since.
  if (t.written_floor > limit) t.written_floor = limit;
}

/// set_seal when the limit is not at hand (it reads the chunk).
void set_seal(Thread& t, ChainRef r) { set_seal(t, r, t.frames_base + r.depth()); }

/// Where the slots of the topmost frame of `r` (not empty) end on the
/// value stack: every frame of `r` lies below.
const Value* slots_end(const Thread& t, ChainRef r) {
  return t.stack_base + r.c()->slots_end(r.count - 1);
}

/// Where the topmost frame of `r` (not empty) starts on the value stack.
Value* frame_fp(const Thread& t, ChainRef r) {
  return t.stack_base + r.c()->frames()[r.count - 1].fp_index;
}

/// The chain truncated to its first `depth` frames.
ChainRef truncate(ChainRef r, uint64_t depth) {
  while (!r.empty() && r.c()->base >= depth) r = r.parent();
  if (!r.empty()) r.count = std::min(r.count, depth - r.c()->base);
  return r;
}

}  // namespace

void lower_seal(Thread& t, Frame* to) {
  // Frames are discarded (an activation left, an error unwound): the frame
  // below may run again without being unsealed by a return, so nothing is
  // known of the left chain any more (and it need not be kept alive).
  t.left_chunk = kFalse;
  if (t.seal_limit <= to) return;
  set_seal(t, truncate(seal_ref(t), static_cast<uint64_t>(to - t.frames_base)));
}

Value capture_continuation(Thread& t, Frame* keep_to, Frame* seal_to, Value* end, Frame* entry) {
  // Invariant: the running frame is not sealed, so seal_limit <= seal_to.
  uint32_t entry_index = static_cast<uint32_t>(entry - t.frames_base);
  ChainRef below = seal_ref(t);
  ++g_continuation_stats.captures;
  if (keep_to <= t.seal_limit && !below.empty()) {
    // Nothing new to copy. When the continuation is all of the topmost
    // chunk and the dynamic state the one it was captured with, it is that
    // chunk's own continuation.
    Continuation* c = below.c();
    if (below.count == c->size() && c->entry == entry_index && c->winders == t.winders && c->handlers == t.handlers) {
      ++g_continuation_stats.reused;
      return below.chunk;
    }
  }
  uint64_t nframes = 0, nregs = 0;
  const Frame* first = t.seal_limit;
  if (keep_to > t.seal_limit) {
    nframes = static_cast<uint64_t>(keep_to - first);
    nregs = static_cast<uint64_t>(end - first->fp);
  }
  // Not atomic: the saved Protos, code pointers and slots must keep what
  // they point to alive.
  uint64_t bytes = sizeof(Continuation) + nframes * sizeof(SavedFrame) + nregs * sizeof(Value);
  auto* k = gc_new<Continuation>(Type::Continuation, bytes, nframes);
  g_continuation_stats.bytes += bytes;
  g_continuation_stats.chunks += nframes > 0;
  g_continuation_stats.frames_saved += nframes;
  k->winders = t.winders;
  k->handlers = t.handlers;
  k->parent = below.chunk;
  k->parent_count = static_cast<uint32_t>(below.count);
  k->entry = entry_index;
  Value self = Value::object(k);
  if (nframes == 0) return self;  // the chain below is the whole continuation
  k->base = static_cast<uint32_t>(first - t.frames_base);
  k->nregs = static_cast<uint32_t>(nregs);
  for (uint64_t i = 0; i < nframes; ++i) {
    const Frame& f = first[i];
    k->frames()[i] = SavedFrame{f.proto, f.pc, static_cast<uint32_t>(f.fp - t.stack_base), f.result_reg | f.flags << 30};
  }
  std::memcpy(k->regs(), first->fp, nregs * sizeof(Value));
  if (seal_to > t.seal_limit) set_seal(t, ChainRef{self, static_cast<uint64_t>(seal_to - first)}, seal_to);
  return self;
}

void reseal_frame(Thread& t, Frame* f, Continuation* k) {
  // f is running, so unsealed: the seal is at f exactly when every frame
  // below is sealed. Their chain must be k's below its topmost frame:
  // a chain describing the same frames with other chunks is left alone.
  // That chain ending at f (seal_limit, its depth) also makes f k's
  // topmost frame (k's chunk ends one frame above its chain below), so
  // that needs no check of its own.
  uint64_t n = k->size();
  if (t.seal_limit != f || n == 0) return;
  ChainRef below = n == 1 ? ChainRef{k->parent, k->parent_count} : ChainRef{Value::object(k), n - 1};
  if (below.chunk != t.seal_chunk || below.count != t.seal_count) return;
  assert(k->base + n == static_cast<uint64_t>(f - t.frames_base) + 1);
  // The intact range, [seal_intact, f) or empty at f, grows by f: it
  // equals its copy.
  set_seal(t, ChainRef{Value::object(k), n}, f + 1);
  ++g_continuation_stats.resealed;
}

namespace {

// reinstate_continuation and load_sealed_frame, inlined into
// enter_continuation, which makes the two calls at every continuation call
// from machine code (a generator's switch).

[[gnu::always_inline]] inline void reinstate(Thread& t, Continuation* k) {
  // Nothing is copied: the frames become sealed, owned by k's chain, and
  // each is copied back when control returns into it (load_sealed_frame).
  ChainRef target = chain_of(k);
  // Frames in place stay intact only where k's chain is the current one
  // and they are still sealed: with the same topmost chunk (the usual
  // escape, to a continuation captured just below the running frames), up
  // to the lower of the two counts. Otherwise the intact range is empty:
  // another chain's frames may never have been in place, or were
  // overwritten, and frames unsealed since may have changed.
  bool same = !target.empty() && target.chunk == t.seal_chunk && target.count <= t.seal_count;
  if (same) {
    set_seal(t, target);
    // The left chain stays a candidate: written_floor and written_fp go on
    // bounding what was written since it was left.
    if (t.written_fp > frame_fp(t, target)) t.written_fp = frame_fp(t, target);
  } else {
    // Back to the chain the last switch left (a generator returning to its
    // caller through the caller's continuation), when nothing written
    // since reaches its frames: its intact range then still holds. Only
    // its topmost frame needs checking: the others lie below it.
    Frame* depth = t.frames_base + target.depth();
    Frame* intact = depth;
    if (!target.empty() && target.chunk == t.left_chunk && target.count <= t.left_count &&
        depth <= t.written_floor && slots_end(t, target) <= t.written_fp)
      intact = std::min(t.left_intact, depth);
    // The chain left now, with what of it is intact in place: from here on
    // writes are counted against it. A return into the target's topmost
    // frame writes from its fp up, and so does anything pushed above it.
    t.left_chunk = t.seal_chunk;
    t.left_count = t.seal_count;
    t.left_intact = t.seal_intact;
    set_seal(t, target);
    t.seal_intact = intact;
    t.written_floor = t.seal_limit;
    t.written_fp = target.empty() ? t.stack_base : frame_fp(t, target);
  }
  t.frames_top = t.frames_base + target.depth();
  t.handlers = k->handlers;
}

[[gnu::always_inline]] inline void unseal_top(Thread& t) {
  Continuation* c = t.seal_chunk.as<Continuation>();
  uint64_t i = t.seal_count - 1;
  const SavedFrame& saved = c->frames()[i];
  Value* fp = t.stack_base + saved.fp_index;
  // The frame runs next and writes its slots (and its callees theirs,
  // above): the left chain's frames above fp are not intact any more.
  if (t.written_fp > fp) t.written_fp = fp;
  if (t.seal_intact >= t.seal_limit) {
    t.frames_base[c->base + i] = Frame{fp, saved.pc, saved.proto, saved.result_reg(), saved.flags()};
    std::memcpy(fp, c->slot_copy(saved.fp_index), frame_slots(c, i) * sizeof(Value));
    ++g_continuation_stats.loads;
  } else {
    ++g_continuation_stats.unseals;  // the frame in place is its copy already: unsealing it is enough
  }
  // The seal comes down to this frame's record.
  ChainRef rest = i == 0 ? ChainRef{c->parent, c->parent_count} : ChainRef{t.seal_chunk, i};
  set_seal(t, rest, t.frames_base + c->base + i);
}

}  // namespace

void reinstate_continuation(Thread& t, Continuation* k) { reinstate(t, k); }

void load_sealed_frame(Thread& t) { unseal_top(t); }

namespace {

/// The escape to a continuation captured just below the running frames
/// (ctak's, an early exit): k's chain is the thread's with the same
/// topmost chunk, and k's topmost frame f is intact in place. Then
/// reinstate_continuation followed by load_sealed_frame would raise the
/// seal to k's depth and at once lower it by f, copying nothing; this sets
/// what the two leave, in one step.
/// Returns false, changing nothing, in every other case.
bool enter_intact_escape(Thread& t, Continuation* k) {
  ChainRef target = chain_of(k);
  if (target.chunk != t.seal_chunk || target.count > t.seal_count || target.empty()) return false;
  Frame* f = t.frames_base + target.depth() - 1;
  // Intact: in [seal_intact, seal_limit), and f is below the limit.
  if (t.seal_intact > f) return false;
  ChainRef rest = target.count > 1 ? ChainRef{target.chunk, target.count - 1} : target.parent();
  // The seal ends at f, below which seal_intact stays; return_floor as
  // raising the seal to f + 1 left it; written_fp as unsealing f does (the
  // record in place is its copy, so f->fp is the saved fp).
  set_seal(t, rest, f);
  if (t.return_floor < f + 1) t.return_floor = f + 1;
  if (t.written_fp > f->fp) t.written_fp = f->fp;
  t.frames_top = f + 1;
  t.handlers = k->handlers;
  ++g_continuation_stats.unseals;
  return true;
}

/// What enter_continuation does last: sp at the end of the frame now
/// running, out of the stack reserve when below it.
[[gnu::always_inline]] inline void enter_frame(Thread& t) {
  // The record just written a field at a time is read a field at a time
  // (a wider read of it stalls on store forwarding).
  const Frame& top = t.frames_top[-1];
  if (Proto* p = top.proto) t.sp = top.fp + ((top.flags & kFrameNative) ? p->native_frame_size : p->frame_size);
  if (t.stack_limit > t.stack_alt_limit) leave_stack_reserve_if_below(t);  // in the reserve
}

/// Every other continuation call: both steps, inlined here, apart from
/// enter_intact_escape's path so that it saves no registers for them.
[[gnu::noinline]] void enter_by_steps(Thread& t, Continuation* k) {
  reinstate(t, k);
  unseal_top(t);
  enter_frame(t);
}

}  // namespace

void enter_continuation(Thread& t, Continuation* k) {
  if (!enter_intact_escape(t, k)) return enter_by_steps(t, k);
  enter_frame(t);
}

Frame frame_at(const Thread& t, const Frame* f) {
  // Unsealed, or sealed but intact: the record in place is the frame (and
  // is in the cache, unlike a chunk made long ago: ctak's escapes read it).
  if (f >= t.seal_limit || f >= t.seal_intact) return *f;
  uint64_t index = static_cast<uint64_t>(f - t.frames_base);
  ChainRef r = seal_ref(t);
  while (r.c()->base > index) r = r.parent();
  Continuation* c = r.c();
  const SavedFrame& saved = c->frames()[index - c->base];
  return Frame{t.stack_base + saved.fp_index, saved.pc, saved.proto, saved.result_reg(), saved.flags()};
}

KILN_PRIMITIVE(prim_continuation_winders, "%continuation-winders", 1, 1,
               "(%continuation-winders k): the dynamic-wind list k was captured with.") {
  return a.expect(0, Type::Continuation, "continuation").as<Continuation>()->winders;
}

}  // namespace kiln::vm
