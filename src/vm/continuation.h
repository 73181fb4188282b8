// First-class continuations of the VM: capture, sealing, reinstatement.
//
// A continuation is the VM's frame stack (frame records in
// Thread::frames_*, registers on the value stack) as it was when it was
// captured, plus the dynamic state (winders, handlers). The VM runs no C++
// recursion between Scheme frames, so frames and registers are all there is
// to save.
//
// Design: incremental capture with sealed frames.
//   - Capturing copies into a heap StackChunk only the frames pushed since
//     the previous capture (those at or above Thread::seal_limit); the
//     chunk's parent is the chunk chain that already describes the frames
//     below. Those frames become *sealed*: they are shared with the
//     continuation and must stay exactly as captured while they are in
//     place. A capture in a loop therefore copies one frame, not the stack.
//   - The running frame is never sealed. The only way a frame below the
//     running one starts running again is a return into it, so a return
//     checks `frames_top <= seal_limit` and, when it holds, lowers the seal
//     by one frame (O(1), no copying: the heap copy already exists).
//   - Reinstating a continuation finds the longest prefix its chunk chain
//     shares with the thread's seal chain (those frames are in place and
//     identical) and copies back only the frames above it. An escape to a
//     continuation captured lower on the current stack copies back one frame.
//   - Chunks are immutable once made, so any number of continuations can
//     share them and be re-entered any number of times.
//
// Costs: call/cc allocates a Continuation and a chunk of the frames pushed
// since the last capture (usually one); an escape through it copies back
// one frame and its registers; a return into a sealed frame is a compare
// and a few stores; a plain return pays one compare.
//
// For the JIT: a native frame must be able to (a) be copied into a chunk
// and back to the same stack position (no absolute pointers into its own
// frame other than the saved fp, which is stored as an index), (b) give
// its resume address and result location as the VM's Frame{pc,
// result_reg} do, and (c) run the `frames_top <= seal_limit` check (or an
// equivalent patched return address) when it returns into its caller.
#pragma once

#include "runtime/object.h"
#include "runtime/thread.h"

namespace kiln::vm {

/// One saved frame: a Frame whose fp is kept as an index into the value
/// stack, so a chunk holds no pointer into the VM stacks.
struct SavedFrame {
  uint64_t fp_index;
  const uint32_t* pc;
  Proto* proto;
  uint32_t result_reg;
  uint32_t flags;
};

/// A heap copy of the consecutive frames [base, base + size()) of the frame
/// stack and of their registers. Immutable once made. The frames below
/// `base` are the first `parent_count` frames of the `parent` chain.
struct StackChunk : Object {
  Value parent;           // StackChunk or #f (nothing below)
  uint64_t parent_count;  // frames of `parent` that lie below this chunk
  uint64_t base;          // frame index (from frames_base) of the first frame
  uint64_t reg_base;      // value-stack index of the first frame's fp
  uint64_t nregs;         // number of saved registers
  // Followed by SavedFrame frames[size()], then Value regs[nregs].
  SavedFrame* frames() { return reinterpret_cast<SavedFrame*>(this + 1); }
  Value* regs() { return reinterpret_cast<Value*>(frames() + size()); }
};

/// A continuation procedure: the frames [0, depth) given by the chain
/// (chunk, count), where depth = chunk.base + count (0 without a chunk),
/// and the dynamic state to restore.
struct Continuation : Object {
  Value chunk;      // StackChunk or #f
  uint64_t count;   // how many of chunk's frames belong to the continuation
  uint64_t entry;   // frame index of the entry frame of the VM activation it was captured in
  Value winders;    // Thread::winders at capture
  Value handlers;   // Thread::handlers at capture
};

/// Captures the continuation made of frames [frames_base, keep_to), sealing
/// those below `seal_to` (seal_to == keep_to, or keep_to - 1 when the frame
/// at keep_to - 1 is the running frame and must stay writable). `entry` is
/// the current activation's entry frame. Allocates.
Value capture_continuation(Thread& t, Frame* keep_to, Frame* seal_to, Frame* entry);

/// Makes the frame stack that of `k` (frames_top = its depth), copying back
/// only the frames not already in place, and restores its handlers. The
/// caller then delivers the values as a return into frames_top[-1].
/// Does not allocate.
void reinstate_continuation(Thread& t, Continuation* k);

/// Lowers the seal so that no frame at or above `to` is sealed: called when
/// frames are about to be reused or overwritten (a return into a sealed
/// frame, leaving an activation, unwinding after an error).
void lower_seal(Thread& t, Frame* to);

inline uint64_t continuation_depth(const Continuation* k) {
  return k->chunk == kFalse ? 0 : k->chunk.as<StackChunk>()->base + k->count;
}

}  // namespace kiln::vm
