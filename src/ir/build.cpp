#include "ir/build.h"

#include <algorithm>
#include <unordered_map>

#include "ir/accumulate.h"
#include "ir/thread_branches.h"
#include "runtime/c_stack.h"
#include "runtime/heap.h"
#include "runtime/primitive.h"
#include "runtime/proto.h"

namespace kiln::ir {

using namespace ast;

namespace {

/// The primitive a call of a builtin global calls, when the call can be
/// compiled to an inline op or a direct primitive call: the arity fits and
/// the primitive is no control primitive (apply, call/cc, ...).
Primitive* builtin_primitive(Call* c) {
  if (c->fn->kind != Kind::GlobalRef) return nullptr;
  Cell* cp = as_cell(static_cast<GlobalRef*>(c->fn)->cell);
  if (!cp->builtin || !is_primitive(cp->value)) return nullptr;
  auto* prim = cp->value.as<Primitive>();
  return prim->direct_call_ok(static_cast<int64_t>(c->args.size())) ? prim : nullptr;
}

/// Whether operand `n` reads and computes without effects and without a
/// call: a constant, a variable, or an inline arithmetic, comparison,
/// pair or vector read of such operands. It may raise (car of a non-pair),
/// but makes nothing and changes nothing.
bool movable(Node* n) {
  switch (n->kind) {
    case Kind::Const:
    case Kind::LocalRef:
    case Kind::GlobalRef:
      return true;
    case Kind::Call: {
      auto* c = static_cast<Call*>(n);
      Primitive* prim = builtin_primitive(c);
      Op op;
      if (!prim || !inline_op_for(prim->name, c->args.size(), &op)) return false;
      if (op == Op::Cons || op == Op::VectorSet) return false;
      return std::all_of(c->args.begin(), c->args.end(), movable);
    }
    default:
      return false;
  }
}

/// Whether evaluating `n` may call a procedure (a Scheme one or a
/// primitive that is no inline op); conservatively yes for bindings.
bool may_call(Node* n) {
  switch (n->kind) {
    case Kind::Const:
    case Kind::LocalRef:
    case Kind::GlobalRef:
    case Kind::Lambda:
      return false;
    case Kind::LocalSet:
      return may_call(static_cast<LocalSet*>(n)->value);
    case Kind::GlobalSet:
      return may_call(static_cast<GlobalSet*>(n)->value);
    case Kind::If: {
      auto* i = static_cast<If*>(n);
      return may_call(i->test) || may_call(i->then) || may_call(i->otherwise);
    }
    case Kind::Seq: {
      auto& body = static_cast<Seq*>(n)->body;
      return std::any_of(body.begin(), body.end(), may_call);
    }
    case Kind::Call: {
      auto* c = static_cast<Call*>(n);
      Primitive* prim = builtin_primitive(c);
      Op op;
      if (!prim || !inline_op_for(prim->name, c->args.size(), &op)) return true;
      return std::any_of(c->args.begin(), c->args.end(), may_call);
    }
    case Kind::Let:
    case Kind::Letrec:
      return true;
  }
  return true;
}

class Builder {
 public:
  Builder(Function& f, Lambda* lambda) : f_(f), lambda_(lambda) {}

  void run() {
    f_.name = lambda_->name;
    f_.loc = lambda_->loc;
    f_.nreq = static_cast<uint32_t>(lambda_->params.size());
    f_.rest = lambda_->rest != nullptr;
    for (Var* v : lambda_->free) f_.known_free.push_back(v->known && !v->assigned && !v->boxed());

    // b0 receives the arguments and jumps to the loop header b1, which self
    // tail calls jump back to with new arguments.
    BlockId entry = f_.new_block();
    BlockId header = f_.new_block();
    std::vector<ValueId> entry_params;
    for (size_t i = 0; i < 1 + f_.nreq + (f_.rest ? 1 : 0); ++i) {
      entry_params.push_back(f_.new_value());
      f_.blocks[header].params.push_back(f_.new_value());
    }
    f_.blocks[entry].params = entry_params;
    cur_ = entry;
    jump(header, entry_params, lambda_->loc);

    cur_ = header;
    const auto& hp = f_.blocks[header].params;
    self_ = hp[0];
    for (size_t i = 0; i < lambda_->params.size(); ++i) bind(lambda_->params[i], hp[1 + i], lambda_->loc);
    if (lambda_->rest) bind(lambda_->rest, hp.back(), lambda_->loc);
    compile(lambda_->body, true);
  }

 private:
  Function& f_;
  Lambda* lambda_;
  BlockId cur_ = 0;
  ValueId self_ = kNoValue;
  /// The current SSA value of each local bound by this lambda: the variable
  /// itself, or its Box when boxed.
  std::unordered_map<Var*, ValueId> env_;
  /// Closures made for letrec lambdas that captured a variable whose
  /// initializer had not run yet: (variable, closure, slot), patched by
  /// ClosureSet once the variable has its value.
  struct Patch {
    Var* var;
    ValueId closure;
    uint32_t slot;
  };
  std::vector<Patch> patches_;
  /// The loop header of each contified lambda compiled so far (its blocks
  /// are in this function): calls to it jump there.
  std::unordered_map<Lambda*, BlockId> headers_;
  /// Where a return goes: kNoBlock for the function's own return, else the
  /// join block after the call of the contified lambda being compiled (its
  /// one parameter takes the value). Tail calls there are calls, then a
  /// jump to it.
  static constexpr BlockId kNoBlock = UINT32_MAX;
  BlockId return_to_ = kNoBlock;

  // --- emitting ---------------------------------------------------------

  ValueId emit(Op op, std::vector<ValueId> args, SrcLoc loc, uint32_t imm = 0) {
    Inst inst;
    inst.op = op;
    inst.args = std::move(args);
    inst.imm = imm;
    inst.loc = loc;
    if (op_has_result(op)) inst.result = f_.new_value();
    ValueId result = inst.result;
    f_.blocks[cur_].insts.push_back(std::move(inst));
    return result;
  }
  ValueId constant(Value v, SrcLoc loc) { return emit(Op::Const, {}, loc, f_.constant(v)); }
  void jump(BlockId target, std::vector<ValueId> args, SrcLoc loc) {
    Inst inst;
    inst.op = Op::Jump;
    inst.args = std::move(args);
    inst.target[0] = target;
    inst.loc = loc;
    f_.blocks[cur_].insts.push_back(std::move(inst));
  }
  void branch(ValueId test, BlockId yes, BlockId no, SrcLoc loc) {
    Inst inst;
    inst.op = Op::Branch;
    inst.args = {test};
    inst.target[0] = yes;
    inst.target[1] = no;
    inst.loc = loc;
    f_.blocks[cur_].insts.push_back(std::move(inst));
  }
  /// Ends the current block with the value `v` as the result of the
  /// lambda being compiled (the function's, or a contified lambda's).
  void ret(ValueId v, SrcLoc loc) {
    if (return_to_ == kNoBlock)
      emit(Op::Return, {v}, loc);
    else
      jump(return_to_, {v}, loc);
  }
  /// A call in tail position of the lambda being compiled.
  void tail_call(std::vector<ValueId> args, SrcLoc loc) {
    if (return_to_ == kNoBlock)
      emit(Op::TailCall, std::move(args), loc);
    else
      ret(emit(Op::Call, std::move(args), loc), loc);
  }

  /// Whether the body of AST lambda `l` is compiled into this function: it
  /// is this function's lambda or is contified into it.
  bool here(const Lambda* l) const {
    while (l && l != lambda_) l = l->host;
    return l != nullptr;
  }

  // --- variables ---------------------------------------------------------

  void bind(Var* var, ValueId value, SrcLoc loc) {
    env_[var] = var->boxed() ? emit(Op::MakeBox, {value}, loc) : value;
  }

  /// The value standing for `var` in this function: its SSA value, its Box,
  /// or `self`. Captured variables are loaded from the closure.
  ValueId raw_ref(Var* var, SrcLoc loc) {
    // A closed lambda's variable is its one closure, everywhere but in
    // itself (where it is `self`, the same object, which calls of the
    // running closure recognize).
    if (var->closed() && var->known != lambda_) return constant(closed_closure(var->known), loc);
    if (here(var->binder)) {
      auto it = env_.find(var);
      // A letrec variable read before its initializer ran.
      if (it == env_.end()) return constant(kUndefined, loc);
      return it->second;
    }
    if (var->known == lambda_ && !var->assigned) return self_;
    for (uint32_t i = 0; i < lambda_->free.size(); ++i)
      if (lambda_->free[i] == var) return emit(Op::FreeRef, {self_}, loc, i);
    KILN_UNREACHABLE_VAR(var);
  }

  [[noreturn]] static void KILN_UNREACHABLE_VAR(Var* var) {
    fprintf(stderr, "kiln: internal error: variable %s is neither local nor free\n", symbol_to_utf8(var->name).c_str());
    abort();
  }

  ValueId ref(Var* var, SrcLoc loc) {
    // Read where its initializer cannot have run (letrec initializers
    // compile in evaluation order, and a contified lambda's body at its one
    // call from them, if any): the check always raises.
    if (var->unset && here(var->binder)) return check_initialized(constant(kUndefined, loc), var, loc);
    ValueId v = raw_ref(var, loc);
    bool self = var->known == lambda_ && !var->assigned;
    if (var->boxed() && !self) v = emit(Op::BoxRef, {v}, loc);
    // Read from a closure: only a variable the analyzer found may be read
    // early (ast::Var::early) is checked; it is boxed (compile_letrec), so
    // a closure holds its box and sees it initialized once it is.
    if (var->early && !self && !var->closed() && !here(var->binder)) v = check_initialized(v, var, loc);
    return v;
  }

  /// `value`, the value of letrec variable `var`, or (when it is
  /// #<undefined>, the initializer has not run) a raise of R7RS's error
  /// naming it, at `loc`. A primitive call, so that both tiers say the
  /// same; it is compiled only for the few variables that need it.
  ValueId check_initialized(ValueId value, Var* var, SrcLoc loc) {
    return emit(Op::CallPrim, {value, constant(var->name, loc)}, loc,
                f_.constant(kiln::builtin_primitive("%check-initialized")));
  }

  void set(Var* var, ValueId value, SrcLoc loc) {
    if (var->boxed()) {
      emit(Op::BoxSet, {raw_ref(var, loc), value}, loc);
    } else {
      // Unboxed and assigned means uncaptured: a new SSA version.
      env_[var] = value;
    }
  }

  /// The one closure of closed lambda `l` (ast::Lambda::closed), made at
  /// the first reference from any function, in the AST (GC memory) so that
  /// every function finds it: no free variables, and a Proto that knows
  /// l's name, arity and location now (for --dump-ir, which prints the IR
  /// before it is emitted) and the rest once vm::emit emits l's function
  /// (Function::self_constant), which it does before any code of this form
  /// runs.
  static Value closed_closure(Lambda* l) {
    if (l->constant == kFalse) {
      auto* p = gc_new<Proto>(Type::Proto, sizeof(Proto));
      p->name = l->name;
      p->nreq = static_cast<uint32_t>(l->params.size());
      p->rest = l->rest != nullptr;
      p->loc = l->loc;
      auto* c = gc_new<Closure>(Type::Closure, sizeof(Closure), 0);
      c->proto = p;
      l->constant = Value::object(c);
    }
    return l->constant;
  }

  /// Builds closed lambda `l`'s function as a child of this one (so the VM
  /// emits its Proto with this function's) with no MakeClosure: the value
  /// is the constant closure.
  void add_closed_child(Lambda* l) {
    auto child = build(l);
    child->self_constant = child->constant(closed_closure(l));
    f_.children.push_back(std::move(child));
  }

  // --- expressions -------------------------------------------------------

  /// Compiles `n`. In tail position the current block is terminated (by a
  /// Return, TailCall or loop Jump) and kNoValue is returned; otherwise
  /// the expression's value is returned and the current block stays open.
  ValueId compile(Node* n, bool tail) {
    ValueId v = compile_value(n, tail);
    if (tail && v != kNoValue) {
      ret(v, n->loc);
      return kNoValue;
    }
    return v;
  }

  ValueId compile_value(Node* n, bool tail) {
    if (c_stack_low()) nesting_error(n->loc, "expression");
    switch (n->kind) {
      case Kind::Const:
        return constant(static_cast<Const*>(n)->value, n->loc);
      case Kind::LocalRef:
        return ref(static_cast<LocalRef*>(n)->var, n->loc);
      case Kind::LocalSet: {
        auto* s = static_cast<LocalSet*>(n);
        set(s->var, compile(s->value, false), n->loc);
        return constant(kUnspecified, n->loc);
      }
      case Kind::GlobalRef:
        return emit(Op::GlobalRef, {}, n->loc, f_.constant(static_cast<GlobalRef*>(n)->cell));
      case Kind::GlobalSet: {
        auto* s = static_cast<GlobalSet*>(n);
        ValueId v = compile(s->value, false);
        emit(s->define ? Op::GlobalDef : Op::GlobalSet, {v}, n->loc, f_.constant(s->cell));
        return constant(kUnspecified, n->loc);
      }
      case Kind::If:
        return compile_if(static_cast<If*>(n), tail);
      case Kind::Seq: {
        auto* s = static_cast<Seq*>(n);
        if (s->body.empty()) return constant(kUnspecified, n->loc);
        for (size_t i = 0; i + 1 < s->body.size(); ++i) compile(s->body[i], false);
        return compile(s->body.back(), tail);
      }
      case Kind::Lambda:
        return compile_lambda(static_cast<Lambda*>(n), nullptr);
      case Kind::Call:
        return compile_call(static_cast<Call*>(n), tail);
      case Kind::Let: {
        auto* l = static_cast<Let*>(n);
        std::vector<ValueId> inits = compile_operands(l->inits);
        for (size_t i = 0; i < l->vars.size(); ++i) bind(l->vars[i], inits[i], n->loc);
        return compile(l->body, tail);
      }
      case Kind::Letrec:
        return compile_letrec(static_cast<Letrec*>(n), tail);
    }
    return kNoValue;
  }

  /// The values of `operands`, in their order. R7RS leaves the order of
  /// evaluation open: left to right, except that movable operands go
  /// after those that may call. Evaluated first, a movable operand's value
  /// would live across the calls in a frame slot, stored before and loaded
  /// after, where evaluated last it reads variables that mostly live there
  /// anyway: `(ack (- m 1) (ack m (- n 1)))`, `(cons (car l) (filter p
  /// (cdr l)))`, `(+ (car l) (sum (cdr l)))`.
  std::vector<ValueId> compile_operands(const Vec<Node*>& operands) {
    std::vector<ValueId> values(operands.size(), kNoValue);
    bool calls = std::any_of(operands.begin(), operands.end(), may_call);
    for (size_t i = 0; i < operands.size(); ++i)
      if (!calls || !movable(operands[i])) values[i] = compile(operands[i], false);
    if (calls)
      for (size_t i = 0; i < operands.size(); ++i)
        if (movable(operands[i])) values[i] = compile(operands[i], false);
    return values;
  }

  ValueId compile_if(If* n, bool tail) {
    ValueId test = compile(n->test, false);
    BlockId yes = f_.new_block();
    BlockId no = f_.new_block();
    branch(test, yes, no, n->loc);
    if (tail) {
      auto saved = env_;
      cur_ = yes;
      compile(n->then, true);
      env_ = std::move(saved);
      cur_ = no;
      compile(n->otherwise, true);
      return kNoValue;
    }
    auto before = env_;
    cur_ = yes;
    ValueId a = compile(n->then, false);
    BlockId yes_end = cur_;
    auto after_yes = std::move(env_);
    env_ = before;
    cur_ = no;
    ValueId b = compile(n->otherwise, false);
    BlockId no_end = cur_;

    // Variables assigned in either arm arrive at the join as parameters.
    BlockId join = f_.new_block();
    std::vector<ValueId> from_yes{a}, from_no{b};
    ValueId result = f_.new_value();
    f_.blocks[join].params.push_back(result);
    for (auto& [var, version] : before) {
      ValueId vy = after_yes.at(var), vn = env_.at(var);
      if (vy == vn) continue;
      ValueId merged = f_.new_value();
      f_.blocks[join].params.push_back(merged);
      from_yes.push_back(vy);
      from_no.push_back(vn);
      before[var] = merged;
    }
    cur_ = yes_end;
    jump(join, from_yes, n->loc);
    cur_ = no_end;
    jump(join, from_no, n->loc);
    env_ = std::move(before);
    cur_ = join;
    return result;
  }

  /// A closure for `l`. For a letrec initializer, `pending` lists the
  /// variables of that letrec that have no value yet: their slots are
  /// recorded for patching.
  ValueId compile_lambda(Lambda* l, const std::vector<Var*>* pending) {
    auto child = build(l);
    uint32_t index = static_cast<uint32_t>(f_.children.size());
    f_.children.push_back(std::move(child));
    std::vector<ValueId> free;
    std::vector<std::pair<Var*, uint32_t>> later;
    for (uint32_t i = 0; i < l->free.size(); ++i) {
      Var* v = l->free[i];
      bool unset = pending && !v->boxed() && here(v->binder) && !env_.count(v);
      if (unset) later.push_back({v, i});
      free.push_back(unset ? constant(kUndefined, l->loc) : raw_ref(v, l->loc));
    }
    ValueId closure = emit(Op::MakeClosure, free, l->loc, index);
    for (auto& [v, slot] : later) patches_.push_back({v, closure, slot});
    return closure;
  }

  ValueId compile_letrec(Letrec* n, bool tail) {
    // A captured variable that code run by an initializer may reach before
    // its own initializer ran (ast::Var::early) could be captured by a
    // closure made then, which the patching below cannot reach (a closure
    // made in a non-lambda initializer, or by a letrec lambda called
    // early): such variables get boxes, created up front, which every
    // closure shares. A known lambda's own body reaches it through `self`
    // (ref), and contified and closed lambdas are never read from a box.
    for (Var* v : n->vars) {
      bool constant_or_jump = v->known && (v->known->host || v->closed());
      if (v->captured && v->early && !constant_or_jump) v->force_box = true;
    }
    for (Var* v : n->vars) {
      v->unset = true;
      if (v->boxed()) env_[v] = emit(Op::MakeBox, {constant(kUndefined, n->loc)}, n->loc);
    }

    std::vector<Var*> pending(n->vars.begin(), n->vars.end());
    for (size_t i = 0; i < n->vars.size(); ++i) {
      Var* v = n->vars[i];
      Node* init = n->inits[i];
      // A contified lambda is no value: its calls compile its body.
      if (v->known && v->known->host) {
        v->unset = false;
        continue;
      }
      // Nor is a closed one's: every reference is its constant.
      if (v->closed()) {
        v->unset = false;
        add_closed_child(v->known);
        continue;
      }
      ValueId value = init->kind == Kind::Lambda ? compile_lambda(static_cast<Lambda*>(init), &pending)
                                                 : compile(init, false);
      v->unset = false;
      if (v->boxed())
        emit(Op::BoxSet, {env_[v], value}, init->loc);
      else
        env_[v] = value;
      for (auto it = patches_.begin(); it != patches_.end();) {
        if (it->var == v) {
          emit(Op::ClosureSet, {it->closure, value}, init->loc, it->slot);
          it = patches_.erase(it);
        } else {
          ++it;
        }
      }
    }
    return compile(n->body, tail);
  }

  /// A call of contified lambda `l`: a jump to its loop header, compiling
  /// its body there at the first call. Returns the call's value for the
  /// one call of a joining lambda, else kNoValue (a tail call).
  ValueId compile_contified_call(Lambda* l, Call* c) {
    std::vector<ValueId> args;
    for (Node* a : c->args) args.push_back(compile(a, false));
    auto it = headers_.find(l);
    if (it != headers_.end()) {
      jump(it->second, args, c->loc);
      return kNoValue;
    }
    BlockId header = f_.new_block();
    headers_[l] = header;
    jump(header, args, c->loc);
    // The body sees the variables it uses as they are here: ones bound by
    // the host and used by l are captured, so unassigned or boxed, and
    // have one value (defined before every call of l); only l's own
    // bindings and SSA versions must not leak back to the caller.
    auto saved_env = env_;
    BlockId saved_return = return_to_;
    BlockId join = kNoBlock;
    if (l->joins) {
      join = f_.new_block();
      f_.blocks[join].params.push_back(f_.new_value());
      return_to_ = join;
    }
    cur_ = header;
    for (Var* p : l->params) {
      ValueId v = f_.new_value();
      f_.blocks[header].params.push_back(v);
      bind(p, v, l->loc);
    }
    compile(l->body, true);
    return_to_ = saved_return;
    env_ = std::move(saved_env);
    if (join == kNoBlock) return kNoValue;
    cur_ = join;
    return f_.blocks[join].params[0];
  }

  /// (call/cc (lambda (k) body ...)) marked inline by the analyzer: k is
  /// the continuation of this expression and the body runs here, with no
  /// receiver closure and no call. In the function's own tail position the
  /// continuation is the caller's (call/cc-tail) and the body stays in tail
  /// position. Elsewhere call/cc ends the block: the body follows in its
  /// own block, and the value (the body's, or one passed to k, any number
  /// of times, now or later) arrives as the one parameter of the join.
  ValueId compile_inline_callcc(Call* c, bool tail) {
    auto* l = static_cast<Lambda*>(c->args[0]);
    Var* k = l->params[0];
    if (tail && return_to_ == kNoBlock) {
      bind(k, emit(Op::CallCCTail, {}, c->loc), c->loc);
      compile(l->body, true);
      return kNoValue;
    }
    BlockId body = f_.new_block(), join = f_.new_block();
    ValueId result = f_.new_value();
    f_.blocks[join].params.push_back(result);
    Inst capture;
    capture.op = Op::CallCC;
    capture.result = f_.new_value();
    capture.target[0] = body;
    capture.target[1] = join;
    capture.loc = c->loc;
    f_.blocks[cur_].insts.push_back(capture);
    // A re-entry restores the frame as it was here, so no variable the
    // join sees may change in the body: the analyzer made every assigned
    // one of this frame a box (Lambda::may_reenter). Bindings made in the
    // body end with it.
    auto saved = env_;
    cur_ = body;
    bind(k, capture.result, c->loc);
    // In a contified lambda's tail position (which returns to its join
    // block) the body stays in tail position: its returns go there too.
    ValueId v = compile(l->body, tail);
    if (!tail) jump(join, {v}, c->loc);
    for (auto& [var, value] : saved)
      if (env_.at(var) != value) {
        fprintf(stderr, "kiln: internal error: an unboxed variable assigned in an inline call/cc\n");
        abort();
      }
    env_ = std::move(saved);
    cur_ = join;
    if (!tail) return result;
    ret(result, c->loc);
    return kNoValue;
  }

  ValueId compile_call(Call* c, bool tail) {
    if (c->inline_callcc) return compile_inline_callcc(c, tail);
    if (c->fn->kind == Kind::LocalRef) {
      Lambda* l = static_cast<LocalRef*>(c->fn)->var->known;
      if (l && l->host) {
        ValueId v = compile_contified_call(l, c);
        if (v == kNoValue && !tail) {
          fprintf(stderr, "kiln: internal error: a contified lambda called as a non-tail call\n");
          abort();
        }
        return v;
      }
    }
    // Self tail call (in tail position of the function itself, not of a
    // contified lambda that returns to a join): a jump to the loop header.
    bool real_tail = tail && return_to_ == kNoBlock;
    if (real_tail && c->fn->kind == Kind::LocalRef) {
      Var* v = static_cast<LocalRef*>(c->fn)->var;
      if (v->known == lambda_ && !v->assigned && !lambda_->rest && c->args.size() == lambda_->params.size()) {
        std::vector<ValueId> args{self_};
        for (ValueId a : compile_operands(c->args)) args.push_back(a);
        jump(1, args, c->loc);
        return kNoValue;
      }
    }
    // Builtin primitives: inline ops, or a direct primitive call.
    if (Primitive* prim = builtin_primitive(c)) {
      std::vector<ValueId> args = compile_operands(c->args);
      Op op;
      // (+ a b c ...) is ((a + b) + c) ...: R7RS leaves the order open
      // and left to right is what the primitive does too.
      std::string_view name = prim->name;
      if ((name == "+" || name == "*" || name == "-") && args.size() > 2) {
        inline_op_for(name, 2, &op);
        ValueId acc = emit(op, {args[0], args[1]}, c->loc);
        for (size_t i = 2; i < args.size(); ++i) acc = emit(op, {acc, args[i]}, c->loc);
        return acc;
      }
      if (inline_op_for(prim->name, c->args.size(), &op)) {
        ValueId r = emit(op, args, c->loc);
        return r != kNoValue ? r : constant(kUnspecified, c->loc);
      }
      return emit(Op::CallPrim, args, c->loc, f_.constant(Value::object(prim)));
    }
    // A global operator is read after operands that compute (R7RS leaves
    // the order open): read first, it would live across their calls, in a
    // frame slot. (ack's `(ack (- m 1) (ack m (- n 1)))`: the inner call's
    // frame, and its callee's, would start a slot higher.)
    bool operator_last = c->fn->kind == Kind::GlobalRef && std::any_of(c->args.begin(), c->args.end(), [](Node* a) {
                           return a->kind != Kind::Const && a->kind != Kind::LocalRef && a->kind != Kind::GlobalRef &&
                                  a->kind != Kind::Lambda;
                         });
    std::vector<ValueId> args{operator_last ? kNoValue : compile(c->fn, false)};
    for (ValueId a : compile_operands(c->args)) args.push_back(a);
    if (operator_last) args[0] = compile(c->fn, false);
    if (real_tail && c->fn->kind == Kind::GlobalRef && !lambda_->rest && c->args.size() == lambda_->params.size()) {
      // A global function calling itself in tail position (a loop written
      // with `define`) loops too: if the callee is this very closure, jump
      // to the loop header; otherwise (the global was redefined) call it.
      BlockId loop = f_.new_block(), call = f_.new_block();
      branch(emit(Op::Eq, {args[0], self_}, c->loc), loop, call, c->loc);
      cur_ = loop;
      std::vector<ValueId> jump_args(args);
      jump_args[0] = self_;
      jump(1, jump_args, c->loc);
      cur_ = call;
      emit(Op::TailCall, args, c->loc);
      return kNoValue;
    }
    if (tail) {
      tail_call(std::move(args), c->loc);
      return kNoValue;
    }
    return emit(Op::Call, args, c->loc);
  }
};

}  // namespace

std::unique_ptr<Function> build(Lambda* lambda) {
  auto f = std::make_unique<Function>();
  Builder(*f, lambda).run();
  thread_branches(*f);
  accumulate_defined_children(*f);
  return f;
}

}  // namespace kiln::ir
