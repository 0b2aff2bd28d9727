#pragma once

namespace kctx::cli {
int main(int argc, char** argv);
}
