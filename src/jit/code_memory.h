// Where machine code lives: never writable and executable at once (W^X).
//
// The preferred mapping is asmjit's dual mapping: each block of code memory
// is one shared-memory object mapped twice, read+execute where the code runs
// and read+write where it is written, so no page of the process is ever
// `rwx`. Where dual mapping is unavailable (no memfd_create, no writable
// /dev/shm) the fallback maps plain anonymous pages read+execute and flips
// the pages being written to read+write for the copy and back, which keeps
// W^X as well; the process is single-threaded, so no code runs on those
// pages while they are writable. Code is never freed: a Proto may be called
// again at any time.
#pragma once

#include <asmjit/core.h>

#include <cstddef>
#include <cstdint>
#include <functional>

namespace kiln::jit {

/// How a CodeMemory maps its pages.
enum class CodeMapping : uint8_t {
  kDual,     // one RX view and one RW view of the same memory
  kProtect,  // RX pages flipped to RW with mprotect while code is copied in
};

class CodeMemory {
 public:
  /// Uses `wanted`, falling back to kProtect if dual mapping fails here.
  explicit CodeMemory(CodeMapping wanted);
  ~CodeMemory();
  CodeMemory(const CodeMemory&) = delete;
  CodeMemory& operator=(const CodeMemory&) = delete;

  /// Finalizes `code` (flattens sections, resolves labels), relocates it to
  /// its executable address, copies it in through the writable view and
  /// stores the executable address of its first byte in `*rx`. Every address
  /// handed out (entries, return addresses, perf and gdb symbols) is an
  /// executable-view address; the writable view never escapes this class.
  ///
  /// `data_size` more bytes, 8-byte aligned after the code, hold read-only
  /// data about it (its location and OSR tables): `fill(rw, rx)` writes them
  /// through the writable view (rw) and learns where they will be read
  /// (rx). Like the code, they are never freed, and taking them from the GC
  /// heap would let a compilation start a collection.
  [[nodiscard]] asmjit::Error add(asmjit::CodeHolder& code, void** rx, size_t data_size = 0,
                                  const std::function<void(void* rw, const void* rx)>& fill = nullptr);

  /// Where the data of `add` starts, from the code's start.
  static size_t data_offset(size_t code_size) { return (code_size + 7) & ~size_t{7}; }

  CodeMapping mapping() const { return mapping_; }

  /// Overwrites the 5 bytes at `code + at` (code: an address add() handed
  /// out) with `jmp rel32` to `code + target`, through the writable view
  /// (or, kProtect, with the pages flipped for the write). The process is
  /// single-threaded and x86 keeps instruction fetch coherent with stores,
  /// so the next execution of those bytes runs the jump. With `over_jump`
  /// false, bytes that already are a `jmp rel32` are left as they are.
  void patch_jump(const void* code, uint32_t at, uint32_t target, bool over_jump = true);

 private:
  CodeMapping mapping_;
  asmjit::JitAllocator* dual_ = nullptr;  // kDual
  // kProtect: bump allocation in the current chunk.
  uint8_t* chunk_ = nullptr;
  size_t chunk_size_ = 0;
  size_t chunk_used_ = 0;

  asmjit::Error reserve_protected(size_t size, uint8_t** rx);
};

/// The process's code memory. Dual mapping unless KILN_JIT_CODE_MEMORY=protect
/// asks for the mprotect fallback (to test it) or dual mapping fails.
CodeMemory& code_memory();

/// The target environment code is generated for (the host).
const asmjit::Environment& code_environment();

}  // namespace kiln::jit
