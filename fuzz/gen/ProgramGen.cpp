#include "ProgramGen.h"

#include "CodeWriter.h"
#include "ExprGen.h"

namespace kctx::fuzz {

namespace {

constexpr int kProgramStatements = 40;
constexpr int kMaxDepth = 3;

class ProgramGen {
public:
	ProgramGen(Choices& c, std::string device) : m_c(c), m_dev(std::move(device)) {}
	std::string generate();

private:
	void body(int depth, int count);
	void statement(int depth);
	void block(const std::string& head, int depth);
	void device_call();
	std::string e(int depth = 2) { return ExprGen(m_c, m_scope).expr(depth); }
	std::string pointer();
	std::string count() { return m_c.one_in(6) ? "(size_t)(" + e(1) + ")" : std::to_string(m_c.between(0, 64)); }

	Choices& m_c;
	std::string m_dev;
	CodeWriter m_w;
	ExprScope m_scope;
	int m_budget = kProgramStatements;
	int m_forks = 0;
};

std::string ProgramGen::generate()
{
	for (const char* h : {"stdio", "stdlib", "string", "fcntl", "unistd", "errno", "sys/ioctl", "sys/wait"})
		m_w.line(std::string("#include <") + h + ".h>");
	m_w.blank();
	m_w.open("int main(int argc, char **argv)");
	m_w.line("char buf[64] = \"hello\";");
	m_w.line("long r = 0, a = argc, b = 0;");
	m_w.line("int i0 = 0, i1 = 0, i2 = 0, st = 0;");
	m_w.line("char *m = NULL;");
	m_w.line("int fd = open(\"/dev/" + m_dev + "\", O_RDWR);");
	m_w.blank();
	m_scope.values = {"r", "a", "b", "(long)fd", "(long)errno", "(long)buf[0]", "(long)getpid()"};
	body(0, static_cast<int>(m_c.between(1, 12)));
	m_w.line("(void)i0; (void)i1; (void)i2; (void)st; (void)m; (void)b;");
	m_w.line("close(fd);");
	m_w.line(m_c.one_in(4) ? "return (int)r & 3;" : "return 0;");
	m_w.close();
	return m_w.text();
}

void ProgramGen::body(int depth, int count)
{
	for (int i = 0; i < count && m_budget > 0; ++i) {
		--m_budget;
		statement(depth);
	}
}

void ProgramGen::block(const std::string& head, int depth)
{
	m_w.open(head);
	body(depth + 1, static_cast<int>(m_c.between(1, 3)));
	m_w.close();
}

std::string ProgramGen::pointer()
{
	static constexpr const char* kPointers[] = {"buf", "&r", "NULL", "(void *)0x10", "(void *)0xffff888000001000UL",
						    "buf + 60", "m"};
	return kPointers[m_c.below(m_c.one_in(3) ? std::size(kPointers) : 2)];
}

void ProgramGen::device_call()
{
	switch (m_c.below(7)) {
	case 0:
	case 1:
		m_w.line("r = read(fd, " + pointer() + ", " + count() + ");");
		return;
	case 2:
	case 3:
		m_w.line("r = write(fd, " + pointer() + ", " + count() + ");");
		return;
	case 4:
	case 5:
		m_w.line("r = ioctl(fd, _IO('f', " + std::to_string(m_c.below(5)) + "), " + pointer() + ");");
		return;
	default:
		m_w.line("r = lseek(fd, " + e(1) + ", SEEK_SET);");
		return;
	}
}

void ProgramGen::statement(int depth)
{
	bool nest = depth < kMaxDepth;
	std::string loop = "i" + std::to_string(depth);
	switch (m_c.below(14)) {
	case 0:
	case 1:
	case 2:
	case 3:
		device_call();
		return;
	case 4:
		m_w.line("printf(\"r=%ld errno=%d %s\\n\", r, errno, r < 0 ? strerror(errno) : \"ok\");");
		return;
	case 5:
		m_w.line(std::string(m_c.one_in(2) ? "a" : "b") + " = " + e() + ";");
		return;
	case 6:
		if (nest)
			block("for (" + loop + " = 0; " + loop + " < " + std::to_string(m_c.between(1, 8)) + "; " + loop + "++)", depth);
		return;
	case 7:
		if (nest)
			block("if (" + ExprGen(m_c, m_scope).cond() + ")", depth);
		return;
	case 8:
		m_w.line("m = malloc(" + std::to_string(m_c.between(0, 8192)) + ");");
		m_w.line("if (m) { memset(m, 1, 1); free(m); }");
		m_w.line("m = NULL;");
		return;
	case 9:
		m_w.line("usleep(" + std::to_string(m_c.between(0, 2000)) + ");");
		return;
	case 10:
		m_w.line("close(fd);");
		m_w.line(std::string("fd = open(\"/dev/") + m_dev + "\", " + (m_c.one_in(2) ? "O_RDONLY" : "O_RDWR | O_NONBLOCK") +
			 ");");
		return;
	case 11:
		// A child that does some of the work too; at most two forks a program, and never
		// in a loop, so a scenario is no fork bomb unless the loop count says so.
		if (!nest || m_forks >= 2 || depth > 0)
			return;
		++m_forks;
		m_w.open("if (fork() == 0)");
		body(depth + 1, static_cast<int>(m_c.between(1, 3)));
		m_w.line("_exit(0);");
		m_w.close();
		m_w.line("wait(&st);");
		return;
	case 12:
		m_w.line("printf(\"" + m_dev + " %d: %ld %ld\\n\", getpid(), a, b);");
		return;
	default:
		m_w.line("r = write(1, buf, " + std::to_string(m_c.between(0, 8)) + ");");
		return;
	}
}

}  // namespace

std::string generate_program(Choices& c, const std::string& device)
{
	return ProgramGen(c, device).generate();
}

}  // namespace kctx::fuzz
