#include "ir/ir.h"

#include <cstdlib>
#include <cstring>
#include <sstream>

#include "runtime/heap.h"
#include "runtime/printer.h"

namespace kiln::ir {

namespace {
struct OpInfo {
  const char* name;
  bool result;
  bool terminator;
};
constexpr OpInfo kOps[] = {
#define KILN_X(name, text, result, term, doc) {text, result, term},
    KILN_IR_OPS(KILN_X)
#undef KILN_X
};
}  // namespace

const char* op_name(Op op) { return kOps[static_cast<int>(op)].name; }
bool op_has_result(Op op) { return kOps[static_cast<int>(op)].result; }
bool op_is_terminator(Op op) { return kOps[static_cast<int>(op)].terminator; }
bool is_arith(Op op) { return op == Op::Add || op == Op::Sub || op == Op::Mul; }
bool is_compare(Op op) {
  return op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge || op == Op::NumEq;
}

Inst make_inst(Op op, ValueId result, std::vector<ValueId> args, SrcLoc loc, uint32_t imm) {
  Inst i;
  i.op = op;
  i.result = result;
  i.args = std::move(args);
  i.imm = imm;
  i.loc = loc;
  return i;
}

uint32_t Function::constant(Value v) {
  for (uint32_t i = 0; i < constants.size(); ++i)
    if (constants[i] == v) return i;
  constants.push_back(v);
  return static_cast<uint32_t>(constants.size() - 1);
}

bool inline_op_for(std::string_view name, size_t argc, Op* op) {
  struct Entry {
    const char* name;
    size_t argc;
    Op op;
  };
  static const Entry table[] = {
      {"+", 2, Op::Add},         {"-", 2, Op::Sub},        {"*", 2, Op::Mul},         {"<", 2, Op::Lt},
      {"<=", 2, Op::Le},         {">", 2, Op::Gt},         {">=", 2, Op::Ge},         {"=", 2, Op::NumEq},
      {"car", 1, Op::Car},       {"cdr", 1, Op::Cdr},      {"cons", 2, Op::Cons},     {"eq?", 2, Op::Eq},
      {"not", 1, Op::Not},       {"null?", 1, Op::IsNull}, {"pair?", 1, Op::IsPair},
      {"vector-ref", 2, Op::VectorRef}, {"vector-set!", 3, Op::VectorSet},
  };
  for (const Entry& e : table)
    if (argc == e.argc && name == e.name) {
      *op = e.op;
      return true;
    }
  return false;
}

bool verify_enabled() {
#ifndef NDEBUG
  return true;
#else
  static const bool on = std::getenv("KILN_VERIFY") != nullptr;
  return on;
#endif
}

Function copy_without_children(const Function& f) {
  Function g;
  g.blocks = f.blocks;
  g.num_values = f.num_values;
  g.constants = f.constants;
  g.name = f.name;
  g.loc = f.loc;
  g.nreq = f.nreq;
  g.rest = f.rest;
  g.raw = f.raw;
  g.shadow_of = f.shadow_of;
  g.raw_entry = f.raw_entry;
  g.known_free = f.known_free;
  g.self_constant = f.self_constant;
  return g;
}

std::string verify(const Function& f, bool lowered) {
  std::vector<bool> defined(f.num_values, false);
  auto define = [&](ValueId v, const char* what) -> std::string {
    if (v >= f.num_values) return std::string("value out of range in ") + what;
    if (defined[v]) return std::string("v").append(std::to_string(v)).append(" defined twice");
    defined[v] = true;
    return "";
  };
  if (f.blocks.empty()) return "no blocks";
  if (f.blocks[0].params.size() != 1 + f.nreq + (f.rest ? 1 : 0)) return "entry block parameters do not match the arity";
  for (size_t b = 0; b < f.blocks.size(); ++b) {
    for (ValueId p : f.blocks[b].params)
      if (auto e = define(p, "block parameter"); !e.empty()) return e;
    for (const Inst& inst : f.blocks[b].insts)
      if (inst.result != kNoValue)
        if (auto e = define(inst.result, op_name(inst.op)); !e.empty()) return e;
  }
  for (size_t b = 0; b < f.blocks.size(); ++b) {
    const Block& block = f.blocks[b];
    std::string where = std::string("block ").append(std::to_string(b)).append(": ");
    if (!block.terminated()) return where + "does not end in a terminator";
    for (size_t i = 0; i < block.insts.size(); ++i) {
      const Inst& inst = block.insts[i];
      if (op_is_terminator(inst.op) && i + 1 != block.insts.size()) return where + "terminator in the middle";
      if (op_has_result(inst.op) != (inst.result != kNoValue)) return where + op_name(inst.op) + " result mismatch";
      for (ValueId a : inst.args)
        if (a >= f.num_values || !defined[a]) return where + op_name(inst.op) + " uses an undefined value";
      if (inst.op == Op::Jump) {
        if (inst.target[0] >= f.blocks.size()) return where + "jump to a missing block";
        if (f.blocks[inst.target[0]].params.size() != inst.args.size()) return where + "jump argument count mismatch";
      }
      if (inst.op == Op::CallCC) {
        for (BlockId t : inst.target)
          if (t >= f.blocks.size()) return where + "call/cc to a missing block";
        if (!f.blocks[inst.target[0]].params.empty() || f.blocks[inst.target[1]].params.size() != 1)
          return where + "call/cc targets need no parameter and one";
      }
      if (inst.op == Op::RawResult) {
        for (BlockId t : inst.target)
          if (t >= f.blocks.size()) return where + "raw-result to a missing block";
        if (f.blocks[inst.target[0]].params.size() != 1 || !f.blocks[inst.target[1]].params.empty())
          return where + "raw-result targets need one parameter and none";
        if (inst.args.size() != 1 || i == 0 || block.insts[i - 1].result != inst.args[0])
          return where + "raw-result must test the result of the instruction before";
      }
      if (inst.op == Op::FxGuard && (!lowered || inst.imm == 0 || inst.imm > inst.args.size()))
        return where + "fx-guard needs the lowered form and 1..args values to check";
      if ((inst.op == Op::Add || inst.op == Op::Sub) &&
          (inst.imm > 1 || (inst.imm == 0 ? inst.args.size() != 2 : !lowered || inst.args.size() < 3)))
        return where + "add and sub take two values, and restart values (lowered, imm 1) only";
      if (inst.op == Op::Branch) {
        for (BlockId t : inst.target)
          if (t >= f.blocks.size() || !f.blocks[t].params.empty()) return where + "bad branch target";
        if (inst.args.size() != 1) return where + "branch needs one condition";
      }
      if ((inst.op == Op::Const || inst.op == Op::GlobalRef || inst.op == Op::GlobalSet || inst.op == Op::GlobalDef ||
           inst.op == Op::CallPrim) &&
          inst.imm >= f.constants.size())
        return where + op_name(inst.op) + " constant index out of range";
      if (inst.op == Op::MakeClosure && !lowered && inst.imm >= f.children.size())
        return where + "closure of a missing child";
    }
  }
  for (size_t i = 0; i < f.children.size(); ++i)
    if (auto e = verify(*f.children[i]); !e.empty()) return std::string("in f").append(std::to_string(i)).append(": ").append(e);
  return "";
}

static std::string describe_constant(Value v) {
  // (Appending instead of `"literal" + string`: GCC 12 warns falsely on the
  // latter, bug 105329.)
  std::string text;
  if (has_type(v, Type::Cell)) {
    text = "cell:";
    text += symbol_to_utf8(as_cell(v)->name);
  } else if (is_primitive(v)) {
    text = "prim:";
    text += v.as<Primitive>()->name;
  } else if (v == kUndefined) {
    text = "#<undefined>";
  } else {
    if (is_symbol(v)) text = "'";
    text += write_to_string(v);
  }
  return text;
}

namespace {
/// "vN", with ":f64" for a raw double and ":i32" for a raw int32 shadow
/// of the JIT's lowered form.
std::string value_name(ValueId v, const Function* f) {
  std::string name("v");
  name += std::to_string(v);
  if (f && v < f->raw.size() && f->raw[v]) name += ":f64";
  if (f && v < f->shadow_of.size() && f->shadow_of[v] != kNoValue) name += ":i32";
  return name;
}
}  // namespace

std::string dump_inst(const Inst& inst, const Function* f) {
  std::ostringstream out;
  if (inst.result != kNoValue) out << value_name(inst.result, f) << " = ";
  out << op_name(inst.op);
  switch (inst.op) {
    case Op::Const:
    case Op::GlobalRef:
    case Op::GlobalSet:
    case Op::GlobalDef:
    case Op::CallPrim:
      out << " K" << inst.imm;
      break;
    case Op::MakeClosure:
      out << " f" << inst.imm;
      break;
    case Op::FreeRef:
    case Op::ClosureSet:
    case Op::IntShadowUse:
    case Op::FxGuard:
      out << " #" << inst.imm;
      break;
    default:
      break;
  }
  for (ValueId a : inst.args) out << " " << value_name(a, f);
  if (inst.op == Op::Jump) out << " -> b" << inst.target[0];
  if (inst.op == Op::Branch) out << " ? b" << inst.target[0] << " : b" << inst.target[1];
  if (inst.op == Op::CallCC || inst.op == Op::RawResult) out << " -> b" << inst.target[0] << " | b" << inst.target[1];
  return out.str();
}

std::string dump(const Function& f, bool nested) {
  std::ostringstream out;
  out << "function " << (is_symbol(f.name) ? symbol_to_utf8(f.name) : std::string("<lambda>")) << " (req " << f.nreq
      << (f.rest ? ", rest" : "");
  if (f.self_constant != UINT32_MAX) out << ", closed: K" << f.self_constant;
  out << ")\n";
  for (size_t i = 0; i < f.constants.size(); ++i) out << "  K" << i << " = " << describe_constant(f.constants[i]) << "\n";
  for (size_t b = 0; b < f.blocks.size(); ++b) {
    const Block& block = f.blocks[b];
    out << "b" << b << "(";
    for (size_t i = 0; i < block.params.size(); ++i) out << (i ? ", " : "") << value_name(block.params[i], &f);
    out << "):\n";
    for (const Inst& inst : block.insts) out << "  " << dump_inst(inst, &f) << "\n";
  }
  // Nested functions follow, each line indented one step per level.
  for (size_t i = 0; nested && i < f.children.size(); ++i) {
    std::istringstream child(dump(*f.children[i]));
    std::string line;
    bool first = true;
    while (std::getline(child, line)) {
      if (first)
        out << "f" << i << ": ";
      else
        out << "    ";
      out << line << "\n";
      first = false;
    }
  }
  return out.str();
}

}  // namespace kiln::ir
