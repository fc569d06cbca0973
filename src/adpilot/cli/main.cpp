// adpilot: parses the command line and runs one subcommand; all logic lives in the libraries.
#include <malloc.h>

#include "adpilot/cli/commands.h"

int main(int argc, char** argv) {
  // Ingest allocates column vectors of a few hundred KiB per block on worker threads and frees
  // them on the consuming thread. With glibc's defaults each becomes an mmap/munmap pair and the
  // kernel zeroes every page again (a seventh of the run time in profiles); keep them in the heap.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  return adpilot::cli::run_cli(argc, argv);
}
