#pragma once
// The stap lexer: comments (`#`, `//`, `/* */`), identifiers, numbers, strings,
// operators (longest match), `@name` operators and `%{ %}` embedded code.

#include "probe/Token.h"

namespace kctx::probe {

// Always ends with an Eof token. Never fails: what cannot be lexed becomes Junk.
[[nodiscard]] Tokens lex(const Source& source);

[[nodiscard]] bool is_keyword(const std::string& word);

}  // namespace kctx::probe
