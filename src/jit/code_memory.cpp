#include "jit/code_memory.h"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace kiln::jit {

using namespace asmjit;

namespace {

constexpr size_t kAlign = 64;                  // a cache line per function start
constexpr size_t kChunkSize = 256 * 1024;      // kProtect: mapped this much at a time

size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

}  // namespace

CodeMemory::CodeMemory(CodeMapping wanted) : mapping_(wanted) {
  if (wanted != CodeMapping::kDual) return;
  JitAllocator::CreateParams params{};
  params.options = JitAllocatorOptions::kUseDualMapping;
  dual_ = new JitAllocator(&params);
  // asmjit does not fall back by itself: probe once, so a machine without
  // dual mapping learns it here rather than at its first compilation.
  void *rx = nullptr, *rw = nullptr;
  if (dual_->alloc(&rx, &rw, kAlign) == kErrorOk && rx != rw) {
    (void)dual_->release(rx);
    return;
  }
  delete dual_;
  dual_ = nullptr;
  mapping_ = CodeMapping::kProtect;
}

CodeMemory::~CodeMemory() { delete dual_; }  // kProtect chunks stay mapped, like the code in them

Error CodeMemory::reserve_protected(size_t size, uint8_t** rx) {
  size_t start = round_up(chunk_used_, kAlign);
  if (!chunk_ || start + size > chunk_size_) {
    size_t bytes = std::max(kChunkSize, round_up(size, VirtMem::info().pageSize));
    void* mem = mmap(nullptr, bytes, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) return DebugUtils::errored(kErrorOutOfMemory);
    chunk_ = static_cast<uint8_t*>(mem);
    chunk_size_ = bytes;
    start = 0;
  }
  *rx = chunk_ + start;
  chunk_used_ = start + size;
  return kErrorOk;
}

Error CodeMemory::add(CodeHolder& code, void** rx_out, size_t data_size,
                      const std::function<void(void* rw, const void* rx)>& fill) {
  *rx_out = nullptr;
  ASMJIT_PROPAGATE(code.flatten());
  ASMJIT_PROPAGATE(code.resolveUnresolvedLinks());
  size_t size = code.codeSize();
  if (size == 0) return DebugUtils::errored(kErrorNoCodeGenerated);
  size_t data_at = data_offset(size);
  size_t total = data_size ? data_at + data_size : size;
  if (mapping_ == CodeMapping::kDual) {
    void *rx = nullptr, *rw = nullptr;
    ASMJIT_PROPAGATE(dual_->alloc(&rx, &rw, total));
    Error err = code.relocateToBase(reinterpret_cast<uint64_t>(rx));
    if (err == kErrorOk) err = code.copyFlattenedData(rw, size, CopySectionFlags::kPadTargetBuffer);
    if (err != kErrorOk) {
      (void)dual_->release(rx);
      return err;
    }
    if (data_size) fill(static_cast<uint8_t*>(rw) + data_at, static_cast<const uint8_t*>(rx) + data_at);
    VirtMem::flushInstructionCache(rx, size);
    *rx_out = rx;
    return kErrorOk;
  }
  uint8_t* rx = nullptr;
  ASMJIT_PROPAGATE(reserve_protected(total, &rx));
  ASMJIT_PROPAGATE(code.relocateToBase(reinterpret_cast<uint64_t>(rx)));
  // The pages around the new code may hold other functions: they are not
  // executable only for the copy, while nothing runs on them.
  size_t page = VirtMem::info().pageSize;
  auto first = reinterpret_cast<uintptr_t>(rx) / page * page;
  size_t span = round_up(reinterpret_cast<uintptr_t>(rx) + total - first, page);
  auto* pages = reinterpret_cast<void*>(first);
  if (mprotect(pages, span, PROT_READ | PROT_WRITE) != 0) return DebugUtils::errored(kErrorInvalidState);
  Error err = code.copyFlattenedData(rx, size, CopySectionFlags::kPadTargetBuffer);
  if (err == kErrorOk && data_size) fill(rx + data_at, rx + data_at);
  if (mprotect(pages, span, PROT_READ | PROT_EXEC) != 0) return DebugUtils::errored(kErrorInvalidState);
  ASMJIT_PROPAGATE(err);
  VirtMem::flushInstructionCache(rx, size);
  *rx_out = rx;
  return kErrorOk;
}

void CodeMemory::patch_jump(const void* code, uint32_t at, uint32_t target, bool over_jump) {
  uint8_t bytes[5] = {0xe9};  // jmp rel32, relative to the next instruction
  int32_t rel = static_cast<int32_t>(static_cast<int64_t>(target) - (static_cast<int64_t>(at) + 5));
  std::memcpy(bytes + 1, &rel, 4);
  auto* rx = static_cast<uint8_t*>(const_cast<void*>(code));
  if (!over_jump && rx[at] == bytes[0]) return;
  if (mapping_ == CodeMapping::kDual) {
    void *start = nullptr, *rw = nullptr;
    size_t size = 0;
    if (dual_->query(rx, &start, &rw, &size) != kErrorOk || start != rx || at + 5 > size) {
      std::fprintf(stderr, "kiln: internal error: patching code that CodeMemory did not hand out\n");
      std::abort();
    }
    std::memcpy(static_cast<uint8_t*>(rw) + at, bytes, sizeof bytes);
  } else {
    size_t page = VirtMem::info().pageSize;
    auto first = reinterpret_cast<uintptr_t>(rx + at) / page * page;
    size_t span = round_up(reinterpret_cast<uintptr_t>(rx + at + 5) - first, page);
    auto* pages = reinterpret_cast<void*>(first);
    if (mprotect(pages, span, PROT_READ | PROT_WRITE) != 0) std::abort();
    std::memcpy(rx + at, bytes, sizeof bytes);
    if (mprotect(pages, span, PROT_READ | PROT_EXEC) != 0) std::abort();
  }
  VirtMem::flushInstructionCache(rx + at, 5);
}

CodeMemory& code_memory() {
  static CodeMemory* memory = [] {
    const char* want = std::getenv("KILN_JIT_CODE_MEMORY");
    // perf looks up /tmp/perf-PID.map only for anonymous mappings; code in
    // the dual mapping's memfd would show as "memfd:vmem (deleted)". So a
    // perf map asks for the protected (still never writable and executable
    // at once) anonymous pages instead.
    const char* perf = std::getenv("KILN_PERF_MAP");
    bool protect = (want && std::string(want) == "protect") || (perf && std::string(perf) == "1");
    return new CodeMemory(protect ? CodeMapping::kProtect : CodeMapping::kDual);  // lives for the whole process
  }();
  return *memory;
}

const Environment& code_environment() {
  static const Environment env = Environment::host();
  return env;
}

}  // namespace kiln::jit
