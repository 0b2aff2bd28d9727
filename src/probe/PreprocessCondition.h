#pragma once
// Evaluation of one `%( ... %?` condition of stap's preprocessor.

#include <functional>
#include <optional>

#include "probe/Preprocessor.h"

namespace kctx::probe {

// Reads condition tokens (with `$#`, `@#`, `$N`, `@N` already replaced) one at a time.
struct ConditionReader {
	std::function<Token()> next;
	std::function<const Token&()> peek;
};

// The truth of the condition up to (not including) `%?`, or nullopt after an error
// has been added to `errors`.
[[nodiscard]] std::optional<bool> evaluate_condition(ConditionReader& in, const Token& open, const TargetFacts& facts,
						     ScriptErrors& errors);

}  // namespace kctx::probe
