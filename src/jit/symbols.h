// Naming machine code for tools outside Kiln: perf (through
// /tmp/perf-PID.map) and gdb (through its JIT interface, gdb_jit.h).
#pragma once

#include <cstddef>
#include <string>

#include "runtime/proto.h"

namespace kiln::jit {

/// The symbol tools show for `p`'s machine code: "scheme:NAME@FILE:LINE:COL"
/// ("scheme:NAME" when the location is unknown).
std::string native_symbol(const Proto* p);

/// Announces new machine code [code, code + size) (its executable address)
/// named `name`: to gdb always, to the perf map with KILN_PERF_MAP=1 (or
/// --perf-map). `in_stub_frame`: the code runs inside the entry stub's C
/// frame (every compiled function), so gdb can unwind it (gdb_jit.h).
void announce_code(const void* code, size_t size, const std::string& name, bool in_stub_frame);

}  // namespace kiln::jit
