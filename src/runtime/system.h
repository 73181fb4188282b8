// The process around the program: command line, environment, clocks, exit.
#pragma once

#include <string>
#include <vector>

namespace kiln {

/// Sets what `(command-line)` returns: the program name, then its args.
void set_command_line(const std::vector<std::string>& args);

}  // namespace kiln
