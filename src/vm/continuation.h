// First-class continuations of the VM: capture, sealing, reinstatement.
//
// A continuation is the VM's frame stack (frame records in
// Thread::frames_*, registers on the value stack) as it was when it was
// captured, plus the dynamic state (winders, handlers). The VM runs no C++
// recursion between Scheme frames, so frames and registers are all there is
// to save.
//
// Design: incremental capture, lazy reinstatement (in the spirit of
// Hieb, Dybvig and Bruggeman's segmented stacks, on one contiguous stack).
//   - Capturing copies into a heap chunk only the frames pushed since
//     the previous capture (those at or above Thread::seal_limit); the
//     chunk's parent is the chain of chunks that already describes the
//     frames below. Chunks are immutable, so any number of continuations
//     share them and each can be re-entered any number of times.
//   - Frames below seal_limit are *sealed*: owned by the thread's current
//     chain (Thread::seal_chunk/seal_count), whatever their copies in place
//     hold. The running frame is never sealed. (The frame that made a
//     call/cc may be, while the receiver runs, when both are machine code:
//     it runs again only after a return, and returns check the seal;
//     jit/control.h.)
//   - Reinstating a continuation copies nothing: it makes the continuation's
//     chain the thread's seal chain and sets frames_top to its depth.
//   - A return checks `frames_top <= seal_limit`; when it holds, the frame
//     being returned into is sealed, and is copied back from its chunk
//     (load_sealed_frame) before it runs: one frame and its registers.
//   - Unless it is still intact in place: the sealed frames in
//     [Thread::seal_intact, seal_limit) equal their copies (a capture just
//     copied them from there, and no other chain has been reinstated
//     since), and a return into one only unseals it. An escape to a
//     continuation captured just below the running frames (k's chain is
//     the thread's, with the same topmost chunk) keeps that range, so the
//     escape and the returns after it copy nothing. So does a switch
//     back to the chain the last switch left (Thread::left_chunk: a
//     generator returning to its caller) when nothing written since
//     reaches its frames: its range then is what it was. Reinstating any
//     other chain empties the range; a capture extends it (the frames it
//     seals are adjacent above it); unsealing a frame lowers it.
//
// Costs: call/cc allocates one chunk of the frames pushed since the last
// capture (in a loop, one frame; 48 bytes + 24 per frame + 8 per slot),
// which is also the continuation object; with nothing new to copy, a
// 48-byte one, or nothing when it is the very continuation of the topmost
// chunk again; calling a continuation
// costs O(1) plus the dynamic-wind thunks; each later return into a frame
// of the continuation copies that one frame (nothing while it is intact
// in place); a plain return pays one compare. Generators and coroutines switch in O(1) however deep they are.
//
// For the JIT: a native frame must be able to (a) be copied into a chunk
// and back to the same stack position (no absolute pointers into its own
// frame other than the saved fp, which is stored as an index), (b) give
// its resume address and result location as the VM's Frame{pc,
// result_reg} do, and (c) run the `frames_top <= seal_limit` check (or an
// equivalent patched return address, as in Chez's underflow handler) when
// it returns into its caller, calling load_sealed_frame when it holds.
#pragma once

#include "runtime/object.h"
#include "runtime/thread.h"

namespace kiln::vm {

/// One saved frame: a Frame whose fp is kept as an index into the value
/// stack, so a chunk holds no pointer into the VM stacks. Its slots run up
/// to the next frame's fp (the last frame's up to the chunk's nregs): what
/// a return into it needs back (a machine-code frame has fewer slots than
/// its Proto's nregs).
///
/// Written whole by a capture, never a field in part: a bit-field store
/// reads the word first, and a read of a chunk just allocated (not in the
/// cache) stalls the capture. `proto` comes before `pc` (the reverse of
/// Frame) so that the compiler does not copy the pair as one 16-byte load
/// of the record: machine code stores pc alone, and a load spanning two
/// stores stalls on store forwarding.
struct SavedFrame {
  Proto* proto;
  const uint32_t* pc;
  uint32_t fp_index;      // fp - stack_base (the stack holds 64M values)
  uint32_t result_flags;  // result_reg | flags << 30 (registers lie on that stack too)

  uint32_t result_reg() const { return result_flags & ((1u << 30) - 1); }
  uint32_t flags() const { return result_flags >> 30; }  // kFrameBoundary, kFrameNative
};
static_assert(sizeof(SavedFrame) == 24 && (kFrameBoundary | kFrameNative) < 4);

/// A continuation procedure, which is also a chunk of the frame stack: a
/// heap copy of the consecutive frames [base, base + size()) and of their
/// slots, immutable once made, above the first `parent_count` frames of the
/// `parent` chain. The continuation is the frames [0, base + size()) so
/// described, and the dynamic state to restore.
///
/// A capture makes one such object, holding the frames pushed since the
/// previous capture (one allocation per capture). With nothing new to copy
/// it makes one of no frames (parent and parent_count then describe the
/// whole continuation; such an object is never a chunk of a chain), or
/// returns the topmost chunk itself when the continuation is exactly that
/// chunk's with the same dynamic state (ctak's call/cc in tail position),
/// allocating nothing.
struct Continuation : Object {
  Value winders;          // Thread::winders at capture
  Value handlers;         // Thread::handlers at capture
  Value parent;           // Continuation with frames, or #f (nothing below)
  uint32_t parent_count;  // frames of `parent` below this one's
  uint32_t entry;         // frame index of the entry frame of the VM activation it was captured in
  uint32_t base;          // frame index (from frames_base) of the first frame
  uint32_t nregs;         // number of saved slots, from the first frame's fp
  // Followed by SavedFrame frames[size()], then Value regs[nregs]. (48
  // bytes before them: a chunk of one frame and eight slots, ctak's, fills
  // a 128-byte size class.)
  SavedFrame* frames() { return reinterpret_cast<SavedFrame*>(this + 1); }
  Value* regs() { return reinterpret_cast<Value*>(frames() + size()); }
  /// The saved copy of the stack slot at index `fp_index` (of a frame here).
  Value* slot_copy(uint32_t fp_index) { return regs() + (fp_index - frames()[0].fp_index); }
  /// The value-stack index where the slots of frame i end.
  uint32_t slots_end(uint64_t i) { return i + 1 < size() ? frames()[i + 1].fp_index : frames()[0].fp_index + nregs; }
};
static_assert(sizeof(Continuation) == 48);

/// What captures and returns into sealed frames have cost, for `--stats`
/// (the counts say where call/cc's time goes without a profiler).
struct ContinuationStats {
  uint64_t captures = 0;      // capture_continuation calls
  uint64_t reused = 0;        // of those, answered with an existing chunk (nothing allocated)
  uint64_t chunks = 0;        // of those, that copied frames into a new chunk
  uint64_t frames_saved = 0;  // frames those chunks hold
  uint64_t bytes = 0;         // bytes allocated by captures
  uint64_t resealed = 0;      // frames sealed again by reseal_frame
  uint64_t loads = 0;         // returns into a sealed frame that copied it back
  uint64_t unseals = 0;       // returns into a sealed frame found intact (nothing copied)
};
extern ContinuationStats g_continuation_stats;

/// Captures the continuation made of frames [frames_base, keep_to), sealing
/// those below `seal_to` (seal_to == keep_to, or keep_to - 1 when the frame
/// at keep_to - 1 is the running frame and must stay writable). `end` is
/// where the slots of the frame at keep_to - 1 end: the fp of the call
/// being made (call/cc's own frame). `entry` is the current activation's
/// entry frame. Allocates.
Value capture_continuation(Thread& t, Frame* keep_to, Frame* seal_to, Value* end, Frame* entry);

/// Seals the running frame `f` again, as the topmost frame of `k`, which
/// was captured in it (an inline call/cc's continuation, jit/control.h)
/// when the frame is, for a return into it, exactly k's copy: its record
/// resumes where k does, and the frames below it are sealed by k's own
/// chain. The caller guarantees the first (the frame's values a return
/// can see are those k saved, and its return address is k's); this checks
/// the second and does nothing when it fails. A capture whose continuation
/// is a return into `f` (a callee's call/cc in tail position) then
/// answers k itself, and an escape to k finds `f` intact. The caller
/// enters machine code next, whose return checks the seal. Does not
/// allocate.
void reseal_frame(Thread& t, Frame* f, Continuation* k);

/// Makes the frame stack that of `k` (frames_top = its depth, every frame
/// sealed) and restores its handlers. The caller then delivers the values
/// as a return into frames_top[-1]. Does not allocate.
void reinstate_continuation(Thread& t, Continuation* k);

/// A call of `k` delivering a value, from machine code: reinstate_continuation,
/// then the return into k's topmost frame (load_sealed_frame), then
/// what vm::after_reinstate does (sp at the end of that frame, out of the
/// stack reserve when below it), in one call. The frame is at
/// frames_top[-1], in place and unsealed, when it returns. k has a frame
/// above the current activation's entry. Does not allocate.
void enter_continuation(Thread& t, Continuation* k);

/// Copies the topmost sealed frame (at seal_limit - 1) back into place and
/// unseals it: called when control returns into it. Does not allocate.
void load_sealed_frame(Thread& t);

/// Drops from the seal every frame at or above `to`: called when frames are
/// discarded (leaving an activation, unwinding after an error).
void lower_seal(Thread& t, Frame* to);

/// The frame at `f` (below frames_top) as it logically is: from its chunk
/// when it is sealed, else in place. For backtraces.
Frame frame_at(const Thread& t, const Frame* f);

/// How many frames `k` is made of.
inline uint64_t continuation_depth(const Continuation* k) {
  if (k->size() > 0) return k->base + k->size();
  return k->parent == kFalse ? 0 : k->parent.as<Continuation>()->base + k->parent_count;
}

}  // namespace kiln::vm
