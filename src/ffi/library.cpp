// (load-shared-object NAME): dlopen with RTLD_NOW | RTLD_GLOBAL, so a
// missing dependency is reported at load time, and the symbols of every
// loaded object are found by one dlsym(RTLD_DEFAULT, ...) lookup, the way
// Chez's foreign-procedure searches all loaded objects. Handles are never
// closed: bindings hold raw addresses into them.
#include "ffi/library.h"

#include <dlfcn.h>

#include "ffi/convert.h"
#include "runtime/primitive.h"

namespace kiln::ffi {

void* lookup_symbol(const char* who, const std::string& name) {
  dlerror();  // clear a stale message
  void* address = dlsym(RTLD_DEFAULT, name.c_str());
  if (const char* why = dlerror()) {
    // glibc says "<object>: undefined symbol: <name>"; the lookup covered
    // every loaded object, so naming the first one would mislead.
    std::string text = why;
    size_t at = text.find("undefined symbol");
    if (at != std::string::npos) text = text.substr(at);
    error(std::string(who) + ": no C symbol named \"" + name + "\" in the program or the loaded shared objects (" +
          text + ")");
  }
  return address;
}

bool may_reach_collector(void* function) {
  Dl_info in_function, in_program;
  if (!dladdr(function, &in_function) || !in_function.dli_fname) return true;
  // This program links the collector (and may not be dlopen'ed by name).
  if (dladdr(reinterpret_cast<void*>(&may_reach_collector), &in_program) &&
      in_program.dli_fbase == in_function.dli_fbase)
    return true;
  // dlsym on a handle searches the object and its dependencies, in load
  // order: it finds the collector's entry points only if they are among
  // them. RTLD_NOLOAD: the object is loaded already (the function is in
  // it); dlclose then only gives back the reference.
  void* handle = dlopen(in_function.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
  if (!handle) return true;
  bool reaches = dlsym(handle, "GC_malloc") || dlsym(handle, "GC_gcollect");
  dlclose(handle);
  return reaches;
}

KILN_PRIMITIVE(prim_load_shared_object, "load-shared-object", 1, 1,
               "(load-shared-object name): loads the shared object `name` (a file name or path, as for dlopen) "
               "so that foreign-procedure finds its symbols; #f names the running program. Returns a pointer "
               "to the dlopen handle.") {
  Value name = a[0];
  if (name != kFalse && !is_string(name)) a.fail(0, "string or #f");
  std::string file = name == kFalse ? "" : string_to_utf8(name);
  void* handle = dlopen(name == kFalse ? nullptr : file.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (!handle) {
    const char* why = dlerror();
    error("load-shared-object: cannot load \"" + file + "\" (" + (why ? why : "unknown reason") + ")");
  }
  return make_pointer(handle);
}

}  // namespace kiln::ffi
