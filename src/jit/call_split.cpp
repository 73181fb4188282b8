// CallSplit: see call_split.h. (No reference into f.blocks is held across
// f.new_block(), which may move them.)
#include "jit/call_split.h"

#include <algorithm>
#include <iterator>

namespace kiln::jit {

using ir::BlockId;
using ir::Inst;
using ir::Op;
using ir::ValueId;

CallSplit::CallSplit(ir::Function& f, BlockId b, size_t index, const std::vector<uint32_t>& uses) : f_(f) {
  auto& insts = f.blocks[b].insts;
  call_ = std::move(insts[index]);
  rest_.assign(std::make_move_iterator(insts.begin() + static_cast<long>(index) + 1),
               std::make_move_iterator(insts.end()));
  insts.resize(index);
  if (call_.op != Op::TailCall) {
    ValueId result = call_.result;
    needs_join_ = rest_.size() != 1 ||
                  std::count(rest_.back().args.begin(), rest_.back().args.end(), result) != uses[result];
  }
}

ValueId CallSplit::emit(BlockId to, Op op, std::vector<ValueId> args, uint32_t imm) {
  Inst i;
  i.op = op;
  i.result = ir::op_has_result(op) ? f_.new_value() : ir::kNoValue;
  i.args = std::move(args);
  i.imm = imm;
  i.loc = call_.loc;
  f_.blocks[to].insts.push_back(std::move(i));
  return f_.blocks[to].insts.back().result;
}

void CallSplit::branch(BlockId from, ValueId cond, BlockId yes, BlockId no) {
  emit(from, Op::Branch, {cond});
  Inst& br = f_.blocks[from].insts.back();
  br.target[0] = yes;
  br.target[1] = no;
}

void CallSplit::end_with_value(BlockId side, ValueId r) {
  if (call_.op == Op::TailCall)
    emit(side, Op::Return, {r});
  else
    pass_on(side, r);
}

void CallSplit::end_with_call(BlockId side, ValueId callee) {
  f_.blocks[side].cold = true;
  Inst c = call_;
  c.args[0] = callee;
  if (c.op == Op::TailCall) {
    f_.blocks[side].insts.push_back(std::move(c));
    return;
  }
  c.result = f_.new_value();
  ValueId r = c.result;
  f_.blocks[side].insts.push_back(std::move(c));
  pass_on(side, r);
}

void CallSplit::pass_on(BlockId side, ValueId r) {
  if (!needs_join_) {
    // Only the terminator followed the call: a copy of it, r for the result.
    Inst t = rest_[0];
    for (ValueId& a : t.args)
      if (a == call_.result) a = r;
    f_.blocks[side].insts.push_back(std::move(t));
    return;
  }
  if (join_ == 0) {
    join_ = f_.new_block();
    f_.blocks[join_].params = {call_.result};
  }
  emit(side, Op::Jump, {r});
  f_.blocks[side].insts.back().target[0] = join_;
}

void CallSplit::finish() {
  if (join_ != 0) f_.blocks[join_].insts = std::move(rest_);
}

}  // namespace kiln::jit
