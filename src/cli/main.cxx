#include "cli/Main.h"

int main(int argc, char** argv) { return kctx::cli::main(argc, argv); }
