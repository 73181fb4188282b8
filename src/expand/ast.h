// The core language: what the expander hands to the analyzer.
//
// Every macro and derived form is gone; what remains is a handful of node
// kinds over resolved bindings: a local variable is a `Var` (unique per
// binding occurrence, so hygiene is settled), a global is its Cell. Nodes
// live in GC memory because they hold Scheme constants.
//
// Fields under "analysis" are filled in by src/analyze and read by src/ir.
#pragma once

#include "runtime/gc.h"
#include "runtime/srcloc.h"

namespace kiln::ast {

struct Lambda;

struct Var {
  Value name;  // symbol, for messages and debugging
  // --- analysis ---
  bool assigned = false;  // the target of some set!
  bool captured = false;  // referenced from a lambda other than its binder's
  Lambda* binder = nullptr;  // the lambda whose body binds it
  /// The lambda this variable is bound to, when it is bound by letrec to a
  /// lambda and never assigned: calls through it are known calls.
  Lambda* known = nullptr;
  /// Set by the analyzer for a letrec variable that some code may read (or
  /// a closure capture) before its initializer has run: code that runs
  /// while its letrec's initializers up to its own are evaluated can reach
  /// it (analyze.cpp, mark_early). Only these reads need the check that
  /// reports R7RS's "it is an error" (ir/build.cpp); every other letrec
  /// variable provably has its value wherever it is read.
  bool early = false;
  /// Set by the IR builder for a captured letrec variable that a closure
  /// might capture before its initializer has run (see ir/build.cpp).
  bool force_box = false;
  /// Set by the IR builder while it compiles the initializers of this
  /// variable's letrec up to its own: a read compiled then, in the function
  /// binding it, always runs before the initializer (ir/build.cpp).
  bool unset = false;
  /// Boxed: it lives in a Box (defined below Lambda).
  bool boxed() const;
  /// Bound to a closed lambda (Lambda::closed): its value is a constant.
  bool closed() const;
};

enum class Kind : uint8_t { Const, LocalRef, LocalSet, GlobalRef, GlobalSet, If, Seq, Lambda, Call, Let, Letrec };

struct Node {
  Kind kind;
  SrcLoc loc;
  explicit Node(Kind k, SrcLoc l) : kind(k), loc(l) {}
};

template <class T> using Vec = gc_member_vector<T>;

struct Const : Node {
  Value value;
  Const(SrcLoc l, Value v) : Node(Kind::Const, l), value(v) {}
};

struct LocalRef : Node {
  Var* var;
  LocalRef(SrcLoc l, Var* v) : Node(Kind::LocalRef, l), var(v) {}
};

struct LocalSet : Node {
  Var* var;
  Node* value;
  LocalSet(SrcLoc l, Var* v, Node* e) : Node(Kind::LocalSet, l), var(v), value(e) {}
};

struct GlobalRef : Node {
  Value cell;
  GlobalRef(SrcLoc l, Value c) : Node(Kind::GlobalRef, l), cell(c) {}
};

/// `set!` of a global (which must be bound) or `define` (which binds it).
struct GlobalSet : Node {
  Value cell;
  Node* value;
  bool define;
  GlobalSet(SrcLoc l, Value c, Node* e, bool d) : Node(Kind::GlobalSet, l), cell(c), value(e), define(d) {}
};

struct If : Node {
  Node* test;
  Node* then;
  Node* otherwise;
  If(SrcLoc l, Node* t, Node* a, Node* b) : Node(Kind::If, l), test(t), then(a), otherwise(b) {}
};

/// Evaluates each expression in order; the value is the last one's.
struct Seq : Node {
  Vec<Node*> body;
  explicit Seq(SrcLoc l) : Node(Kind::Seq, l) {}
};

struct Lambda : Node {
  Vec<Var*> params;  // required parameters
  Var* rest = nullptr;  // the rest-list parameter, if any
  Node* body = nullptr;
  Value name = kFalse;  // symbol, when bound by define/let/letrec
  // --- analysis ---
  Vec<Var*> free;  // captured variables, in closure slot order
  Lambda* parent = nullptr;
  /// Its body makes a non-tail call that may capture a continuation (any
  /// call but one of a builtin non-control primitive): its frame can then
  /// be re-entered, so its assigned variables must be locations (boxes),
  /// not registers that a re-entry would restore to old values.
  bool may_reenter = false;
  /// Contified (analyze.cpp): this lambda is never a value, only called,
  /// and its body is compiled as blocks of `host`'s function (host is its
  /// parent, the lambda whose letrec binds it; host may be contified in
  /// turn). Calls to it are jumps; no closure is made for it.
  Lambda* host = nullptr;
  /// With `host`: it has exactly one call from outside its body, not in
  /// tail position, and its returns jump to the block after that call.
  /// Otherwise every outside call is a tail call and its returns (and tail
  /// calls) are its host's.
  bool joins = false;
  /// Closed (analyze.cpp): a known, uncontified lambda whose free variables
  /// are all closed lambdas' variables (so, once those are dropped from
  /// free lists, it has none). Every evaluation would make the same
  /// closure, so one closure, made when the IR is built, serves them all:
  /// every reference to its variable is that constant (ir/build.cpp) and no
  /// closure captures it.
  bool closed = false;
  /// That one closure (ir/build.cpp makes it at the first reference, with a
  /// Proto the VM emitter fills in); kFalse until then.
  Value constant = kFalse;
  explicit Lambda(SrcLoc l) : Node(Kind::Lambda, l) {}
};

/// An assigned variable is a Box when a closure shares it or when its frame
/// may be re-entered through a continuation (R7RS: a variable is one
/// location, whatever continuations do).
inline bool Var::boxed() const {
  return (assigned && (captured || (binder && binder->may_reenter))) || force_box;
}

inline bool Var::closed() const { return known && !assigned && known->closed; }

struct Call : Node {
  Node* fn;
  Vec<Node*> args;
  // --- analysis ---
  bool tail = false;
  /// (call/cc (lambda (k) body ...)) with the builtin call/cc (analyze.cpp):
  /// compiled inline, with no receiver closure. The lambda's body is walked
  /// and compiled as part of the enclosing lambda (k is bound there, like a
  /// let's variable, to the continuation of this call; ir/build.cpp).
  bool inline_callcc = false;
  Call(SrcLoc l, Node* f) : Node(Kind::Call, l), fn(f) {}
};

/// Parallel binding: inits are evaluated outside the scope of vars.
struct Let : Node {
  Vec<Var*> vars;
  Vec<Node*> inits;
  Node* body = nullptr;
  explicit Let(SrcLoc l) : Node(Kind::Let, l) {}
};

/// letrec* semantics: inits are evaluated in order, each in the scope of all
/// vars; reading a var before its init has run is an error.
struct Letrec : Node {
  Vec<Var*> vars;
  Vec<Node*> inits;
  Node* body = nullptr;
  explicit Letrec(SrcLoc l) : Node(Kind::Letrec, l) {}
};

}  // namespace kiln::ast
