// The binary operators' precedence, one table for the two places that parse C
// expressions: the parser and the preprocessor's #if evaluator (PpExpr.cpp), so `#if`
// groups `1 + 2 * 3 == 7` exactly as C does.
#pragma once

#include "lang/Token.h"

namespace kctx::lang {

// C11 6.5.5-6.5.14, loosest (||, 1) to tightest (*, 10); -1 for a token that is not a
// binary operator. The conditional, assignment and comma operators are parsed apart.
[[nodiscard]] constexpr int binary_precedence(Tok k)
{
	switch (k) {
	case Tok::PipePipe: return 1;
	case Tok::AmpAmp: return 2;
	case Tok::Pipe: return 3;
	case Tok::Caret: return 4;
	case Tok::Amp: return 5;
	case Tok::EqEq: case Tok::Ne: return 6;
	case Tok::Lt: case Tok::Gt: case Tok::Le: case Tok::Ge: return 7;
	case Tok::Shl: case Tok::Shr: return 8;
	case Tok::Plus: case Tok::Minus: return 9;
	case Tok::Star: case Tok::Slash: case Tok::Percent: return 10;
	default: return -1;
	}
}

}  // namespace kctx::lang
