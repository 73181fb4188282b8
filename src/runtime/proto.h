// A compiled function: what every closure of one lambda shares.
//
// The VM's bytecode, its constant table, its frame size and the source
// locations of its instructions live here, together with the counters the
// JIT's tiering reads. Closures point at their Proto; the VM runs `code`.
#pragma once

#include "runtime/object.h"
#include "runtime/srcloc.h"

namespace kiln {

/// The source location of the instruction starting at word `pc`.
struct PcLoc {
  uint32_t pc;
  SrcLoc loc;
};

/// Values that machine code uses and that are not in the IR's constant
/// table (a foreign procedure a call site is specialised to, a known
/// callee): a chain of fixed-size chunks in scanned GC memory, reached from
/// Proto::jit_constants, so the collector sees them for as long as the Proto
/// lives. A slot never moves once filled, so machine code embeds its
/// address (never the Value itself). Filled by the JIT only, through
/// CodeGen::jit_constant (jit/codegen.h).
struct JitConstants {
  static constexpr uint32_t kCapacity = 14;
  JitConstants* next;  // the next chunk, or null
  uint64_t count;      // slots used in this chunk
  Value values[kCapacity];
};

/// An entry into machine code at a loop header other than the function's
/// own (a contified loop's, ir/build.cpp): on-stack replacement of a VM
/// activation that is running the loop (jit/osr.cpp, interp.cpp op_LOOP).
struct OsrEntry {
  uint32_t header;    // the IR block of the loop header
  const void* entry;  // machine code that takes the VM's frame as it is there
};

struct Proto : Object {
  Value name;  // symbol, or #f for an anonymous lambda
  uint32_t nreq;
  bool rest;
  /// Registers fp[0 .. nregs): fp[0] is the closure, fp[1 .. nreq] the
  /// arguments, fp[nreq + 1] the rest list. The outgoing-argument area
  /// follows, so a callee's frame starts at fp + nregs.
  uint32_t nregs;
  /// nregs plus the largest outgoing argument area: every word the frame may
  /// touch lies below fp + frame_size, and the collector scans up to there.
  uint32_t frame_size;
  const uint32_t* code;  // GC memory (atomic)
  uint32_t code_size;
  Value* constants;  // GC memory; nested functions' Protos are constants too
  uint32_t num_constants;
  const PcLoc* pc_locs;  // sorted by pc; GC memory (atomic)
  uint32_t num_pc_locs;
  SrcLoc loc;
  // --- tiering counters, read by the JIT ---
  uint32_t calls;
  uint32_t backedges;
  // --- tier 1 (src/jit) ---
  /// The ir::Function this Proto was emitted from; it lives as long as the
  /// program (the JIT compiles from it when the function gets hot).
  const void* ir;
  /// The machine-code entry (see jit/README.md), or null while the function
  /// runs on the VM.
  const void* native_entry;
  /// The entry for calls from machine code that push no frame record for
  /// the callee (jit/lazy_record.cpp), or null: callers then push one and
  /// use native_entry.
  const void* native_lazy_entry;
  /// Where machine code's generic call of a closure of this Proto jumps
  /// (jit/emit_calls.cpp), never null once set_call_entries ran:
  /// `tail_call_entry` for a tail call (native_entry, or a stub that hands
  /// the call to the interpreter), `call_entry` for a non-tail call that
  /// pushes no record (native_lazy_entry; else, compiled, a stub that
  /// pushes the record and jumps to native_entry; else the interpreter's
  /// stub). So the dispatch tests no entry for null. Nothing else reads
  /// them: "compiled" is still native_entry != null.
  const void* tail_call_entry;
  const void* call_entry;
  uint32_t native_size;
  uint32_t native_frame_size;  // like frame_size, for the machine code's frame
  uint32_t native_slots;       // the frame's words below its outgoing area (the largest of any version)
  /// The machine code never reads its frame's slot 0 (the closure): a known
  /// call from machine code need not store the callee there
  /// (jit/emit_calls.cpp). False, the safe answer, until compiled.
  bool native_ignores_closure;
  bool jit_failed;     // the JIT refused it (counted in --stats; a bug)
  bool jit_forbidden;  // (jit-forbid! f): stays on the VM
  /// A speculated flonum argument turned out not to be one (jit/unbox.h),
  /// or an OSR entry declined: compile without speculating from now on.
  bool jit_no_speculation;
  /// A fixnum guard failed, or an add that restarts on overflow
  /// overflowed (jit/fixnum_guards.h): compile without speculating on
  /// fixnums from now on, keeping the flonums speculated on.
  bool jit_no_fixnum_speculation;
  /// Bit i: the installed code speculates that argument i (after the
  /// closure) / the closure's free variable i is a flonum (jit/unbox.h).
  uint64_t jit_speculated_args;
  uint64_t jit_speculated_free;
  /// Bit i: argument i was a fixnum in the frame that made the function
  /// hot, so the code may guard it as one (jit/fixnum_guards.h).
  uint64_t jit_speculated_fixnums;
  /// Source locations of the machine code: PcLoc::pc is a byte offset from
  /// native_entry. GC memory (atomic).
  const PcLoc* native_locs;
  uint32_t num_native_locs;
  /// Machine code this Proto had before it was compiled again (a failed
  /// speculation, jit/unbox.h): activations may still be running it, so
  /// backtraces need its locations. Newest first.
  const struct RetiredCode* retired_code;
  /// The installed code's OSR entries (GC memory, atomic), one per
  /// contified loop header it could map the VM's values to.
  const OsrEntry* native_osr;
  uint32_t num_native_osr;
  /// The machine code's own constants (see JitConstants), or null.
  JitConstants* jit_constants;
};

/// One retired version of a Proto's machine code (GC memory, scanned).
struct RetiredCode {
  const void* entry;
  uint32_t size;
  const PcLoc* locs;  // as Proto::native_locs
  uint32_t num_locs;
  const RetiredCode* older;
};

/// The stubs a Proto's call entries point at while it has no machine code
/// (or, compiled, no lazy entry): made by the JIT at startup (jit_init,
/// jit/shared_paths.h), before any Proto exists. Null with no JIT, when no
/// machine code ever runs.
struct CallStubs {
  const void* interp_tail_call = nullptr;  // tail_call_entry: the interpreter makes the tail call
  const void* interp_call = nullptr;       // call_entry: the interpreter makes the call
  const void* call_with_record = nullptr;  // call_entry of code with no lazy entry
};
extern CallStubs g_call_stubs;

/// Points p's call entries (Proto::call_entry, tail_call_entry) at its
/// machine code, or at the stubs where it has none. Called whenever a
/// Proto is made or its native entries change.
void set_call_entries(Proto* p);

/// Moves p's machine code to p->retired_code and clears native_entry, so
/// that p can be compiled again.
void retire_native_code(Proto* p);

inline bool is_proto(Value v) { return has_type(v, Type::Proto); }

/// The location of the instruction containing the word (or, for native
/// code, the byte) just before `pc`: a return address, or an instruction
/// start + 1.
SrcLoc proto_loc_at(const Proto* p, const void* pc, bool native);

/// "name" or "<lambda>" or "<toplevel>".
std::string proto_display_name(const Proto* p);

}  // namespace kiln
