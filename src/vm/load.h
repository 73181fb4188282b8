// Running programs: the environment a program sees, and the primitives
// behind eval and load (lib/prelude/40-eval.scm).
#pragma once

#include <string_view>

#include "runtime/object.h"

namespace kiln {

/// Runs program text. `*env` is the program's environment, made when the
/// first form that is not a define-library is seen: a program that starts
/// with (import ...) gets an empty environment and sees exactly what it
/// imports; any other program gets every builtin (make_program_environment).
/// Pass the same `*env` (initially #f) for several texts of one program
/// (the -e options). Returns the last value, or kRaise as eval_text does.
Value run_program(std::string_view text, std::string_view file_name, Value* env);

}  // namespace kiln
