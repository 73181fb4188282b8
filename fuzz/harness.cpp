#include "harness.h"

#include "runtime/srcloc.h"
#include "runtime/thread.h"
#include "vm/eval.h"

namespace kiln::fuzz {

void init() {
  static bool done = false;
  if (done) return;
  done = true;
  kiln_init();
}

void finish_input() {
  g_thread->pending = kFalse;
  g_thread->pending_backtrace = kNil;
  srcloc_forget_all();
}

}  // namespace kiln::fuzz
