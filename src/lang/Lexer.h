// The lexer: one source file's text to preprocessing tokens. Line continuations are
// removed here (a token's spelling never contains one) while locations still point at
// the raw text, so carets line up with what the user wrote.
#pragma once

#include <cstdint>

#include "base/Diagnostic.h"
#include "lang/Token.h"

namespace kctx::lang {

// Lexes sources.file(file). Problems that are errors wherever they appear (an
// unterminated comment) go to `diags`; a stray character or an unterminated literal
// becomes a Tok::Other token, an error only if it survives preprocessing (it may sit in
// an #if 0 block). The list always ends with one Tok::Eof token.
[[nodiscard]] TokenList lex(const SourceSet& sources, uint32_t file, DiagnosticSink& diags);

}  // namespace kctx::lang
