// What the fuzz targets share. Each target (read.cpp, compile.cpp) defines
// libFuzzer's two entry points; linked with -fsanitize=fuzzer they are
// driven by libFuzzer, linked with replay_main.cpp they replay files.
//
// Kiln is brought up once per process (the prelude is loaded then), and
// each input starts from a fresh program environment. What an input may
// leave behind across inputs: interned symbols, and libraries it defines
// or imports (the library registry is global, as in a REPL session).
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace kiln::fuzz {

/// kiln_init(), once.
void init();

/// Ends an input: drops a pending raise and the source locations recorded
/// while reading it (runtime/srcloc.h), so memory stays flat over millions
/// of inputs.
void finish_input();

}  // namespace kiln::fuzz
