// Where an activation may be restarted (restartable.h).
#include "jit/restartable.h"

#include <cstring>

#include "ir/regalloc.h"
#include "runtime/heap.h"

namespace kiln::jit {

using ir::BlockId;
using ir::Inst;
using ir::Op;

bool repeatable(const ir::Function& f, const Inst& inst) {
  switch (inst.op) {
    case Op::Const: case Op::FreeRef: case Op::GlobalRef: case Op::BoxRef:
    case Op::Add: case Op::Sub: case Op::Mul:
    case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: case Op::NumEq:
    case Op::Eq: case Op::Not: case Op::IsNull: case Op::IsPair:
    case Op::Car: case Op::Cdr: case Op::VectorRef: case Op::Cons: case Op::MakeClosure:
    case Op::FlBox: case Op::FlRebox: case Op::FlUnbox: case Op::FlGuard: case Op::FxGuard:
    case Op::Jump: case Op::Branch:
      return true;
    case Op::CallPrim: {
      // Primitives that only compute from their arguments (they may raise).
      static const char* const pure[] = {
          "vector-length", "string-length", "string-ref", "bytevector-length", "bytevector-u8-ref",
          "quotient", "remainder", "modulo", "zero?", "positive?", "negative?", "even?", "odd?",
          "abs", "min", "max", "/", "sqrt", "exp", "log", "sin", "cos", "tan", "atan", "exact", "inexact",
          "exact->inexact", "inexact->exact", "floor", "ceiling", "round", "truncate", "number?", "integer?",
          "symbol?", "string?", "vector?", "char?", "boolean?", "procedure?", "list", "vector", "length",
          "list-tail", "list-ref", "memq", "assq", "eqv?", "equal?", "cadr", "cddr", "caar", "cdar", "caddr",
          "cdddr", "cadddr", "char->integer", "integer->char", "char=?", "char<?", "char>?", "char<=?",
          "char>=?", "char-alphabetic?", "char-numeric?", "char-whitespace?", "char-upper-case?",
          "char-lower-case?", "char-upcase", "char-downcase"};
      const char* name = f.constants[inst.imm].as<Primitive>()->name;
      for (const char* p : pure)
        if (std::strcmp(name, p) == 0) return true;
      return false;
    }
    default:
      return false;
  }
}

BlockId entry_header(const ir::Function& f) {
  // (So entering the function with some values is jumping to the header
  // with them: the entry block must be that jump alone.)
  if (f.rest || f.blocks.empty() || f.blocks[0].insts.size() != 1) return 0;
  const Inst& jump = f.blocks[0].insts.back();
  if (jump.op != Op::Jump || jump.args != f.blocks[0].params) return 0;
  BlockId h = jump.target[0];
  return f.blocks[h].params.size() == f.blocks[0].params.size() ? h : 0;
}

std::vector<uint32_t> restartable_prefixes(const ir::Function& f) {
  std::vector<uint32_t> prefix(f.blocks.size(), 0);
  BlockId header = entry_header(f);
  if (header == 0) return prefix;
  std::vector<uint32_t> npreds(f.blocks.size(), 0);
  for (const ir::Block& b : f.blocks)
    for (BlockId s : ir::successors(b)) ++npreds[s];
  std::vector<BlockId> work = {header};
  while (!work.empty()) {
    BlockId b = work.back();
    work.pop_back();
    const auto& insts = f.blocks[b].insts;
    uint32_t n = 0;
    while (n < insts.size() && repeatable(f, insts[n])) ++n;
    prefix[b] = n;
    if (n < insts.size()) continue;
    for (BlockId s : ir::successors(f.blocks[b]))
      if (s != header && npreds[s] == 1) work.push_back(s);
  }
  return prefix;
}

}  // namespace kiln::jit
