#include "analyze/analyze.h"

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

void walk(Node* n, Lambda* current, bool tail) {
  switch (n->kind) {
    case Kind::Const:
    case Kind::GlobalRef:
      return;
    case Kind::LocalRef:
      note_use(static_cast<LocalRef*>(n)->var, current);
      return;
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
      c->tail = tail;
      if (!tail && current && !calls_plain_primitive(c)) current->may_reenter = true;
      walk(c->fn, current, false);
      for (Node* a : c->args) walk(a, current, false);
      return;
    }
    case Kind::Let: {
      auto* l = static_cast<Let*>(n);
      for (Node* init : l->inits) walk(init, current, false);
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
      }
      for (Node* init : l->inits) walk(init, current, false);
      walk(l->body, current, tail);
      return;
    }
  }
}

}  // namespace

void analyze(Lambda* top) { walk(top, nullptr, false); }

}  // namespace kiln
