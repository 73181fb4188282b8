#include "runtime/thread.h"
int main() { kiln::runtime_init(); return 0; }
