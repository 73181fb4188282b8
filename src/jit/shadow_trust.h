// Trusted int32 shadows: direct foreign calls that pass an int argument
// from its shadow (jit/int_shadow.h) without checking, on the spot, that
// the Scheme value is the shadow tagged.
//
// The check (`v == 2 * ext32(shadow)`, 3 instructions) sits on every
// iteration of a loop like plusone's, yet it can fail only for a value
// that no direct call of an int C function made: a loop's first value
// from elsewhere, the result of a call's generic path (its global
// redefined as a Scheme procedure), a value the VM hands to an OSR entry.
// So, in a function where each int argument with a shadow is passed by a
// lean call whose own `call` instruction is a patchable site
// (emit_ffi.cpp), the check moves to where such a value is made: those
// places test it (off the fast path, except a `sar`-made shadow's), and
// the first that finds a value that is not an int32 fixnum patches every
// trusting site of the function into a jump to its generic call, for
// good, before the value can reach one. A constant that is not an int32
// fixnum, or a uint32 C result, makes its function keep the checks.
//
// The registry below holds code addresses only (no Value), in plain
// memory: code is never freed (code_memory.h).
#pragma once

#include <cstdint>

#include "runtime/cell_watch.h"

namespace kiln::jit {

/// A new group of trusting sites (one compiled function's); its id.
uint32_t new_shadow_trust();

/// Registers `site` (a trusting call's `call` instruction, which jumps to
/// the call's generic path once patched) in group `id`, once the code is
/// installed; patched at once if the group was already broken.
void trust_shadows(uint32_t id, const WatchSite& site);

/// Called by machine code that found a value not an int32 fixnum where a
/// shadow of group `id` is made: patches every site of the group (counted
/// in TierStats::invalidations) and every one registered later. Saves no
/// register: its caller does.
void helper_shadows_broken(uint32_t id);

}  // namespace kiln::jit
