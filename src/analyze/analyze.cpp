#include "analyze/analyze.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/c_stack.h"
#include "runtime/heap.h"

namespace kiln {

using namespace ast;

namespace {

void note_use(Var* v, Lambda* current) {
  if (v->binder == current || v->binder == nullptr) return;
  // A lambda naming itself uses its own closure, not a captured copy.
  if (v->known == current && !v->assigned) return;
  v->captured = true;
  for (Lambda* l = current; l && l != v->binder; l = l->parent) {
    if (v->known == l && !v->assigned) break;  // l reaches itself through `self`
    bool present = false;
    for (Var* f : l->free)
      if (f == v) present = true;
    if (present) break;  // then every lambda further out has it too
    l->free.push_back(v);
  }
}

/// A call of a builtin primitive that is not a control primitive: it runs
/// no Scheme code, so no continuation can be captured during it.
bool calls_plain_primitive(const Call* c) {
  if (c->fn->kind != Kind::GlobalRef) return false;
  Cell* cell = as_cell(static_cast<const GlobalRef*>(c->fn)->cell);
  return cell->builtin && is_primitive(cell->value) && !cell->value.as<Primitive>()->control;
}

/// Whether `c` is (call/cc (lambda (k) body ...)), or the same with
/// call-with-current-continuation, naming the builtin primitive (whose cell
/// a program cannot assign; a definition or a local binding of the name is
/// another variable). The receiver must take exactly one argument: any
/// other lambda keeps the ordinary call, and so its arity error.
bool inline_callcc(const Call* c) {
  if (c->fn->kind != Kind::GlobalRef || c->args.size() != 1 || c->args[0]->kind != Kind::Lambda) return false;
  Cell* cell = as_cell(static_cast<const GlobalRef*>(c->fn)->cell);
  if (!cell->builtin || !is_primitive(cell->value) || cell->value.as<Primitive>()->control != kControlCallCC)
    return false;
  auto* l = static_cast<const Lambda*>(c->args[0]);
  return l->params.size() == 1 && !l->rest;
}

/// What a lambda's body (nested lambdas included) does that decides
/// against contifying it: it reads vector elements (`vector-ref`), and it
/// computes with flonums (a flonum constant, `/`, `sqrt`, `exp`, `sin`,
/// `cos`, `tan`, `atan`, `inexact`, `exact->inexact`).
struct FloatElements {
  bool reads_elements = false;
  bool floats = false;
};

void scan_float_elements(const Node* n, FloatElements* out) {
  switch (n->kind) {
    case Kind::Const:
      if (is_flonum(static_cast<const Const*>(n)->value)) out->floats = true;
      return;
    case Kind::GlobalRef:
    case Kind::LocalRef:
      return;
    case Kind::LocalSet:
      scan_float_elements(static_cast<const LocalSet*>(n)->value, out);
      return;
    case Kind::GlobalSet:
      scan_float_elements(static_cast<const GlobalSet*>(n)->value, out);
      return;
    case Kind::If: {
      auto* i = static_cast<const If*>(n);
      scan_float_elements(i->test, out);
      scan_float_elements(i->then, out);
      scan_float_elements(i->otherwise, out);
      return;
    }
    case Kind::Seq:
      for (const Node* b : static_cast<const Seq*>(n)->body) scan_float_elements(b, out);
      return;
    case Kind::Lambda:
      scan_float_elements(static_cast<const Lambda*>(n)->body, out);
      return;
    case Kind::Call: {
      auto* c = static_cast<const Call*>(n);
      if (calls_plain_primitive(c)) {
        std::string_view name = as_cell(static_cast<const GlobalRef*>(c->fn)->cell)->value.as<Primitive>()->name;
        if (name == "vector-ref") out->reads_elements = true;
        for (const char* f : {"/", "sqrt", "exp", "sin", "cos", "tan", "atan", "inexact", "exact->inexact"})
          if (name == f) out->floats = true;
      }
      scan_float_elements(c->fn, out);
      for (const Node* a : c->args) scan_float_elements(a, out);
      return;
    }
    case Kind::Let: {
      auto* l = static_cast<const Let*>(n);
      for (const Node* i : l->inits) scan_float_elements(i, out);
      scan_float_elements(l->body, out);
      return;
    }
    case Kind::Letrec: {
      auto* l = static_cast<const Letrec*>(n);
      for (const Node* i : l->inits) scan_float_elements(i, out);
      scan_float_elements(l->body, out);
      return;
    }
  }
}

/// An optimization on unless environment variable `name` is "0" (for
/// debugging, and for measuring with and without it in one build).
bool switched_on(const char* name) {
  const char* e = std::getenv(name);
  return !e || std::strcmp(e, "0") != 0;
}

/// Whether `n` (nested lambdas included) reads or assigns one of `vars`.
bool references_any(const Node* n, const Vec<Var*>& vars) {
  auto in = [&vars](const Var* v) {
    for (const Var* x : vars)
      if (x == v) return true;
    return false;
  };
  switch (n->kind) {
    case Kind::Const:
    case Kind::GlobalRef:
      return false;
    case Kind::LocalRef:
      return in(static_cast<const LocalRef*>(n)->var);
    case Kind::LocalSet: {
      auto* s = static_cast<const LocalSet*>(n);
      return in(s->var) || references_any(s->value, vars);
    }
    case Kind::GlobalSet:
      return references_any(static_cast<const GlobalSet*>(n)->value, vars);
    case Kind::If: {
      auto* i = static_cast<const If*>(n);
      return references_any(i->test, vars) || references_any(i->then, vars) || references_any(i->otherwise, vars);
    }
    case Kind::Seq:
      for (const Node* b : static_cast<const Seq*>(n)->body)
        if (references_any(b, vars)) return true;
      return false;
    case Kind::Lambda:
      return references_any(static_cast<const Lambda*>(n)->body, vars);
    case Kind::Call: {
      auto* c = static_cast<const Call*>(n);
      if (references_any(c->fn, vars)) return true;
      for (const Node* a : c->args)
        if (references_any(a, vars)) return true;
      return false;
    }
    case Kind::Let: {
      auto* l = static_cast<const Let*>(n);
      for (const Node* i : l->inits)
        if (references_any(i, vars)) return true;
      return references_any(l->body, vars);
    }
    case Kind::Letrec: {
      auto* l = static_cast<const Letrec*>(n);
      for (const Node* i : l->inits)
        if (references_any(i, vars)) return true;
      return references_any(l->body, vars);
    }
  }
  return true;
}

/// Marks `out[i]` for each variable `vars[i]` that `n` reads (nested
/// lambdas included; an assignment is not a read, its value is walked).
void collect_reads(const Node* n, const Vec<Var*>& vars, std::vector<char>& out) {
  switch (n->kind) {
    case Kind::Const:
    case Kind::GlobalRef:
      return;
    case Kind::LocalRef: {
      const Var* v = static_cast<const LocalRef*>(n)->var;
      for (size_t i = 0; i < vars.size(); ++i)
        if (vars[i] == v) out[i] = 1;
      return;
    }
    case Kind::LocalSet:
      collect_reads(static_cast<const LocalSet*>(n)->value, vars, out);
      return;
    case Kind::GlobalSet:
      collect_reads(static_cast<const GlobalSet*>(n)->value, vars, out);
      return;
    case Kind::If: {
      auto* i = static_cast<const If*>(n);
      collect_reads(i->test, vars, out);
      collect_reads(i->then, vars, out);
      collect_reads(i->otherwise, vars, out);
      return;
    }
    case Kind::Seq:
      for (const Node* b : static_cast<const Seq*>(n)->body) collect_reads(b, vars, out);
      return;
    case Kind::Lambda:
      collect_reads(static_cast<const Lambda*>(n)->body, vars, out);
      return;
    case Kind::Call: {
      auto* c = static_cast<const Call*>(n);
      collect_reads(c->fn, vars, out);
      for (const Node* a : c->args) collect_reads(a, vars, out);
      return;
    }
    case Kind::Let: {
      auto* l = static_cast<const Let*>(n);
      for (const Node* i : l->inits) collect_reads(i, vars, out);
      collect_reads(l->body, vars, out);
      return;
    }
    case Kind::Letrec: {
      auto* l = static_cast<const Letrec*>(n);
      for (const Node* i : l->inits) collect_reads(i, vars, out);
      collect_reads(l->body, vars, out);
      return;
    }
  }
}

/// Sets Var::early on the variables of `l` that code may read before their
/// initializer has run. Initializers run in order; a lambda initializer
/// runs nothing, any other one may run code, and that code reaches what
/// it reads, what the values of those variables read (a variable's value
/// is made by its initializer, so what that initializer reads, nested
/// lambdas included, covers whatever its closures can read), and so on.
/// Variable j is early when that reach, from the non-lambda initializers
/// up to and including j's own, contains j. Anything else is unsound only
/// if a closure escapes without being read, which it cannot: a closure is
/// only reachable through a variable or by being made in code the reach
/// already includes. Cost: one walk of each initializer that is read.
void mark_early(Letrec* l) {
  // Most letrecs bind only lambdas (named lets, internal procedures): no
  // initializer runs code, so none is early, and nothing need be walked.
  auto runs_code = [](const Node* init) {
    return init->kind != Kind::Lambda && init->kind != Kind::Const && init->kind != Kind::GlobalRef;
  };
  if (std::none_of(l->inits.begin(), l->inits.end(), runs_code)) return;
  size_t n = l->vars.size();
  std::vector<std::vector<char>> reads(n);
  auto reads_of = [&](size_t i) -> const std::vector<char>& {
    if (reads[i].empty()) {
      reads[i].assign(n, 0);
      collect_reads(l->inits[i], l->vars, reads[i]);
    }
    return reads[i];
  };
  std::vector<char> reached(n, 0);
  std::vector<size_t> work;
  auto reach = [&](size_t from) {
    const std::vector<char>& r = reads_of(from);
    for (size_t m = 0; m < n; ++m)
      if (r[m] && !reached[m]) {
        reached[m] = 1;
        work.push_back(m);
      }
  };
  for (size_t j = 0; j < n; ++j) {
    if (runs_code(l->inits[j])) {
      reach(j);
      while (!work.empty()) {
        size_t m = work.back();
        work.pop_back();
        reach(m);
      }
    }
    l->vars[j]->early = reached[j] != 0;
  }
}

/// Whether `c` is ((letrec (... (name lambda) ...) name) arg ...).
bool direct_letrec_call(const Call* c) {
  auto* rec = static_cast<const Letrec*>(c->fn);
  if (rec->body->kind != Kind::LocalRef) return false;
  Var* v = static_cast<const LocalRef*>(rec->body)->var;
  for (Var* x : rec->vars)
    if (x == v) return true;
  return false;
}

/// The tree walk. Besides the marks it sets as it goes, it collects the
/// calls of known lambdas and, once a letrec's scope is walked, decides
/// which of its lambdas to contify (see decide()).
///
/// The maps hold pointers to AST nodes, which the tree being analyzed keeps
/// alive; no Scheme value lives only in them.
class Walker {
 public:
  void walk(Node*& n, Lambda* current, bool tail) {
    if (c_stack_low()) nesting_error(n->loc, "expression");
    switch (n->kind) {
      case Kind::Const:
      case Kind::GlobalRef:
        return;
      case Kind::LocalRef: {
        Var* v = static_cast<LocalRef*>(n)->var;
        note_use(v, current);
        if (v->known) sites_[v].escapes = true;  // used as a value
        return;
      }
      case Kind::LocalSet: {
        auto* s = static_cast<LocalSet*>(n);
        note_use(s->var, current);
        walk(s->value, current, false);
        return;
      }
      case Kind::GlobalSet:
        walk(static_cast<GlobalSet*>(n)->value, current, false);
        return;
      case Kind::If: {
        auto* i = static_cast<If*>(n);
        walk(i->test, current, false);
        walk(i->then, current, tail);
        walk(i->otherwise, current, tail);
        return;
      }
      case Kind::Seq: {
        auto* s = static_cast<Seq*>(n);
        for (size_t i = 0; i < s->body.size(); ++i) walk(s->body[i], current, tail && i + 1 == s->body.size());
        return;
      }
      case Kind::Lambda: {
        auto* l = static_cast<Lambda*>(n);
        lambdas_.push_back(l);
        l->parent = current;
        for (Var* p : l->params) p->binder = l;
        if (l->rest) l->rest->binder = l;
        walk(l->body, l, true);
        // Free variables of an inner lambda that this lambda does not bind
        // were already propagated by note_use.
        return;
      }
      case Kind::Call: {
        auto* c = static_cast<Call*>(n);
        if (c->fn->kind == Kind::Letrec && direct_letrec_call(c)) {
          // ((letrec ((name lambda)) name) arg ...), a named let, becomes
          // (letrec ((name lambda)) (name arg ...)): the same evaluation
          // (making the closure has no effect and the args cannot see
          // `name`), but the loop's first call is now a call of its variable.
          auto* rec = static_cast<Letrec*>(c->fn);
          c->fn = rec->body;
          rec->body = c;
          n = rec;
          walk(n, current, tail);
          return;
        }
        c->tail = tail;
        if (current && inline_callcc_ && inline_callcc(c)) {
          // The receiver's body runs in the current lambda's frame, k
          // bound like a let's variable, in the call's tail position. The
          // frame can be re-entered through k (unless the capture is in
          // tail position; set all the same, since a contified lambda's
          // tail position may be a non-tail one in its host).
          c->inline_callcc = true;
          current->may_reenter = true;
          auto* l = static_cast<Lambda*>(c->args[0]);
          l->params[0]->binder = current;
          walk(l->body, current, tail);
          return;
        }
        if (!tail && current && !calls_plain_primitive(c)) current->may_reenter = true;
        if (c->fn->kind == Kind::LocalRef && static_cast<LocalRef*>(c->fn)->var->known) {
          Var* v = static_cast<LocalRef*>(c->fn)->var;
          note_use(v, current);
          Sites& s = sites_[v];
          s.calls.push_back({c, current});
          // A call from another initializer of its letrec could run before
          // its closure exists (an error today); leave those alone.
          auto home = home_.find(v);
          if (home != home_.end()) {
            auto w = walking_.find(home->second.first);
            if (w != walking_.end() && w->second != home->second.second) s.escapes = true;
          }
        } else {
          walk(c->fn, current, false);
        }
        for (Node*& a : c->args) walk(a, current, false);
        return;
      }
      case Kind::Let: {
        auto* l = static_cast<Let*>(n);
        for (Node*& init : l->inits) walk(init, current, false);
        for (Var* v : l->vars) v->binder = current;
        walk(l->body, current, tail);
        return;
      }
      case Kind::Letrec: {
        auto* l = static_cast<Letrec*>(n);
        for (size_t i = 0; i < l->vars.size(); ++i) {
          l->vars[i]->binder = current;
          if (l->inits[i]->kind == Kind::Lambda && !l->vars[i]->assigned)
            l->vars[i]->known = static_cast<Lambda*>(l->inits[i]);
          home_[l->vars[i]] = {l, static_cast<int>(i)};
        }
        // The first initializer that runs code which may reach one of
        // these variables (see close_lambdas).
        int unsafe = static_cast<int>(l->inits.size());
        for (size_t i = 0; i < l->inits.size() && unsafe == static_cast<int>(l->inits.size()); ++i)
          if (l->inits[i]->kind != Kind::Lambda && references_any(l->inits[i], l->vars)) unsafe = static_cast<int>(i);
        first_unsafe_[l] = unsafe;
        mark_early(l);
        for (size_t i = 0; i < l->inits.size(); ++i) {
          walking_[l] = static_cast<int>(i);
          walk(l->inits[i], current, false);
        }
        walking_.erase(l);
        walk(l->body, current, tail);
        // Every use of these variables is now seen, and so is every lambda
        // in their scope (each letrec nested in it was decided first).
        for (Var* v : l->vars) decide(v, current);
        return;
      }
    }
  }

  /// Decides which known lambdas are closed (ast::Lambda::closed), once
  /// the whole tree is walked, and drops their variables from every free
  /// list: their value is a constant, which no closure needs to capture.
  ///
  /// Closed means: known, never assigned, not contified (a contified
  /// lambda has no closure), and every free variable is itself a closed
  /// lambda's (the greatest such set, so self and mutual recursion stay
  /// closed). Such a lambda's closure would hold only constants, so every
  /// evaluation of it may be the same object (R7RS 4.1.4 lets equal
  /// lambdas over the same variables be eqv?), made once, as Chez and
  /// other compilers do for well-known closures without free variables.
  ///
  /// One more condition keeps letrec's error for a variable read before
  /// its initializer ran (R7RS: it is an error; Kiln reports it, see
  /// mark_early, which also never marks a variable so closed): the variable's initializer must come before any
  /// initializer of its letrec that is not a lambda and may reach one of
  /// the letrec's variables. A lambda initializer runs nothing, and any
  /// other one that mentions none of them cannot get hold of one (a closure
  /// of them exists only once some initializer mentioning them ran), so
  /// up to that point no one can see the variable unset.
  void close_lambdas() {
    if (!closed_enabled()) return;
    std::vector<Var*> closed;
    for (auto& [v, home] : home_) {
      Lambda* l = v->known;
      if (l && !v->assigned && !l->host && home.second < first_unsafe_.at(home.first)) {
        l->closed = true;
        closed.push_back(v);
      }
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (Var* v : closed) {
        if (!v->known->closed) continue;
        for (Var* f : v->known->free)
          if (!f->closed()) {
            v->known->closed = false;
            changed = true;
            break;
          }
      }
    }
    for (Lambda* l : lambdas_) {
      auto& free = l->free;
      free.erase(std::remove_if(free.begin(), free.end(), [](Var* f) { return f->closed(); }), free.end());
    }
  }

 private:
  struct Site {
    Call* call;
    Lambda* in;  // the innermost lambda around the call
  };
  struct Sites {
    std::vector<Site> calls;
    bool escapes = false;  // referenced other than as a call operator
  };
  std::unordered_map<Var*, Sites> sites_;
  std::unordered_map<Var*, std::pair<Letrec*, int>> home_;  // its letrec and index
  std::unordered_map<Letrec*, int> walking_;  // letrec -> initializer being walked
  std::unordered_map<Letrec*, int> first_unsafe_;  // letrec -> see close_lambdas
  std::vector<Lambda*> lambdas_;  // every lambda walked
  /// On unless KILN_CLOSED=0 (for debugging, and for measuring with and
  /// without closed lambdas in one build).
  static bool closed_enabled() { return switched_on("KILN_CLOSED"); }
  /// On unless KILN_CONTIFY=0 (for debugging: comparing code with and
  /// without it). The VM moves an activation running a contified loop into
  /// machine code at the loop's header (jit/osr.cpp), so a loop in a
  /// function called once is compiled all the same.
  bool contify_ = contify_enabled();
  /// On unless KILN_INLINE_CALLCC=0 (for debugging, and for measuring the
  /// ordinary call/cc against the inline one in the same build).
  bool inline_callcc_ = switched_on("KILN_INLINE_CALLCC");
  static bool contify_enabled() { return switched_on("KILN_CONTIFY"); }

  /// Contifies the known lambda L of `v`, bound in the body of `binder`,
  /// when it is only ever called, with its arity, from L's own body in
  /// tail position (loops) and from binder's body (the compiled function
  /// that will hold L's blocks) either always in tail position or exactly
  /// once. A call inside another lambda counts as made where that lambda
  /// is compiled when that lambda was itself contified (nested loops), and
  /// a tail call there is a tail call of its host when it returns as its
  /// host does.
  void decide(Var* v, Lambda* binder) {
    Lambda* l = v->known;
    if (!contify_ || !l || v->assigned || l->rest || !binder) return;
    auto it = sites_.find(v);
    if (it == sites_.end() || it->second.escapes) return;
    size_t outside = 0;
    bool all_tail = true;
    for (const Site& s : it->second.calls) {
      if (s.call->args.size() != l->params.size()) return;
      bool tail = s.call->tail;
      Lambda* x = s.in;
      while (x != l && x != binder) {
        if (!x->host) return;  // made from a closure: L would escape into it
        if (x->joins) tail = false;
        x = x->host;
      }
      if (x == l) {
        if (!tail) return;  // a non-tail self call needs a real frame
      } else {
        ++outside;
        all_tail = all_tail && tail;
      }
    }
    if (outside == 0 || (!all_tail && outside != 1)) return;
    // For now, not a loop doing flonum arithmetic on vector elements: the
    // JIT speculates on such elements only at a function's own loop header
    // (jit/unbox.cpp, element_guards: a failed guard restarts the iteration
    // as a call), and nbody took 1.7x as long with its loops contified.
    // Restarting at a contified header needs a way back from machine code
    // into its OSR entry, which is not built.
    FloatElements fe;
    scan_float_elements(l->body, &fe);
    if (fe.reads_elements && fe.floats) return;
    l->host = binder;
    l->joins = !all_tail;
  }
};

}  // namespace

void analyze(Lambda* top) {
  Node* n = top;
  Walker w;
  w.walk(n, nullptr, false);
  w.close_lambdas();
}

}  // namespace kiln
