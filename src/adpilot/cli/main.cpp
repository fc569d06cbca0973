// adpilot: parses the command line and runs one subcommand; all logic lives in the libraries.
#include "adpilot/cli/commands.h"

int main(int argc, char** argv) { return adpilot::cli::run_cli(argc, argv); }
