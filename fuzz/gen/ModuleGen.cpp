#include "ModuleGen.h"

#include <vector>

#include "CodeWriter.h"
#include "ExprGen.h"

namespace kctx::fuzz {

namespace {

// What a function body may do besides the common statements.
enum class FnKind { Helper, Init, Exit, Timer, Work, Open, Read, Write, Ioctl };

// Budgets keep the text and the run small whatever the input: statements per module,
// nesting depth.
constexpr int kModuleStatements = 90;
constexpr int kMaxDepth = 3;

constexpr const char* kSizes[] = {"8", "1", "16", "24", "32", "64", "100", "128", "256", "4096", "8192", "65536"};
constexpr const char* kGfp[] = {"GFP_KERNEL", "GFP_ATOMIC", "GFP_NOWAIT", "GFP_KERNEL | __GFP_NOWARN",
				"GFP_KERNEL | __GFP_ZERO"};

class ModuleGen {
public:
	ModuleGen(Choices& c, std::string device) : m_c(c), m_dev(std::move(device)) {}
	std::string generate();

private:
	void globals();
	void helper(int index);
	void function(const std::string& head, FnKind kind, const std::string& tail);
	void body(FnKind kind, int depth, int count);
	void statement(FnKind kind, int depth);
	void block(const std::string& head, FnKind kind, int depth, const std::string& tail = "}");
	void memory(FnKind kind);
	void user_copy(FnKind kind);
	void printk();
	void sleep();
	void locked(FnKind kind, int depth);
	void early_return(FnKind kind);
	std::string e(int depth = 2) { return ExprGen(m_c, m_scope).expr(depth); }
	std::string cond() { return ExprGen(m_c, m_scope).cond(); }
	std::string size() { return m_c.one_in(4) ? "((" + e(1) + ") & 1023) + 1" : kSizes[m_c.below(std::size(kSizes))]; }

	Choices& m_c;
	std::string m_dev;
	CodeWriter m_w;
	ExprScope m_scope;
	int m_budget = kModuleStatements;
};

std::string ModuleGen::generate()
{
	globals();
	m_scope.values = {"a", "b", "c", "fz_count", "fz_vals[1]", "(long)jiffies", "fz_param", "(long)atomic_read(&fz_atomic)",
			  "(long)current->pid", "(long)in_interrupt()", "(long)irqs_disabled()", "(long)preempt_count()",
			  "(long)timer_pending(&fz_timer)"};
	int helpers = static_cast<int>(m_c.below(4));
	for (int i = 0; i < helpers; ++i)
		helper(i);
	function("static void fz_timer_fn(struct timer_list *t)", FnKind::Timer, "");
	function("static void fz_work_fn(struct work_struct *w)", FnKind::Work, "");
	function("static int fz_open(struct inode *inode, struct file *f)", FnKind::Open, "return 0;");
	function("static int fz_release(struct inode *inode, struct file *f)", FnKind::Open, "return 0;");
	static constexpr const char* kReadEnds[] = {"return 0;", "return len;", "return min_t(ssize_t, len, a);"};
	function("static ssize_t fz_read(struct file *f, char __user *buf, size_t len, loff_t *pos)", FnKind::Read,
		 kReadEnds[m_c.below(3)]);
	function("static ssize_t fz_write(struct file *f, const char __user *buf, size_t len, loff_t *pos)",
		 FnKind::Write, m_c.one_in(4) ? "return a;" : "return len;");
	function("static long fz_ioctl(struct file *f, unsigned int cmd, unsigned long arg)", FnKind::Ioctl,
		 m_c.one_in(2) ? "return a;" : "return -ENOTTY;");
	m_w.line("static const struct file_operations fz_fops = {");
	m_w.line("\t.owner = THIS_MODULE,");
	m_w.line("\t.open = fz_open,");
	m_w.line("\t.release = fz_release,");
	m_w.line("\t.read = fz_read,");
	m_w.line("\t.write = fz_write,");
	m_w.line("\t.unlocked_ioctl = fz_ioctl,");
	m_w.line("};");
	m_w.blank();
	m_w.line("static struct miscdevice fz_dev = {");
	m_w.line("\t.minor = MISC_DYNAMIC_MINOR,");
	m_w.line("\t.name = \"" + m_dev + "\",");
	m_w.line("\t.fops = &fz_fops,");
	m_w.line("};");
	m_w.blank();
	function("static int __init fz_init(void)", FnKind::Init, m_c.one_in(16) ? "return -ENODEV;" : "return misc_register(&fz_dev);");
	function("static void __exit fz_exit(void)", FnKind::Exit, "");
	m_w.line("module_init(fz_init);");
	m_w.line("module_exit(fz_exit);");
	m_w.line("MODULE_LICENSE(\"GPL\");");
	return m_w.text();
}

void ModuleGen::globals()
{
	for (const char* h : {"module", "miscdevice", "fs", "uaccess", "slab", "vmalloc", "mutex", "spinlock", "timer",
			      "delay", "sched", "workqueue", "wait", "atomic"})
		m_w.line(std::string("#include <linux/") + h + ".h>");
	m_w.blank();
	m_w.line("static DEFINE_SPINLOCK(fz_lock);");
	m_w.line("static DEFINE_MUTEX(fz_mutex);");
	m_w.line("static DECLARE_WAIT_QUEUE_HEAD(fz_wq);");
	m_w.line("static struct timer_list fz_timer;");
	m_w.line("static struct work_struct fz_work;");
	m_w.line("static atomic_t fz_atomic = ATOMIC_INIT(0);");
	m_w.line("static long fz_vals[8];");
	m_w.line("static char *fz_bufs[4];");
	m_w.line("static long fz_count;");
	m_w.line("static int fz_param = 1;");
	m_w.line("module_param(fz_param, int, 0644);");
	m_w.line("static void fz_timer_fn(struct timer_list *t);");
	m_w.blank();
}

void ModuleGen::helper(int index)
{
	std::string name = "fz_f" + std::to_string(index);
	m_scope.values.push_back("x");
	m_scope.values.push_back("y");
	// A helper may call itself once in a while: recursion deep enough overflows the
	// kernel stack, which the machine reports (a double fault, a panic).
	if (m_c.one_in(8))
		m_scope.helpers.push_back(name);
	function("static long " + name + "(long x, long y)", FnKind::Helper, "return a + b + c + x;");
	m_scope.values.resize(m_scope.values.size() - 2);
	if (m_scope.helpers.empty() || m_scope.helpers.back() != name)
		m_scope.helpers.push_back(name);
}

void ModuleGen::function(const std::string& head, FnKind kind, const std::string& tail)
{
	m_w.open(head);
	m_w.line("long a = 0, b = 0, c = 0;");
	m_w.line("int i0 = 0, i1 = 0, i2 = 0;");
	m_w.line("char *p = NULL;");
	m_w.line("char kbuf[32] = \"fz\";");
	m_w.line("unsigned long flags = 0;");
	m_w.blank();
	if (kind == FnKind::Init) {
		m_w.line("timer_setup(&fz_timer, fz_timer_fn, 0);");
		m_w.line("INIT_WORK(&fz_work, fz_work_fn);");
	}
	if (kind == FnKind::Exit) {
		m_w.line("misc_deregister(&fz_dev);");
		m_w.line("del_timer_sync(&fz_timer);");
		m_w.line("cancel_work_sync(&fz_work);");
		m_w.line("for (i0 = 0; i0 < 4; i0++)");
		m_w.line("\tkfree(fz_bufs[i0]);");
	}
	body(kind, 0, static_cast<int>(m_c.below(8)));
	m_w.line("(void)a; (void)b; (void)c; (void)i0; (void)i1; (void)i2; (void)p; (void)kbuf; (void)flags;");
	if (!tail.empty())
		m_w.line(tail);
	m_w.close();
	m_w.blank();
}

void ModuleGen::body(FnKind kind, int depth, int count)
{
	for (int i = 0; i < count && m_budget > 0; ++i) {
		--m_budget;
		statement(kind, depth);
	}
}

void ModuleGen::block(const std::string& head, FnKind kind, int depth, const std::string& tail)
{
	m_w.open(head);
	body(kind, depth + 1, static_cast<int>(m_c.between(1, 3)));
	m_w.close(tail);
}

void ModuleGen::statement(FnKind kind, int depth)
{
	bool nest = depth < kMaxDepth;
	std::string loop = "i" + std::to_string(depth);
	switch (m_c.below(20)) {
	case 0:
		m_w.line(std::string(m_c.one_in(2) ? "a" : m_c.one_in(2) ? "b" : "c") + " = " + e() + ";");
		return;
	case 1:
		if (m_c.one_in(6))
			m_w.line("fz_vals[" + e(1) + "] = " + e() + ";");   // may be out of bounds
		else
			m_w.line("fz_vals[(" + e(1) + ") & 7] = " + e() + ";");
		return;
	case 2:
		m_w.line(std::string(m_c.one_in(2) ? "fz_count += " : "c += ") + e() + ";");
		return;
	case 3:
		if (!nest)
			return;
		if (m_c.one_in(2)) {
			block("if (" + cond() + ")", kind, depth);
			return;
		}
		block("if (" + cond() + ")", kind, depth, "} else {");
		m_w.enter();   // the else branch: its "{" ends the line above
		body(kind, depth + 1, static_cast<int>(m_c.between(1, 3)));
		m_w.close();
		return;
	case 4:
		if (nest)
			block("for (" + loop + " = 0; " + loop + " < " + std::to_string(m_c.between(1, 8)) + "; " + loop + "++)",
			      kind, depth);
		return;
	case 5:
		if (nest)
			block(loop + " = " + std::to_string(m_c.between(0, 6)) + "; while (" + loop + "-- > 0)", kind, depth);
		return;
	case 6:
	case 7:
		if (nest)
			locked(kind, depth);
		return;
	case 8:
	case 9:
		memory(kind);
		return;
	case 10:
	case 11:
		printk();
		return;
	case 12:
		sleep();
		return;
	case 13: {
		static constexpr const char* kTimer[] = {"mod_timer(&fz_timer, jiffies + %);", "del_timer(&fz_timer);",
							 "schedule_work(&fz_work);", "wake_up_interruptible(&fz_wq);",
							 "atomic_inc(&fz_atomic);", "a = atomic_dec_and_test(&fz_atomic);"};
		std::string s = kTimer[m_c.below(std::size(kTimer))];
		if (size_t at = s.find('%'); at != std::string::npos)
			s.replace(at, 1, std::to_string(m_c.between(0, 5)));
		m_w.line(s);
		return;
	}
	case 14: {
		static constexpr const char* kWarn[] = {"WARN_ON(%);", "WARN_ON_ONCE(%);", "if (%) might_sleep();", "BUG_ON(%);"};
		std::string s = kWarn[m_c.below(m_c.one_in(4) ? 4 : 3)];
		s.replace(s.find('%'), 1, cond());
		m_w.line(s);
		return;
	}
	case 15:
		early_return(kind);
		return;
	case 16:
	case 17:
		user_copy(kind);
		return;
	case 18:
		if (m_c.one_in(3))
			m_w.line("memset(kbuf, " + e(1) + ", " + (m_c.one_in(8) ? e(1) : "sizeof(kbuf)") + ");");
		else
			m_w.line("memcpy(kbuf, \"fuzz\", " + std::to_string(m_c.between(0, 5)) + ");");
		return;
	default:
		if (!m_scope.helpers.empty())
			m_w.line("a = " + e(3) + ";");
		else
			m_w.line("b = " + e(3) + ";");
		return;
	}
}

void ModuleGen::locked(FnKind kind, int depth)
{
	switch (m_c.below(9)) {
	case 0:
		block("spin_lock(&fz_lock);", kind, depth, "} spin_unlock(&fz_lock);");
		return;
	case 1:
		block("spin_lock_irqsave(&fz_lock, flags);", kind, depth, "} spin_unlock_irqrestore(&fz_lock, flags);");
		return;
	case 2:
		block("spin_lock_bh(&fz_lock);", kind, depth, "} spin_unlock_bh(&fz_lock);");
		return;
	case 3:
		block("mutex_lock(&fz_mutex);", kind, depth, "} mutex_unlock(&fz_mutex);");
		return;
	case 4:
		block("if (mutex_trylock(&fz_mutex))", kind, depth, "mutex_unlock(&fz_mutex); }");
		return;
	case 5:
		block("local_irq_save(flags);", kind, depth, "} local_irq_restore(flags);");
		return;
	case 6:
		block("preempt_disable();", kind, depth, "} preempt_enable();");
		return;
	case 7:
		block("rcu_read_lock();", kind, depth, "} rcu_read_unlock();");
		return;
	default: {
		// An unbalanced lock operation: lockdep's and the scheduler's reports.
		static constexpr const char* kOdd[] = {"spin_lock(&fz_lock);", "spin_unlock(&fz_lock);", "mutex_lock(&fz_mutex);",
						       "mutex_unlock(&fz_mutex);", "local_irq_disable();", "preempt_enable();"};
		m_w.line(kOdd[m_c.below(std::size(kOdd))]);
		return;
	}
	}
}

void ModuleGen::memory(FnKind kind)
{
	std::string slot = "fz_bufs[" + std::to_string(m_c.below(4)) + "]";
	switch (m_c.below(8)) {
	case 0:
	case 1:
		m_w.line("p = kmalloc(" + size() + ", " + kGfp[m_c.below(std::size(kGfp))] + ");");
		m_w.line("if (p) { p[" + std::to_string(m_c.below(m_c.one_in(6) ? 300 : 8)) + "] = (char)" + e(1) + "; kfree(p); }");
		if (m_c.one_in(6))
			m_w.line("if (p) p[0] = 1;");   // a use after free
		m_w.line("p = NULL;");
		return;
	case 2:
		m_w.line("kfree(" + slot + ");");
		m_w.line(slot + " = kzalloc(" + size() + ", " + kGfp[m_c.below(std::size(kGfp))] + ");");
		return;
	case 3:
		m_w.line("if (" + slot + ") " + slot + "[" + std::to_string(m_c.below(m_c.one_in(4) ? 5000 : 8)) + "] = (char)" +
			 e(1) + ";");
		return;
	case 4:
		m_w.line("kfree(" + slot + ");");
		if (!m_c.one_in(6))
			m_w.line(slot + " = NULL;");   // else a dangling pointer: a double free later
		return;
	case 5:
		m_w.line("p = vmalloc(" + size() + ");");
		m_w.line("if (p) { memset(p, 0, 8); vfree(p); }");
		m_w.line("p = NULL;");
		return;
	case 6:
		m_w.line("p = kcalloc(" + std::to_string(m_c.between(0, 16)) + ", " + size() + ", GFP_KERNEL);");
		m_w.line("kfree(p); p = NULL;");
		return;
	default:
		if (kind == FnKind::Timer || m_c.one_in(2))
			m_w.line("if (" + slot + ") a += " + slot + "[" + std::to_string(m_c.below(8)) + "];");
		else
			m_w.line("a = " + slot + " != NULL;");
		return;
	}
}

void ModuleGen::printk()
{
	static constexpr const char* kLevels[] = {"KERN_INFO", "KERN_ERR", "KERN_WARNING", "KERN_DEBUG", "KERN_EMERG", ""};
	std::string level = kLevels[m_c.below(std::size(kLevels))];
	switch (m_c.below(6)) {
	case 0:
		m_w.line("printk(" + level + " \"" + m_dev + ": %ld %d\\n\", (long)(" + e() + "), (int)" + e(1) + ");");
		return;
	case 1:
		m_w.line("pr_info(\"" + m_dev + ": %*d|%-*lx|\\n\", (int)((" + e(1) + ") & 63), (int)" + e(1) + ", (int)((" + e(1) +
			 ") & 31), (unsigned long)" + e(1) + ");");
		return;
	case 2:
		m_w.line("pr_info(\"" + m_dev + ": %s %pS %p\\n\", kbuf, fz_timer_fn, p);");
		return;
	case 3:
		m_w.line("pr_cont(\" %ld\", (long)(" + e(1) + "));");
		return;
	case 4:
		m_w.line("pr_err(\"" + m_dev + ": %u %lu %llx %c\\n\", (unsigned)" + e(1) + ", (unsigned long)" + e(1) +
			 ", (unsigned long long)" + e(1) + ", (char)('a' + ((" + e(1) + ") & 15)));");
		return;
	default:
		m_w.line("pr_warn(\"" + m_dev + ": %5ld%%\\n\", (long)(" + e(1) + "));");
		return;
	}
}

void ModuleGen::sleep()
{
	static constexpr const char* kSleeps[] = {"msleep(%);",
						  "usleep_range(10, 20);",
						  "schedule();",
						  "cond_resched();",
						  "udelay(%);",
						  "mdelay(1);",
						  "schedule_timeout_interruptible(%);",
						  "a = wait_event_interruptible_timeout(fz_wq, fz_count > %, 2);",
						  "flush_work(&fz_work);"};
	std::string s = kSleeps[m_c.below(std::size(kSleeps))];
	if (size_t at = s.find('%'); at != std::string::npos)
		s.replace(at, 1, std::to_string(m_c.between(0, 10)));
	m_w.line(s);
}

void ModuleGen::user_copy(FnKind kind)
{
	bool wild = m_c.one_in(8);   // a length the driver forgot to check
	switch (kind) {
	case FnKind::Read:
		if (m_c.one_in(3))
			m_w.line("if (put_user((char)" + e(1) + ", buf)) return -EFAULT;");
		else
			m_w.line(std::string("if (copy_to_user(buf, kbuf, ") + (wild ? "len" : "min_t(size_t, len, sizeof(kbuf))") +
				 ")) return -EFAULT;");
		return;
	case FnKind::Write:
		if (m_c.one_in(3))
			m_w.line("if (get_user(kbuf[0], buf)) return -EFAULT;");
		else
			m_w.line(std::string("if (copy_from_user(kbuf, buf, ") +
				 (wild ? "len" : "min_t(size_t, len, sizeof(kbuf) - 1)") + ")) return -EFAULT;");
		return;
	case FnKind::Ioctl:
		switch (m_c.below(4)) {
		case 0:
			m_w.line("if (get_user(a, (long __user *)arg)) return -EFAULT;");
			return;
		case 1:
			m_w.line("if (put_user(" + e(1) + ", (long __user *)arg)) return -EFAULT;");
			return;
		case 2:
			m_w.line("if (copy_to_user((void __user *)arg, fz_vals, sizeof(fz_vals))) return -EFAULT;");
			return;
		default:
			m_w.line("if (_IOC_NR(cmd) == " + std::to_string(m_c.below(4)) + ") a = " + e(1) + ";");
			return;
		}
	default:
		m_w.line("c ^= " + e(1) + ";");
		return;
	}
}

void ModuleGen::early_return(FnKind kind)
{
	switch (kind) {
	case FnKind::Helper:
		m_w.line("if (" + cond() + ") return " + e(1) + ";");
		return;
	case FnKind::Init:
		m_w.line("if (" + cond() + ") return -ENOMEM;");   // leaves the timer and buffers behind
		return;
	case FnKind::Open:
		m_w.line("if (" + cond() + ") return -EBUSY;");
		return;
	case FnKind::Read:
	case FnKind::Write:
	case FnKind::Ioctl:
		m_w.line("if (" + cond() + ") return " + (m_c.one_in(2) ? "-EINVAL" : e(1)) + ";");
		return;
	default:
		m_w.line("if (" + cond() + ") return;");
		return;
	}
}

}  // namespace

std::string generate_module(Choices& c, const std::string& device)
{
	return ModuleGen(c, device).generate();
}

}  // namespace kctx::fuzz
