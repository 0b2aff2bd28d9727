#include "probe/Preprocessor.h"

#include <cctype>
#include <fmt/format.h>

#include "probe/Lexer.h"
#include "probe/PreprocessCondition.h"

namespace kctx::probe {

namespace {

// Deeper macro nesting than this is taken as runaway recursion.
constexpr int kMaxMacroDepth = 64;

struct Macro {
	std::vector<std::string> params;
	Tokens body;  // ends with an Eof token
};

using Params = std::map<std::string, Tokens>;

// A token list being read: the script, a macro body, or a macro argument.
struct Frame {
	const Tokens* tokens;
	size_t pos = 0;
	const Params* params = nullptr;

	const Token& peek() const { return (*tokens)[pos]; }
	Token next()
	{
		const Token& t = (*tokens)[pos];
		if (t.kind != TokKind::Eof)
			++pos;
		return t;
	}
};

// Why process() stopped reading a frame.
enum class Stop { Eof, Else, Close };

bool is_arg_ref(const Token& t)
{
	if (t.text.size() < 2 || !std::isdigit(static_cast<unsigned char>(t.text[1])))
		return false;
	return (t.kind == TokKind::Identifier && t.text[0] == '$') || (t.kind == TokKind::Operator && t.text[0] == '@');
}

bool is_count_ref(const Token& t) { return t.text == "$#" || t.text == "@#"; }

class Preprocessor {
public:
	Preprocessor(const std::vector<std::string>& args, const TargetFacts& facts, SourceStore& store,
		     ScriptErrors& errors)
		: m_args(args), m_facts(facts), m_store(store), m_errors(errors)
	{
		// @choose_defined comes from stap's tapset library; this is kctx's own
		// definition of the same macro.
		m_store.push_back({"<builtin>", "(@defined(@a) ? @a : @b)"});
		m_macros["choose_defined"] = {{"a", "b"}, lex(m_store.back())};
		// stap's prometheus.stpm macros, as kctx defines them: each appends an array's
		// entries to the prometheus probe's $value, one `metric{label="key"} value` line
		// each (Prometheus's text exposition format), the keys and value printed by
		// sprint() or by the functions the _map form names.
		m_store.push_back({"<builtin>", R"stp(foreach ([__k1] in @arr)
	$value .= sprintf("%s{%s=\"%s\"} %s\n", @metric, @label1, sprint(__k1), sprint(@arr[__k1])))stp"});
		m_macros["prometheus_dump_array1"] = {{"arr", "metric", "label1"}, lex(m_store.back())};
		m_store.push_back({"<builtin>", R"stp(foreach ([__k1, __k2] in @arr)
	$value .= sprintf("%s{%s=\"%s\",%s=\"%s\"} %s\n", @metric, @label1, sprint(__k1), @label2,
			  sprint(__k2), sprint(@arr[__k1, __k2])))stp"});
		m_macros["prometheus_dump_array2"] = {{"arr", "metric", "label1", "label2"}, lex(m_store.back())};
		m_store.push_back({"<builtin>", R"stp(foreach ([__k1, __k2] in @arr)
	$value .= sprintf("%s{%s=\"%s\",%s=\"%s\"} %s\n", @metric, @label1, @key1fn(__k1), @label2,
			  @key2fn(__k2), @valuefn(@arr[__k1, __k2])))stp"});
		m_macros["prometheus_dump_array2_map"] = {
			{"arr", "metric", "label1", "label2", "valuefn", "key1fn", "key2fn"}, lex(m_store.back())};
	}

	Tokens run(const Tokens& raw)
	{
		Frame top{&raw};
		Tokens out;
		process(top, out, 0, false);
		out.push_back(raw.back());
		return out;
	}

private:
	void error(std::string message, const Token& at, Blame blame = Blame::At)
	{
		m_errors.push_back({std::move(message), at, blame, true});
	}

	// Copies tokens to `out`, expanding as it goes, until the frame ends or (inside a
	// conditional) a `%:` or `%)` of this level.
	Stop process(Frame& f, Tokens& out, int depth, bool in_conditional)
	{
		for (;;) {
			Token t = f.next();
			if (t.kind == TokKind::Eof)
				return Stop::Eof;
			if (t.is_op("%:") || t.is_op("%)")) {
				if (in_conditional)
					return t.is_op("%:") ? Stop::Else : Stop::Close;
				error("incomplete conditional - missing '%('", t);
			} else if (t.is_op("%?")) {
				error("incomplete conditional - missing '%('", t);
			} else if (t.is_op("%(")) {
				conditional(f, out, t, depth);
			} else if (t.is_op("@define")) {
				define(f, t);
			} else if (is_arg_ref(t) || is_count_ref(t)) {
				substitute_arg(t, out);
			} else if (t.kind == TokKind::Operator && t.text[0] == '@' && f.params &&
				   f.params->contains(t.text.substr(1))) {
				Frame arg{&f.params->at(t.text.substr(1))};
				process(arg, out, depth + 1, false);
			} else if (t.kind == TokKind::Operator && t.text[0] == '@' && m_macros.contains(t.text.substr(1))) {
				expand(f, out, t, depth);
			} else {
				out.push_back(std::move(t));
			}
		}
	}

	// Skips an untaken branch, nested conditionals included, without expanding it.
	Stop skip(Frame& f)
	{
		int nesting = 0;
		for (;;) {
			Token t = f.next();
			if (t.kind == TokKind::Eof)
				return Stop::Eof;
			if (t.is_op("%("))
				++nesting;
			else if (t.is_op("%)") && nesting-- == 0)
				return Stop::Close;
			else if (t.is_op("%:") && nesting == 0)
				return Stop::Else;
			else if (t.is_op("%?") && nesting == 0)
				error("incomplete conditional - missing '%('", t);
		}
	}

	void conditional(Frame& f, Tokens& out, const Token& open, int depth)
	{
		ConditionReader reader;
		reader.next = [&]() { return condition_token(f); };
		reader.peek = [&]() -> const Token& { return f.peek(); };
		std::optional<bool> taken = evaluate_condition(reader, open, m_facts, m_errors);
		if (!taken) {
			skip_after_bad_condition(f);
			return;
		}
		Stop stop = *taken ? process(f, out, depth, true) : skip(f);
		if (stop == Stop::Else)
			stop = *taken ? skip(f) : process(f, out, depth, true);
		if (stop == Stop::Else)
			error("incomplete conditional - missing '%('", f.peek());
		if (stop == Stop::Eof)
			error("incomplete conditional at end of file", open);
	}

	// Like stap, drop the rest of a condition that failed, up to a preprocessor marker
	// (which is then reported on its own) or a keyword that starts a declaration.
	static void skip_after_bad_condition(Frame& f)
	{
		for (;;) {
			const Token& t = f.peek();
			if (t.kind == TokKind::Eof || t.is_op("%?") || t.is_op("%:") || t.is_op("%)") || t.is_op("%(") ||
			    t.is_keyword("probe") || t.is_keyword("global") || t.is_keyword("function") ||
			    t.is_keyword("private"))
				return;
			f.next();
		}
	}

	// Condition operands see the argument count and arguments as literals.
	Token condition_token(Frame& f)
	{
		Token t = f.next();
		if (!is_arg_ref(t) && !is_count_ref(t))
			return t;
		Tokens replaced;
		substitute_arg(t, replaced);
		return replaced.empty() ? t : replaced.front();
	}

	void substitute_arg(const Token& t, Tokens& out)
	{
		Token lit = t;
		if (is_count_ref(t)) {
			lit.kind = t.text[0] == '$' ? TokKind::Number : TokKind::String;
			lit.text = std::to_string(m_args.size());
			out.push_back(lit);
			return;
		}
		const std::string digits = t.text.substr(1);
		size_t index = 0;
		bool valid = digits.find_first_not_of("0123456789") == std::string::npos && digits.size() < 6;
		if (valid)
			index = std::stoul(digits);
		if (!valid || index == 0 || index > m_args.size()) {
			error(fmt::format("command line argument out of range [1-{}]", m_args.size()), junk_at(t));
			out.push_back(junk_at(t));
			return;
		}
		if (t.text[0] == '@') {
			lit.kind = TokKind::String;
			lit.text = m_args[index - 1];
			out.push_back(lit);
			return;
		}
		m_store.push_back({fmt::format("<arg{}>", index), m_args[index - 1]});
		Tokens arg = lex(m_store.back());
		arg.pop_back();
		for (const Token& a : arg) {
			if (is_arg_ref(a) || is_count_ref(a)) {
				error("invalid nested substitution of command line arguments", junk_at(t));
				out.push_back(junk_at(t));
				return;
			}
		}
		out.insert(out.end(), arg.begin(), arg.end());
	}

	void define(Frame& f, const Token& at)
	{
		Token name = f.next();
		if (name.kind != TokKind::Identifier && name.kind != TokKind::Keyword) {
			error("expected identifier", name, Blame::Saw);
			return;
		}
		if (name.text == "define") {
			error("attempt to redefine '@define'", name);
			return;
		}
		Macro macro;
		if (f.peek().is_op("(")) {
			f.next();
			while (f.peek().kind == TokKind::Identifier) {
				macro.params.push_back(f.next().text);
				if (!f.peek().is_op(","))
					break;
				f.next();
			}
			if (!f.peek().is_op(")")) {
				error("expected ')'", f.peek(), Blame::Saw);
				return;
			}
			f.next();
		}
		if (!f.peek().is_op("%(")) {
			error("expected '%(' or '('", f.peek(), Blame::Saw);
			return;
		}
		f.next();
		if (!collect_body(f, macro.body)) {
			error("incomplete macro definition - missing '%)'", name);
			return;
		}
		m_macros[name.text] = std::move(macro);
	}

	// The body up to the `%)` that matches the opening `%(`, nested ones kept.
	bool collect_body(Frame& f, Tokens& body)
	{
		int nesting = 0;
		for (;;) {
			Token t = f.next();
			if (t.kind == TokKind::Eof)
				return false;
			if (t.is_op("%("))
				++nesting;
			if (t.is_op("%)") && nesting-- == 0) {
				Token end = t;
				end.kind = TokKind::Eof;
				body.push_back(end);
				return true;
			}
			body.push_back(std::move(t));
		}
	}

	void expand(Frame& f, Tokens& out, const Token& at, int depth)
	{
		const Macro& macro = m_macros.at(at.text.substr(1));
		if (depth >= kMaxMacroDepth) {
			error("macro expansion nested too deeply", at);
			return;
		}
		Params params;
		if (!macro.params.empty() && !collect_args(f, at, macro, params))
			return;
		Frame body{&macro.body, 0, &params};
		process(body, out, depth + 1, false);
	}

	bool collect_args(Frame& f, const Token& at, const Macro& macro, Params& params)
	{
		const std::string name = "'" + at.text + "'";
		if (!f.peek().is_op("(")) {
			error(fmt::format("expected '(' in invocation of macro {} taking {} parameter{}", name,
					  macro.params.size(), macro.params.size() == 1 ? "" : "s"),
			      f.peek());
			return false;
		}
		f.next();
		size_t index = 0;
		int nesting = 0;
		for (;;) {
			Token t = f.next();
			if (t.kind == TokKind::Eof) {
				error("could not find end of macro invocation", at);
				return false;
			}
			if (nesting == 0 && (t.is_op(",") || t.is_op(")"))) {
				if (index >= macro.params.size()) {
					error(fmt::format("too many parameters for macro {} (expected {})", name,
							  macro.params.size()),
					      t);
					return false;
				}
				params[macro.params[index++]].push_back(eof_at(t));
				if (t.is_op(")"))
					break;
				continue;
			}
			if (t.is_op("("))
				++nesting;
			if (t.is_op(")"))
				--nesting;
			append_arg_token(f, t, params[macro.params[index < macro.params.size() ? index : 0]]);
		}
		if (index < macro.params.size()) {
			error(fmt::format("too few parameters for macro {} (expected {})", name, macro.params.size()), at);
			return false;
		}
		return true;
	}

	// An argument that names a parameter of the macro being expanded is replaced now,
	// so that it means what it meant where it was written.
	static void append_arg_token(const Frame& f, const Token& t, Tokens& arg)
	{
		if (t.kind == TokKind::Operator && t.text[0] == '@' && f.params && f.params->contains(t.text.substr(1))) {
			const Tokens& outer = f.params->at(t.text.substr(1));
			arg.insert(arg.end(), outer.begin(), outer.end() - 1);
			return;
		}
		arg.push_back(t);
	}

	// stap blames a failed substitution on an empty junk token where it was written;
	// the token stays in the stream so that the parser stops there without a second
	// message.
	static Token junk_at(const Token& t)
	{
		Token junk = t;
		junk.kind = TokKind::Junk;
		junk.text.clear();
		return junk;
	}

	static Token eof_at(const Token& t)
	{
		Token end = t;
		end.kind = TokKind::Eof;
		return end;
	}

	const std::vector<std::string>& m_args;
	const TargetFacts& m_facts;
	SourceStore& m_store;
	ScriptErrors& m_errors;
	std::map<std::string, Macro> m_macros;
};

}  // namespace

Tokens preprocess(const Tokens& raw, const std::vector<std::string>& args, const TargetFacts& facts,
		  SourceStore& store, ScriptErrors& errors)
{
	return Preprocessor(args, facts, store, errors).run(raw);
}

}  // namespace kctx::probe
