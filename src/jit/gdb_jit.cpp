#include "jit/gdb_jit.h"

#include <elf.h>

#include <cstdlib>
#include <cstring>
#include <vector>

extern "C" {

// noinline plus an asm statement: the call must stay, since it is where gdb
// stops to read the descriptor.
__attribute__((noinline, used)) void __jit_debug_register_code() { __asm__ volatile("" ::: "memory"); }

__attribute__((used)) jit_descriptor __jit_debug_descriptor = {1, JIT_NOACTION, nullptr, nullptr};
}

namespace kiln::jit {

namespace {

// The object's sections, in order; index 0 is the null section.
enum Section : uint16_t { kNull, kText, kSymtab, kStrtab, kShstrtab, kDebugFrame, kSections };

constexpr char kSectionNames[] = "\0.text\0.symtab\0.strtab\0.shstrtab\0.debug_frame";
constexpr uint32_t kTextName = 1, kSymtabName = 7, kStrtabName = 15, kShstrtabName = 23, kDebugFrameName = 33;

/// DWARF call frame information for a JIT function, so that gdb can unwind
/// from it into the entry stub's caller (C++). Machine code never touches
/// rbp, which stays the entry stub's frame pointer (jit.h), and the stub
/// pushed rbp, rbx, r12, r13, r14 and r15 in that order: so throughout the
/// function the caller's frame is CFA = rbp + 16, with the return address
/// at CFA - 8 and the saved registers below it. One CIE holds these rules;
/// the FDE only gives the address range.
std::vector<uint8_t> debug_frame(uint64_t address, uint64_t size) {
  constexpr uint8_t kDefCfa = 0x0c, kOffset = 0x80, kRip = 16, kRbp = 6, kRbx = 3;
  std::vector<uint8_t> cie = {0xff, 0xff, 0xff, 0xff,  // CIE id
                              1,                       // version
                              0,                       // no augmentation
                              1,                       // code alignment factor
                              0x78,                    // data alignment factor: -8 (SLEB128)
                              kRip,                    // the return address column
                              kDefCfa, kRbp, 16,       // CFA = rbp + 16
                              kOffset | kRip, 1,       // return address at CFA - 8
                              kOffset | kRbp, 2,       // rbp at CFA - 16
                              kOffset | kRbx, 3,       // rbx, r12 .. r15 below
                              kOffset | 12, 4, kOffset | 13, 5, kOffset | 14, 6, kOffset | 15, 7};
  while ((cie.size() + 4) % 8) cie.push_back(0);  // DW_CFA_nop
  // Little-endian fields, written in place (x86-64 only, like the JIT).
  uint32_t cie_length = static_cast<uint32_t>(cie.size());
  uint32_t fde_length = 4 + 8 + 8;  // CIE pointer, address, range; no instructions
  uint32_t cie_pointer = 0;         // the CIE's offset in .debug_frame
  std::vector<uint8_t> out(4 + cie.size() + 4 + fde_length);
  uint8_t* at = out.data();
  std::memcpy(at, &cie_length, 4);
  std::memcpy(at + 4, cie.data(), cie.size());
  at += 4 + cie.size();
  std::memcpy(at, &fde_length, 4);
  std::memcpy(at + 4, &cie_pointer, 4);
  std::memcpy(at + 8, &address, 8);
  std::memcpy(at + 16, &size, 8);
  return out;
}

/// Appends `bytes` to `out`, aligned to 8; returns where they start.
size_t append(std::vector<char>* out, const void* bytes, size_t n) {
  out->resize((out->size() + 7) & ~size_t{7});
  size_t at = out->size();
  if (n == 0) return at;
  out->insert(out->end(), static_cast<const char*>(bytes), static_cast<const char*>(bytes) + n);
  return at;
}

/// An ET_EXEC object, so that addresses are absolute: the .text section and
/// the symbol carry the code's own address, and gdb relocates nothing.
std::vector<char> make_elf(const void* code, size_t size, const std::string& name, bool unwind) {
  std::vector<char> out(sizeof(Elf64_Ehdr));
  auto address = reinterpret_cast<Elf64_Addr>(code);
  Elf64_Sym symbols[2] = {};
  symbols[1].st_name = 1;
  symbols[1].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
  symbols[1].st_shndx = kText;
  symbols[1].st_value = address;
  symbols[1].st_size = size;
  std::string strtab = std::string(1, '\0') + name + '\0';
  size_t symtab_at = append(&out, symbols, sizeof symbols);
  size_t strtab_at = append(&out, strtab.data(), strtab.size());
  size_t shstrtab_at = append(&out, kSectionNames, sizeof kSectionNames);
  std::vector<uint8_t> frames = unwind ? debug_frame(address, size) : std::vector<uint8_t>{};
  size_t frames_at = append(&out, frames.data(), frames.size());

  Elf64_Shdr sections[kSections] = {};
  sections[kText] = {kTextName, SHT_NOBITS, SHF_ALLOC | SHF_EXECINSTR, address, 0, size, 0, 0, 16, 0};
  sections[kSymtab] = {kSymtabName, SHT_SYMTAB, 0, 0, symtab_at, sizeof symbols, kStrtab, 1, 8, sizeof(Elf64_Sym)};
  sections[kStrtab] = {kStrtabName, SHT_STRTAB, 0, 0, strtab_at, strtab.size(), 0, 0, 1, 0};
  sections[kShstrtab] = {kShstrtabName, SHT_STRTAB, 0, 0, shstrtab_at, sizeof kSectionNames, 0, 0, 1, 0};
  sections[kDebugFrame] = {kDebugFrameName, SHT_PROGBITS, 0, 0, frames_at, frames.size(), 0, 0, 8, 0};
  size_t sections_at = append(&out, sections, sizeof sections);

  Elf64_Ehdr header = {};
  std::memcpy(header.e_ident, ELFMAG, SELFMAG);
  header.e_ident[EI_CLASS] = ELFCLASS64;
  header.e_ident[EI_DATA] = ELFDATA2LSB;
  header.e_ident[EI_VERSION] = EV_CURRENT;
  header.e_ident[EI_OSABI] = ELFOSABI_SYSV;
  header.e_type = ET_EXEC;
  header.e_machine = EM_X86_64;
  header.e_version = EV_CURRENT;
  header.e_shoff = sections_at;
  header.e_ehsize = sizeof(Elf64_Ehdr);
  header.e_shentsize = sizeof(Elf64_Shdr);
  header.e_shnum = kSections;
  header.e_shstrndx = kShstrtab;
  std::memcpy(out.data(), &header, sizeof header);
  return out;
}

}  // namespace

void gdb_register_code(const void* code, size_t size, const std::string& name, bool unwind) {
  std::vector<char> elf = make_elf(code, size, name, unwind);
  // Both live as long as the process, like the code they describe; they
  // hold no Scheme values.
  char* image = static_cast<char*>(std::malloc(elf.size()));
  auto* entry = static_cast<jit_code_entry*>(std::calloc(1, sizeof(jit_code_entry)));
  if (!image || !entry) {
    std::free(image);
    std::free(entry);
    return;  // gdb just won't name this function
  }
  std::memcpy(image, elf.data(), elf.size());
  entry->symfile_addr = image;
  entry->symfile_size = elf.size();
  entry->next_entry = __jit_debug_descriptor.first_entry;
  if (entry->next_entry) entry->next_entry->prev_entry = entry;
  __jit_debug_descriptor.first_entry = entry;
  __jit_debug_descriptor.relevant_entry = entry;
  __jit_debug_descriptor.action_flag = JIT_REGISTER_FN;
  __jit_debug_register_code();
}

}  // namespace kiln::jit
