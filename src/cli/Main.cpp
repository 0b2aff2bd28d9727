#include "cli/Main.h"

namespace kctx::cli {
int main(int, char**) { return 0; }
}
