#include "read/reader.h"

#include <unordered_set>

#include "runtime/error.h"
#include "runtime/heap.h"

namespace kiln {

namespace {

uint32_t file_index(Value file_name) {
  return is_string(file_name) ? srcloc_file(string_to_utf8(file_name)) : 0;
}

std::string file_label(Value file_name) {
  return is_string(file_name) ? string_to_utf8(file_name) : std::string("<string>");
}

const char* abbrev_name(TokenKind k) {
  switch (k) {
    case TokenKind::Quote: return "quote";
    case TokenKind::Quasiquote: return "quasiquote";
    case TokenKind::Unquote: return "unquote";
    default: return "unquote-splicing";
  }
}

std::string describe_open(char32_t close) { return close == ']' ? "'['" : "'('"; }

}  // namespace

Reader::Reader(std::string_view utf8_text, Value file_name, int first_line)
    : lex_(utf8_text, file_index(file_name), file_label(file_name), first_line),
      record_locations_(is_string(file_name)) {}

void Reader::fail_at_end() {
  // The innermost construct still open is the one the input cut short.
  const Frame& f = stack_.back();
  incomplete_ = true;
  switch (f.kind) {
    case Frame::List: lex_.fail(f.loc, "unterminated list: no ')' for this '('");
    case Frame::Vector: lex_.fail(f.loc, "unterminated vector: no ')' for this '#('");
    case Frame::Bytevector: lex_.fail(f.loc, "unterminated bytevector: no ')' for this '#u8('");
    case Frame::Abbrev: lex_.fail(f.loc, "end of input after a quote mark");
    case Frame::Skip: lex_.fail(f.loc, "end of input after '#;': no datum to comment out");
    case Frame::Label: lex_.fail(f.loc, "end of input after datum label #" + std::to_string(f.label) + "=");
  }
  lex_.fail(f.loc, "unterminated datum");
}

void Reader::append(Frame& f, Value datum, SrcLoc loc) {
  Value p = cons(datum, kNil);
  if (f.head == kNil) {
    f.head = p;
    if (record_locations_ && f.kind == Frame::List) srcloc_record(p, f.loc);
  } else {
    set_cdr(f.tail, p);
    if (record_locations_ && f.kind == Frame::List) srcloc_record(p, loc);
  }
  f.tail = p;
}

Value Reader::finish(Frame& f) {
  switch (f.kind) {
    case Frame::Vector: {
      Value v = list_to_vector(f.head);
      v.as_object()->set_immutable();
      return v;
    }
    case Frame::Bytevector: {
      int64_t n = list_length(f.head);
      Value bv = make_bytevector(n);
      Value l = f.head;
      for (int64_t i = 0; i < n; ++i, l = cdr(l)) bytevector_bytes(bv)[i] = static_cast<uint8_t>(car(l).as_fixnum());
      bv.as_object()->set_immutable();
      return bv;
    }
    default:
      return f.head;
  }
}

Reader::LabelEntry* Reader::find_label(int64_t n) {
  for (LabelEntry& e : labels_)
    if (e.n == n) return &e;
  return nullptr;
}

Value Reader::read() {
  stack_.clear();
  labels_.clear();
  placeholders_used_ = false;
  incomplete_ = false;

  for (;;) {
    Token tok;
    try {
      tok = lex_.next();
    } catch (const SchemeRaise&) {
      incomplete_ = lex_.incomplete;
      throw;
    }
    Value datum = kFalse;
    SrcLoc loc = tok.loc;

    switch (tok.kind) {
      case TokenKind::End:
        if (stack_.empty()) return kEof;
        fail_at_end();
      case TokenKind::Open:
        stack_.push_back(Frame{.kind = Frame::List, .close = tok.bracket == '[' ? U']' : U')', .loc = loc});
        continue;
      case TokenKind::VectorOpen:
        stack_.push_back(Frame{.kind = Frame::Vector, .loc = loc});
        continue;
      case TokenKind::BytevectorOpen:
        stack_.push_back(Frame{.kind = Frame::Bytevector, .loc = loc});
        continue;
      case TokenKind::Quote:
      case TokenKind::Quasiquote:
      case TokenKind::Unquote:
      case TokenKind::UnquoteSplicing:
        stack_.push_back(Frame{.kind = Frame::Abbrev, .loc = loc, .head = intern(abbrev_name(tok.kind))});
        continue;
      case TokenKind::DatumComment:
        stack_.push_back(Frame{.kind = Frame::Skip, .loc = loc});
        continue;
      case TokenKind::LabelDef: {
        if (find_label(tok.label)) lex_.fail(loc, "datum label #" + std::to_string(tok.label) + "= defined twice");
        labels_.push_back(LabelEntry{tok.label, make_box(kUnbound), true});
        stack_.push_back(Frame{.kind = Frame::Label, .loc = loc, .label = tok.label});
        continue;
      }
      case TokenKind::LabelRef: {
        LabelEntry* e = find_label(tok.label);
        if (!e) lex_.fail(loc, "undefined datum label #" + std::to_string(tok.label) + "#");
        if (e->pending) placeholders_used_ = true;
        datum = e->pending ? e->placeholder : e->placeholder.as<Box>()->value;
        break;
      }
      case TokenKind::Close: {
        if (stack_.empty()) lex_.fail(loc, tok.bracket == ']' ? "unexpected ']'" : "unexpected ')'");
        Frame& f = stack_.back();
        if (f.kind == Frame::Abbrev || f.kind == Frame::Skip || f.kind == Frame::Label)
          lex_.fail(loc, "expected a datum before ')'");
        char32_t want = f.kind == Frame::List ? f.close : U')';
        if (tok.bracket != want)
          lex_.fail(loc, std::string("'") + static_cast<char>(tok.bracket) + "' does not match the " +
                             describe_open(want) + " at line " + std::to_string(f.loc.line) + ", column " +
                             std::to_string(f.loc.col));
        if (f.dot == Frame::WantTail) lex_.fail(loc, "expected a datum after '.'");
        datum = finish(f);
        loc = f.loc;
        stack_.pop_back();
        break;
      }
      case TokenKind::Dot: {
        if (stack_.empty() || stack_.back().kind != Frame::List || stack_.back().head == kNil ||
            stack_.back().dot != Frame::NoDot)
          lex_.fail(loc, "unexpected '.'");
        stack_.back().dot = Frame::WantTail;
        continue;
      }
      case TokenKind::Datum:
        datum = tok.datum;
        break;
    }

    // Hand the finished datum to the construct that is waiting for it; a
    // quote mark or label completes at once and passes its result on.
    for (;;) {
      if (stack_.empty()) return placeholders_used_ ? patch_labels(datum) : datum;
      Frame& f = stack_.back();
      if (f.kind == Frame::List) {
        if (f.dot == Frame::HaveTail) lex_.fail(loc, "expected ')' after the datum following '.'");
        if (f.dot == Frame::WantTail) {
          set_cdr(f.tail, datum);
          f.dot = Frame::HaveTail;
        } else {
          append(f, datum, loc);
        }
        break;
      }
      if (f.kind == Frame::Vector) {
        append(f, datum, loc);
        break;
      }
      if (f.kind == Frame::Bytevector) {
        if (!datum.is_fixnum() || datum.as_fixnum() < 0 || datum.as_fixnum() > 255)
          lex_.fail(loc, "bytevector element must be an exact integer from 0 to 255");
        append(f, datum, loc);
        break;
      }
      if (f.kind == Frame::Skip) {
        stack_.pop_back();
        break;
      }
      if (f.kind == Frame::Abbrev) {
        Value rest = cons(datum, kNil);
        Value form = cons(f.head, rest);
        if (record_locations_) {
          srcloc_record(form, f.loc);
          srcloc_record(rest, loc);
        }
        datum = form;
        loc = f.loc;
        stack_.pop_back();
        continue;
      }
      // Frame::Label
      LabelEntry* e = find_label(f.label);
      if (datum == e->placeholder) lex_.fail(f.loc, "datum label #" + std::to_string(f.label) + "= refers only to itself");
      e->placeholder.as<Box>()->value = datum;
      e->pending = false;
      loc = f.loc;
      stack_.pop_back();
    }
  }
}

Value Reader::patch_labels(Value datum) {
  // Every Box in freshly read data is one of our placeholders (the reader
  // makes no other boxes). A placeholder's value may itself be an earlier
  // label's placeholder (#0=(#1=#0#)); follow such chains to the end.
  auto resolve = [this](Value v) {
    for (size_t hops = 0; has_type(v, Type::Box) && hops <= labels_.size(); ++hops) v = v.as<Box>()->value;
    return v;
  };
  datum = resolve(datum);
  // Iterative walk (data may be deep or circular); `seen` holds raw words of
  // objects reachable from `datum`, which keeps them alive.
  gc_vector<Value> work{datum};
  std::unordered_set<uint64_t> seen;
  while (!work.empty()) {
    Value v = work.back();
    work.pop_back();
    if (!v.is_heap() || !seen.insert(v.raw).second) continue;
    if (is_pair(v)) {
      Pair* p = v.as_pair();
      p->car = resolve(p->car);
      p->cdr = resolve(p->cdr);
      work.push_back(p->car);
      work.push_back(p->cdr);
    } else if (is_vector(v)) {
      for (int64_t i = 0; i < vector_length(v); ++i) {
        Value& item = vector_items(v)[i];
        item = resolve(item);
        work.push_back(item);
      }
    }
  }
  return datum;
}

Value read_all(std::string_view text, Value file_name) {
  Reader reader(text, file_name);
  Value head = kNil;
  Value tail = kNil;
  for (;;) {
    Value d = reader.read();
    if (d == kEof) return head;
    Value p = cons(d, kNil);
    if (head == kNil) head = p;
    else set_cdr(tail, p);
    tail = p;
  }
}

}  // namespace kiln
