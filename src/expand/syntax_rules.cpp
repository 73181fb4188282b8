// syntax-rules (R7RS 4.3.2): compiling rules, matching patterns,
// instantiating templates.
//
// A rule is compiled once, when its macro is defined, into data where the
// ellipses, `_`, literals and vectors are explicit, so matching and
// instantiation never re-resolve `...` or `_`, and every malformed pattern
// or template is reported at the definition:
//
//   pattern   := var | UNDERSCORE | (LITERAL . id) | (VECTOR . plist)
//              | plist | ()  | datum
//   plist     := (pattern* [(ELLIPSIS pattern vars)] pattern* . pattern)
//                where vars lists the pattern variables of the repeated
//                subpattern; at most one ELLIPSIS element per list level
//   template  := id | (VECTOR . tlist) | tlist | datum
//   tlist     := list whose elements may be (ELLIPSIS template levels):
//                the template repeated once per ellipsis that followed it;
//                levels lists, for each of those ellipses from the outer
//                one in, the pattern variables it iterates over
//
// The markers are uninterned symbols, so no user datum can look like them.
//
// Matching binds each pattern variable to its datum, or for a variable
// under n ellipses to a list (nested n deep) of data. Which ellipsis of a
// template iterates which variable is decided statically: a variable of
// depth d iterates the innermost d ellipses around its occurrence (so in
// `((a b ...) ...)` with `a` and `b` both of depth 1, `a` goes with the outer
// ellipsis and `b` with the inner one); deeper ellipses repeat it unchanged.
#include <string>

#include "expand/macro.h"
#include "runtime/equal.h"

namespace kiln {

namespace {

enum Mark { kEllipsisMark, kVectorMark, kUnderscoreMark, kLiteralMark, kMarkCount };

Value mark(Mark m) {
  static Value* marks = nullptr;
  if (!marks) {
    marks = static_cast<Value*>(gc_alloc_root(sizeof(Value) * kMarkCount));
    marks[kEllipsisMark] = make_uninterned_symbol("%ellipsis");
    marks[kVectorMark] = make_uninterned_symbol("%vector");
    marks[kUnderscoreMark] = make_uninterned_symbol("%underscore");
    marks[kLiteralMark] = make_uninterned_symbol("%literal");
  }
  return marks[m];
}

bool is_marked(Value v, Mark m) { return is_pair(v) && car(v) == mark(m); }

Value assq(Value key, Value alist) {
  for (; is_pair(alist); alist = cdr(alist))
    if (car(car(alist)) == key) return car(alist);
  return kFalse;
}

bool memq(Value key, Value l) {
  for (; is_pair(l); l = cdr(l))
    if (car(l) == key) return true;
  return false;
}

/// Builds a list from `items` ending in `tail`.
Value list_with_tail(const gc_vector<Value>& items, Value tail) {
  Value l = tail;
  for (size_t i = items.size(); i-- > 0;) l = cons(items[i], l);
  return l;
}

// --- compiling ---------------------------------------------------------------

class RulesCompiler {
 public:
  RulesCompiler(Expander& x, Value spec, Value ellipsis, Value literals, Scope* scope)
      : x_(x), spec_(spec), ellipsis_(ellipsis), literals_(literals), scope_(scope) {}

  /// Compiles one (pattern template) rule into #(pattern template).
  Value rule(Value r) {
    if (list_length(r) != 2) fail("bad syntax-rules rule, expected (pattern template)");
    Value pat = car(r);
    if (!is_pair(pat)) fail("syntax-rules pattern must be a list starting with the keyword");
    vars_ = kNil;
    // The keyword position is ignored: the pattern is matched from the cdr.
    Value compiled_pattern = pattern(cdr(pat), 0);
    Value depths = vars_;
    Value compiled_template = tmpl(second(r), depths, false);
    Value v = make_vector(2);
    vector_items(v)[0] = compiled_pattern;
    vector_items(v)[1] = compiled_template;
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& message) { x_.fail(spec_, message); }

  bool is_literal(Value v) { return memq(v, literals_); }

  bool is_ellipsis(Value v, bool escaped = false) {
    if (escaped || !is_bindable(v) || is_literal(v)) return false;
    if (ellipsis_ != kFalse) return v == ellipsis_;
    return x_.is_special(v, scope_, SpecialId::Ellipsis);
  }

  // Patterns. vars_ collects (variable . depth).
  Value pattern(Value p, int depth) {
    if (is_bindable(p)) {
      if (is_literal(p)) return cons(mark(kLiteralMark), p);
      if (is_ellipsis(p)) fail("misplaced ellipsis in syntax-rules pattern");
      if (x_.is_special(p, scope_, SpecialId::Underscore)) return mark(kUnderscoreMark);
      if (assq(p, vars_) != kFalse) fail("duplicate pattern variable " + identifier_text(p));
      vars_ = cons(cons(p, Value::fixnum(depth)), vars_);
      return p;
    }
    if (is_vector(p)) return cons(mark(kVectorMark), pattern(vector_to_list(p), depth));
    if (!is_pair(p)) return p;
    gc_vector<Value> items;
    bool seen_ellipsis = false;
    Value q = p;
    for (; is_pair(q); q = cdr(q)) {
      Value elem = car(q);
      if (is_pair(cdr(q)) && is_ellipsis(car(cdr(q)))) {
        if (seen_ellipsis) fail("more than one ellipsis in one list of a syntax-rules pattern");
        seen_ellipsis = true;
        Value before = vars_;
        Value sub = pattern(elem, depth + 1);
        Value sub_vars = kNil;
        for (Value v = vars_; v != before; v = cdr(v)) sub_vars = cons(car(car(v)), sub_vars);
        items.push_back(list({mark(kEllipsisMark), sub, sub_vars}));
        q = cdr(q);  // the ellipsis
        continue;
      }
      items.push_back(pattern(elem, depth));
    }
    Value tail = is_null(q) ? kNil : pattern(q, depth);
    return list_with_tail(items, tail);
  }

  // Templates. `rem` maps each pattern variable to the ellipsis depth it
  // still has at this point of the template.

  /// The deepest ellipsis nesting, inside `t`, of an occurrence of `var`
  /// (-1 when it does not occur).
  int inner_depth(Value t, Value var, bool escaped) {
    if (t == var) return 0;
    if (is_vector(t)) return inner_depth(vector_to_list(t), var, escaped);
    if (!is_pair(t)) return -1;
    if (is_ellipsis(car(t), escaped) && is_pair(cdr(t))) return inner_depth(second(t), var, true);
    int best = -1;
    for (; is_pair(t); t = cdr(t)) {
      int k = 0;
      for (Value n = cdr(t); is_pair(n) && is_ellipsis(car(n), escaped); n = cdr(n)) ++k;
      int d = inner_depth(car(t), var, escaped);
      if (d >= 0 && d + k > best) best = d + k;
      for (int i = 0; i < k; ++i) t = cdr(t);
    }
    int d = inner_depth(t, var, escaped);
    return d > best ? d : best;
  }

  Value tmpl(Value t, Value rem, bool escaped) {
    if (is_bindable(t)) {
      Value entry = assq(t, rem);
      if (entry != kFalse && cdr(entry).as_fixnum() > 0)
        fail("pattern variable " + identifier_text(t) + " is used in a template with too few ellipses");
      if (is_ellipsis(t, escaped)) fail("misplaced ellipsis in syntax-rules template");
      return t;
    }
    if (is_vector(t)) return cons(mark(kVectorMark), tmpl(vector_to_list(t), rem, escaped));
    if (!is_pair(t)) return t;
    if (is_ellipsis(car(t), escaped)) {  // (... template): ellipses inside are plain identifiers
      if (list_length(t) != 2) fail("bad ellipsis escape in template, expected (... template)");
      return tmpl(second(t), rem, true);
    }
    gc_vector<Value> items;
    Value q = t;
    for (; is_pair(q); q = cdr(q)) {
      Value elem = car(q);
      int k = 0;
      for (Value n = cdr(q); is_pair(n) && is_ellipsis(car(n), escaped); n = cdr(n)) ++k;
      if (k == 0) {
        items.push_back(tmpl(elem, rem, escaped));
        continue;
      }
      for (int i = 0; i < k; ++i) q = cdr(q);
      // Decide which variables each of the k ellipses iterates.
      gc_vector<Value> levels;
      Value inner_rem = rem;
      for (int j = 1; j <= k; ++j) {
        Value iterated = kNil;
        for (Value e = inner_rem; is_pair(e); e = cdr(e)) {
          Value var = car(car(e));
          if (memq(var, iterated) || assq(var, inner_rem) != car(e)) continue;  // shadowed entry
          int64_t r = cdr(car(e)).as_fixnum();
          int inner = inner_depth(elem, var, escaped);
          if (inner >= 0 && r > inner + (k - j)) iterated = cons(var, iterated);
        }
        if (is_null(iterated))
          fail("an ellipsis in a template follows no pattern variable that has one");
        for (Value v = iterated; is_pair(v); v = cdr(v))
          inner_rem = cons(cons(car(v), Value::fixnum(cdr(assq(car(v), inner_rem)).as_fixnum() - 1)), inner_rem);
        levels.push_back(iterated);
      }
      Value sub = tmpl(elem, inner_rem, escaped);
      items.push_back(list({mark(kEllipsisMark), sub, list_with_tail(levels, kNil)}));
    }
    Value tail = is_null(q) ? kNil : tmpl(q, rem, escaped);
    return list_with_tail(items, tail);
  }

  Expander& x_;
  Value spec_;
  Value ellipsis_;  // the custom ellipsis identifier, or kFalse for `...`
  Value literals_;
  Scope* scope_;
  Value vars_ = kNil;
};

// --- matching ----------------------------------------------------------------

class Matcher {
 public:
  Matcher(Expander& x, Macro* m, Scope* use_scope) : x_(x), m_(m), use_scope_(use_scope) {}

  /// Matches `form` against compiled pattern `p`, adding (variable . datum)
  /// to `*b`.
  bool match(Value p, Value form, Value* b) {
    if (p == mark(kUnderscoreMark)) return true;
    if (is_bindable(p)) {
      *b = cons(cons(p, form), *b);
      return true;
    }
    if (is_marked(p, kLiteralMark))
      return is_bindable(form) && x_.same_binding(form, use_scope_, cdr(p), m_->scope, m_->env);
    if (is_marked(p, kVectorMark)) return is_vector(form) && match_list(cdr(p), vector_to_list(form), b);
    if (is_pair(p)) return match_list(p, form, b);
    if (is_null(p)) return is_null(form);
    return is_equal(p, form);
  }

 private:
  bool match_list(Value p, Value form, Value* b) {
    for (; is_pair(p); p = cdr(p)) {
      Value elem = car(p);
      if (is_marked(elem, kEllipsisMark)) {
        int64_t after = 0;  // patterns after the ellipsis, before the tail
        for (Value q = cdr(p); is_pair(q); q = cdr(q)) ++after;
        int64_t available = 0;
        for (Value f = form; is_pair(f); f = cdr(f)) ++available;
        int64_t n = available - after;
        if (n < 0) return false;
        Value sub = second(elem);
        gc_vector<Value> matches;  // one binding list per repetition
        for (int64_t i = 0; i < n; ++i, form = cdr(form)) {
          Value sb = kNil;
          if (!match(sub, car(form), &sb)) return false;
          matches.push_back(sb);
        }
        for (Value v = third(elem); is_pair(v); v = cdr(v)) {
          gc_vector<Value> values;
          for (Value sb : matches) values.push_back(cdr(assq(car(v), sb)));
          *b = cons(cons(car(v), list_with_tail(values, kNil)), *b);
        }
        continue;
      }
      if (!is_pair(form) || !match(elem, car(form), b)) return false;
      form = cdr(form);
    }
    return match(p, form, b);
  }

  Expander& x_;
  Macro* m_;
  Scope* use_scope_;
};

// --- instantiating ---------------------------------------------------------------

class Instantiator {
 public:
  Instantiator(Expander& x, Macro* m, Value use) : x_(x), m_(m), use_(use), loc_(srcloc_of(use)) {}

  Value build(Value t, Value b) {
    if (is_bindable(t)) {
      Value entry = assq(t, b);
      return entry != kFalse ? cdr(entry) : rename(t);
    }
    if (is_marked(t, kVectorMark)) return list_to_vector(build_list(cdr(t), b));
    if (is_pair(t)) return build_list(t, b);
    return t;
  }

 private:
  Value build_list(Value t, Value b) {
    gc_vector<Value> items;
    for (; is_pair(t); t = cdr(t)) {
      Value elem = car(t);
      if (is_marked(elem, kEllipsisMark))
        repeat(second(elem), third(elem), b, items);
      else
        items.push_back(build(elem, b));
    }
    Value l = list_with_tail(items, build(t, b));
    if (is_pair(l) && loc_.known()) srcloc_record(l, loc_);  // errors in the expansion point at the use
    return l;
  }

  /// Appends the instances of `sub` for the ellipses `levels` (see the
  /// file comment) to `out`.
  void repeat(Value sub, Value levels, Value b, gc_vector<Value>& out) {
    Value iterated = car(levels);
    int64_t n = -1;
    for (Value v = iterated; is_pair(v); v = cdr(v)) {
      int64_t len = list_length(cdr(assq(car(v), b)));
      if (n >= 0 && len != n)
        x_.fail(use_, "in the expansion of " + identifier_text(m_->name) +
                          ": pattern variables under one ellipsis matched different numbers of forms");
      n = len;
    }
    gc_vector<Value> cursors;
    for (Value v = iterated; is_pair(v); v = cdr(v)) cursors.push_back(cdr(assq(car(v), b)));
    for (int64_t i = 0; i < n; ++i) {
      Value bi = b;
      size_t j = 0;
      for (Value v = iterated; is_pair(v); v = cdr(v), ++j) {
        bi = cons(cons(car(v), car(cursors[j])), bi);
        cursors[j] = cdr(cursors[j]);
      }
      if (is_null(cdr(levels)))
        out.push_back(build(sub, bi));
      else
        repeat(sub, cdr(levels), bi, out);
    }
  }

  /// The Identifier for template identifier `t` in this expansion: the same
  /// object for every occurrence, a new one for each expansion.
  Value rename(Value t) {
    Value entry = assq(t, renames_);
    if (entry != kFalse) return cdr(entry);
    Identifier* id = gc_new<Identifier>(Type::Identifier, sizeof(Identifier));
    id->name = t;
    id->env = m_->env;
    id->scope = m_->scope;
    id->binding = kFalse;
    Value v = Value::object(id);
    renames_ = cons(cons(t, v), renames_);
    return v;
  }

  Expander& x_;
  Macro* m_;
  Value use_;
  SrcLoc loc_;
  Value renames_ = kNil;
};

}  // namespace

Value compile_syntax_rules(Expander& x, Value spec, Value name, Scope* scope, Value env) {
  // (syntax-rules (literal ...) rule ...) or (syntax-rules ellipsis (literal ...) rule ...)
  if (list_length(spec) < 2) x.fail(spec, "bad syntax, expected (syntax-rules (literal ...) (pattern template) ...)");
  Value rest = cdr(spec);
  Value ellipsis = kFalse;
  if (is_bindable(car(rest))) {
    ellipsis = car(rest);
    rest = cdr(rest);
    if (!is_pair(rest)) x.fail(spec, "bad syntax, expected (syntax-rules ellipsis (literal ...) (pattern template) ...)");
  }
  Value literals = car(rest);
  if (list_length(literals) < 0) x.fail(spec, "syntax-rules: the literals must be a list of identifiers");
  for (Value l = literals; is_pair(l); l = cdr(l))
    if (!is_bindable(car(l))) x.fail(spec, "syntax-rules: literal is not an identifier");
  RulesCompiler compiler(x, spec, ellipsis, literals, scope);
  gc_vector<Value> rules;
  for (Value r = cdr(rest); is_pair(r); r = cdr(r)) rules.push_back(compiler.rule(car(r)));
  Macro* m = gc_new<Macro>(Type::Macro, sizeof(Macro));
  m->name = name;
  m->rules = list_with_tail(rules, kNil);
  m->literals = literals;
  m->env = env;
  m->scope = scope;
  return Value::object(m);
}

Value expand_syntax_rules(Expander& x, Value macro, Value form, Scope* use_scope) {
  Macro* m = macro.as<Macro>();
  Matcher matcher(x, m, use_scope);
  for (Value r = m->rules; is_pair(r); r = cdr(r)) {
    Value rule = car(r);
    Value b = kNil;
    if (!is_pair(form) || !matcher.match(vector_items(rule)[0], cdr(form), &b)) continue;
    Instantiator inst(x, m, form);
    return inst.build(vector_items(rule)[1], b);
  }
  x.fail(form, "no syntax-rules pattern of " + identifier_text(m->name) + " matches");
}

}  // namespace kiln
