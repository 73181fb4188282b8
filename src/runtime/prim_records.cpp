// The record primitives behind define-record-type. The expander turns
//
//   (define-record-type point (make-point x y) point? (x point-x set-point-x!) ...)
//
// into calls of these: one %make-record-type for the type, %record in the
// constructor, %record? in the predicate, and %record-ref / %record-set! with
// the field index and the accessor's own name, so that a wrong argument is
// reported as "point-x: expected record of type point".
#include <string>

#include "runtime/prim_support.h"

namespace kiln {

namespace {

Value rtd_arg(const Args& a, uint32_t i) { return a.expect(i, Type::RecordType, "record type descriptor"); }

// The record in argument 0, checked to be an instance of `rtd` with a field
// `idx`; errors name the accessor or modifier in argument `name_pos`.
Record* checked_record(const Args& a, Value rtd, uint32_t idx_pos, uint32_t name_pos) {
  Value obj = a[0];
  // The accessor's name is spelled out only for an error: every field
  // access of every record (promises included) passes here.
  auto who = [&] { return is_symbol(a[name_pos]) ? symbol_to_utf8(a[name_pos]) : std::string(a.who); };
  if (!is_record(obj) || obj.as<Record>()->rtd != rtd) {
    std::string expected = "record of type " + symbol_to_utf8(rtd.as<RecordType>()->name);
    type_error(who().c_str(), 0, expected.c_str(), obj);
  }
  int64_t idx = a.index(idx_pos);
  if (idx >= static_cast<int64_t>(obj.as_object()->size())) range_error(who().c_str(), a[idx_pos], obj);
  return obj.as<Record>();
}

}  // namespace

KILN_PRIMITIVE(prim_make_record_type, "%make-record-type", 2, 2,
               "(%make-record-type name fields): a new record type named by the symbol name, whose fields "
               "are named by the symbols of the vector (or list) fields.") {
  Value name = a.symbol(0);
  Value fields = a[1];
  if (is_pair(fields) || is_null(fields)) {
    a.list(1);
    fields = list_to_vector(fields);
  } else if (!is_vector(fields)) {
    a.fail(1, "vector of field names");
  }
  for (int64_t i = 0; i < vector_length(fields); ++i)
    if (!is_symbol(vector_items(fields)[i])) a.fail(1, "vector of symbols");
  RecordType* rt = gc_new<RecordType>(Type::RecordType, sizeof(RecordType));
  rt->name = name;
  rt->field_names = fields;
  return Value::object(rt);
}

KILN_PRIMITIVE(prim_record, "%record", 1, -1,
               "(%record rtd field ...): a new record of type rtd with the given field values; fields not "
               "given are unspecified.") {
  Value rtd = rtd_arg(a, 0);
  int64_t n = vector_length(rtd.as<RecordType>()->field_names);
  if (static_cast<int64_t>(a.size()) - 1 > n) error("%record: too many field values", {rtd});
  Record* r = gc_new<Record>(Type::Record, sizeof(Record) + 8 * n, n);
  r->rtd = rtd;
  for (int64_t i = 0; i < n; ++i) r->fields[i] = i + 1 < a.size() ? a[static_cast<uint32_t>(i + 1)] : kUnspecified;
  return Value::object(r);
}

KILN_PRIMITIVE(prim_is_record_of, "%record?", 2, 2, "(%record? obj rtd): whether obj is a record of type rtd.") {
  Value rtd = rtd_arg(a, 1);
  return Value::boolean(is_record(a[0]) && a[0].as<Record>()->rtd == rtd);
}

KILN_PRIMITIVE(prim_record_ref, "%record-ref", 4, 4,
               "(%record-ref obj rtd idx accessor-name): field idx of obj, which must be a record of type rtd.") {
  Value rtd = rtd_arg(a, 1);
  Record* r = checked_record(a, rtd, 2, 3);
  return r->fields[a[2].as_fixnum()];
}

KILN_PRIMITIVE(prim_record_set, "%record-set!", 5, 5,
               "(%record-set! obj rtd idx value modifier-name): stores value in field idx of obj, which must "
               "be a record of type rtd.") {
  Value rtd = rtd_arg(a, 1);
  Record* r = checked_record(a, rtd, 2, 4);
  r->fields[a[2].as_fixnum()] = a[3];
  return kUnspecified;
}

KILN_PRIMITIVE(prim_record_rtd, "%record-rtd", 1, 1, "(%record-rtd obj): the record type of obj, or #f if not a record.") {
  return is_record(a[0]) ? a[0].as<Record>()->rtd : kFalse;
}

KILN_PRIMITIVE(prim_record_type_name, "%record-type-name", 1, 1, "(%record-type-name rtd): the name symbol of rtd.") {
  return rtd_arg(a, 0).as<RecordType>()->name;
}

KILN_PRIMITIVE(prim_record_type_fields, "%record-type-field-names", 1, 1,
               "(%record-type-field-names rtd): the vector of field name symbols of rtd.") {
  return rtd_arg(a, 0).as<RecordType>()->field_names;
}

}  // namespace kiln
