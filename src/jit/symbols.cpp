#include "jit/symbols.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "jit/gdb_jit.h"

namespace kiln::jit {

namespace {

/// With KILN_PERF_MAP=1 machine code is listed in /tmp/perf-PID.map, one
/// "START SIZE NAME" line per function (hex), so that `perf report` names
/// Scheme functions. Lines are flushed as written: perf may read the map
/// after the process was killed.
void perf_map_add(const void* code, size_t size, const std::string& name) {
  static FILE* map = []() -> FILE* {
    const char* on = std::getenv("KILN_PERF_MAP");
    if (!on || std::string(on) != "1") return nullptr;
    return std::fopen(("/tmp/perf-" + std::to_string(getpid()) + ".map").c_str(), "a");
  }();
  if (!map) return;
  std::fprintf(map, "%lx %zx %s\n", reinterpret_cast<unsigned long>(code), size, name.c_str());
  std::fflush(map);
}

}  // namespace

std::string native_symbol(const Proto* p) {
  std::string where = format_srcloc(p->loc);
  return "scheme:" + proto_display_name(p) + (where.empty() ? "" : "@" + where);
}

void announce_code(const void* code, size_t size, const std::string& name, bool in_stub_frame) {
  perf_map_add(code, size, name);
  gdb_register_code(code, size, name, in_stub_frame);
}

}  // namespace kiln::jit
