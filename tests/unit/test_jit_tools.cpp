// The JIT's infrastructure apart from code generation: W^X code memory,
// compile-time statistics, and the objects registered with gdb.
#include <elf.h>
#include <gtest/gtest.h>

#include <asmjit/x86.h>

#include <cstring>
#include <fstream>
#include <string>

#include "jit/code_memory.h"
#include "jit/gdb_jit.h"
#include "runtime/heap.h"
#include "runtime/tier.h"
#include "vm/eval.h"

using namespace kiln;

namespace {

/// The permissions ("r-xp", ...) of the mapping containing `address`, and
/// whether any mapping of the process is writable and executable.
struct Maps {
  std::string perms_at;
  bool any_rwx = false;
};

Maps read_maps(const void* address) {
  Maps m;
  std::ifstream in("/proc/self/maps");
  std::string line;
  auto a = reinterpret_cast<uintptr_t>(address);
  while (std::getline(in, line)) {
    uintptr_t lo = 0, hi = 0;
    char perms[5] = {};
    if (std::sscanf(line.c_str(), "%lx-%lx %4s", &lo, &hi, perms) != 3) continue;
    if (perms[1] == 'w' && perms[2] == 'x') m.any_rwx = true;
    if (lo <= a && a < hi) m.perms_at = perms;
  }
  return m;
}

/// `mov eax, value; ret`, installed in `memory`.
int (*install_constant(jit::CodeMemory& memory, int value))() {
  asmjit::CodeHolder code;
  code.init(jit::code_environment());
  asmjit::x86::Assembler a(&code);
  a.mov(asmjit::x86::eax, value);
  a.ret();
  void* rx = nullptr;
  if (memory.add(code, &rx) != asmjit::kErrorOk) return nullptr;
  return reinterpret_cast<int (*)()>(rx);
}

void check_code_memory(jit::CodeMapping mapping) {
  jit::CodeMemory memory(mapping);
  // Several functions share pages: writing the later ones must not disturb
  // (or unprotect for good) the earlier ones.
  int (*f)() = install_constant(memory, 42);
  int (*g)() = install_constant(memory, 7);
  ASSERT_NE(f, nullptr);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(f(), 42);
  EXPECT_EQ(g(), 7);
  Maps maps = read_maps(reinterpret_cast<const void*>(f));
  EXPECT_EQ(maps.perms_at.substr(0, 3), "r-x");
  EXPECT_FALSE(maps.any_rwx);
}

}  // namespace

TEST(CodeMemory, DualMappingIsNeverWritableAndExecutable) {
  jit::CodeMemory probe(jit::CodeMapping::kDual);
  if (probe.mapping() != jit::CodeMapping::kDual) {
    GTEST_SKIP() << "dual mapping is unavailable here (CodeMemory fell back to mprotect)";
  }
  check_code_memory(jit::CodeMapping::kDual);
}

TEST(CodeMemory, MprotectFallbackIsNeverWritableAndExecutable) {
  check_code_memory(jit::CodeMapping::kProtect);
}

TEST(CompileStats, MedianAndP99AreNearestRank) {
  TierStats s;
  EXPECT_EQ(compile_time_quantile(s, 0.5), 0u);
  for (uint64_t ns = 100; ns >= 1; --ns) record_compile_time(s, ns * 1000);
  EXPECT_EQ(s.compile_ns, 5050u * 1000);
  EXPECT_EQ(compile_time_quantile(s, 0.5), 50u * 1000);
  EXPECT_EQ(compile_time_quantile(s, 0.99), 99u * 1000);
  EXPECT_EQ(compile_time_quantile(s, 1.0), 100u * 1000);
  TierStats one;
  record_compile_time(one, 7);
  EXPECT_EQ(compile_time_quantile(one, 0.5), 7u);
  EXPECT_EQ(compile_time_quantile(one, 0.99), 7u);
}

TEST(GdbJit, EachCompiledFunctionIsAnElfObjectNamingIt) {
  static bool initialized = false;
  if (!initialized) kiln_init();
  initialized = true;
  Value env = make_program_environment();
  Value f = eval_text("(define (twice x) (* 2 x)) (jit-compile! twice) twice", "gdb.scm", env);
  ASSERT_TRUE(is_closure(f));
  const Proto* p = f.as<Closure>()->proto;
  ASSERT_NE(p->native_entry, nullptr);

  // The newest entry heads the list and is the one gdb was told about.
  const jit_descriptor& d = __jit_debug_descriptor;
  EXPECT_EQ(d.version, 1u);
  EXPECT_EQ(d.action_flag, JIT_REGISTER_FN);
  ASSERT_NE(d.first_entry, nullptr);
  EXPECT_EQ(d.relevant_entry, d.first_entry);
  EXPECT_EQ(d.first_entry->prev_entry, nullptr);
  ASSERT_NE(d.first_entry->next_entry, nullptr);  // the stubs, at least
  EXPECT_EQ(d.first_entry->next_entry->prev_entry, d.first_entry);

  const char* elf = d.first_entry->symfile_addr;
  size_t size = d.first_entry->symfile_size;
  ASSERT_GE(size, sizeof(Elf64_Ehdr));
  Elf64_Ehdr h;
  std::memcpy(&h, elf, sizeof h);
  EXPECT_EQ(std::memcmp(h.e_ident, ELFMAG, SELFMAG), 0);
  EXPECT_EQ(h.e_ident[EI_CLASS], ELFCLASS64);
  EXPECT_EQ(h.e_machine, EM_X86_64);
  ASSERT_LE(h.e_shoff + h.e_shnum * sizeof(Elf64_Shdr), size);
  const auto* sections = reinterpret_cast<const Elf64_Shdr*>(elf + h.e_shoff);
  const char* names = elf + sections[h.e_shstrndx].sh_offset;

  const Elf64_Shdr *text = nullptr, *symtab = nullptr, *frames = nullptr;
  for (int i = 0; i < h.e_shnum; ++i) {
    std::string name = names + sections[i].sh_name;
    if (name == ".text") text = &sections[i];
    if (name == ".symtab") symtab = &sections[i];
    if (name == ".debug_frame") frames = &sections[i];
  }
  ASSERT_TRUE(text && symtab && frames);
  // .text describes the code where it runs (the executable view), no bytes.
  EXPECT_EQ(text->sh_type, static_cast<uint32_t>(SHT_NOBITS));
  EXPECT_EQ(text->sh_addr, reinterpret_cast<Elf64_Addr>(p->native_entry));
  EXPECT_EQ(text->sh_size, p->native_size);
  EXPECT_TRUE(text->sh_flags & SHF_EXECINSTR);
  // One function symbol covering it, named for people.
  ASSERT_EQ(symtab->sh_size, 2 * sizeof(Elf64_Sym));
  const auto* syms = reinterpret_cast<const Elf64_Sym*>(elf + symtab->sh_offset);
  const char* strings = elf + sections[symtab->sh_link].sh_offset;
  EXPECT_STREQ(strings + syms[1].st_name, "scheme:twice@gdb.scm:1:1");
  EXPECT_EQ(ELF64_ST_TYPE(syms[1].st_info), STT_FUNC);
  EXPECT_EQ(syms[1].st_value, reinterpret_cast<Elf64_Addr>(p->native_entry));
  EXPECT_EQ(syms[1].st_size, p->native_size);
  EXPECT_EQ(&sections[syms[1].st_shndx], text);
  // One CIE and one FDE whose range is the function.
  ASSERT_GE(frames->sh_size, 24u);
  const char* fde = elf + frames->sh_offset + frames->sh_size - 24;
  uint64_t start = 0, range = 0;
  std::memcpy(&start, fde + 8, 8);
  std::memcpy(&range, fde + 16, 8);
  EXPECT_EQ(start, reinterpret_cast<uint64_t>(p->native_entry));
  EXPECT_EQ(range, p->native_size);
}
