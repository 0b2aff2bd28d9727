#!/usr/bin/env python3
"""formats.py GOLDEN_DIR | --scan FILE...: each format of the 4.4 release table against 4.4's source.

Every entry quotes the printk of Linux 4.4 (the file, the function and the C line as
4.4 has it) and names the golden of a 4.4 run that reaches it. The quoted format is
turned into a pattern the way printk expands it (%d, %08x, %-15.15s, %pS, ...) and a
line of the golden, its timestamp removed, must match it whole. A line that kctx
prints in another release's format (6.1's) fails the entry, so does a format that
no golden reaches any more. The second table lists 6.1-only formats that no 4.4
golden may contain.
"""
import re
import sys
from pathlib import Path

# (ReleaseSpec field or path it holds, 4.4 source, the quoted C, the format as printed
# (consecutive printk()/pr_cont() pieces of one line joined), golden of a 4.4 run)
FORMATS = [
    ("__schedule_bug",
     "kernel/sched/core.c (4.4) __schedule_bug()",
     'printk(KERN_ERR "BUG: scheduling while atomic: %s/%d/0x%08x\\n", prev->comm, prev->pid, preempt_count());',
     "BUG: scheduling while atomic: %s/%d/0x%08x", "cst_4.4"),
    ("uts_release_debian, uts_version, taint_letters",
     "kernel/printk/printk.c (4.4) dump_stack_print_info()",
     'printk("%sCPU: %d PID: %d Comm: %.20s %s %s %.*s\\n", log_lvl, raw_smp_processor_id(), current->pid, '
     'current->comm, print_tainted(), init_utsname()->release, (int)strcspn(init_utsname()->version, " "), '
     'init_utsname()->version);',
     "CPU: %d PID: %d Comm: %.20s Tainted: G           OE   4.4.6 #1", "cst_4.4"),
    ("trace = StackWords (raw words)",
     "arch/x86/kernel/dumpstack_64.c (4.4) show_stack_log_lvl()",
     'printk("%s %016lx", log_lvl, *stack++); ... pr_cont(" %016lx", *stack++);',
     " %016lx %016lx %016lx %016lx", "cst_4.4"),
    ("trace = StackWords (header)",
     "arch/x86/kernel/dumpstack.c (4.4) show_trace_log_lvl()",
     'printk("%sCall Trace:\\n", log_lvl);',
     "Call Trace:", "cst_4.4"),
    ("trace = StackWords, dump_stack_frame",
     "arch/x86/kernel/dumpstack.c (4.4) printk_address(), print_trace_stack()",
     'printk("%s <%s> ", (char *)data, name); printk(" [<%p>] %s%pB\\n", (void *) address, reliable ? "" : "? ", (void *) address);',
     " <IRQ>  [<%p>] dump_stack+0x63/0x85", "cst_4.4"),
    ("trace = StackWords (frames)",
     "arch/x86/kernel/dumpstack.c (4.4) printk_address()",
     'printk(" [<%p>] %s%pB\\n", (void *) address, reliable ? "" : "? ", (void *) address);',
     " [<%p>] %s%pB", "cst_4.4"),
    ("irq_entry_function",
     "arch/x86/kernel/dumpstack_64.c (4.4) dump_trace(): ops->stack(data, \"EOI\")",
     'printk("%s <%s> ", (char *)data, name);',
     " <EOI> ", "cst_4.4"),
    ("frames: apic_timer_interrupt",
     "arch/x86/entry/entry_64.S (4.4) apicinterrupt LOCAL_TIMER_VECTOR apic_timer_interrupt smp_apic_timer_interrupt",
     'printk(" [<%p>] %s%pB\\n", ...);',
     " [<%p>] apic_timer_interrupt+%s", "cst_4.4"),
    ("warn = Slowpath",
     "kernel/panic.c (4.4) warn_slowpath_common()",
     'pr_warn("------------[ cut here ]------------\\n");',
     "------------[ cut here ]------------", "cst_4.4"),
    ("warn = Slowpath, timer_leak_line",
     "kernel/panic.c (4.4) warn_slowpath_common()",
     'pr_warn("WARNING: CPU: %d PID: %d at %s:%d %pS()\\n", raw_smp_processor_id(), current->pid, file, line, caller);',
     "WARNING: CPU: %d PID: %d at kernel/time/timer.c:%d %pS()", "cst_4.4"),
    ("timer_arg = Data (the leak WARN)",
     "kernel/time/timer.c (4.4) call_timer_fn()",
     'WARN_ONCE(1, "timer: %pF preempt leak: %08x -> %08x\\n", fn, count, preempt_count());',
     "timer: %pF preempt leak: %08x -> %08x", "cst_4.4"),
    ("random_oops_id",
     "kernel/panic.c (4.4) print_oops_end_marker()",
     'pr_warn("---[ end trace %016llx ]---\\n", (unsigned long long)oops_id);',
     "---[ end trace %016llx ]---", "cst_4.4"),
    ("Preemption disabled at (DEBUG_PREEMPT)",
     "kernel/sched/core.c (4.4) __schedule_bug(); kernel/kallsyms.c print_ip_sym()",
     'pr_err("Preemption disabled at:"); print_ip_sym(preempt_disable_ip); '
     '/* printk("[<%p>] %pS\\n", (void *) ip, (void *) ip); */',
     "Preemption disabled at:[<%p>] %pS", "spin_sleep_up_4.4_debug"),
    ("softlockup_prefix",
     "kernel/watchdog.c (4.4) watchdog_timer_fn(), #define pr_fmt(fmt) \"NMI watchdog: \" fmt",
     'pr_emerg("BUG: soft lockup - CPU#%d stuck for %us! [%s:%d]\\n", smp_processor_id(), duration, '
     'current->comm, task_pid_nr(current));',
     "NMI watchdog: BUG: soft lockup - CPU#%d stuck for %us! [%s:%d]", "spin_sleep_up_4.4"),
    ("show_regs (soft lockup, oops)",
     "kernel/printk/printk.c (4.4) show_regs_print_info()",
     'printk("%stask: %p ti: %p task.ti: %p\\n", log_lvl, current, current_thread_info(), task_thread_info(current));',
     "task: %p ti: %p task.ti: %p", "spin_sleep_up_4.4"),
    ("show_regs (soft lockup, oops)",
     "arch/x86/kernel/process_64.c (4.4) __show_regs()",
     'printk(KERN_DEFAULT "RIP: %04lx:[<%016lx>] ", regs->cs & 0xffff, regs->ip); printk_address(regs->ip);',
     "RIP: %04lx:[<%016lx>]  [<%p>] %s%pB", "spin_sleep_up_4.4"),
    ("show_regs (soft lockup, oops)",
     "arch/x86/kernel/process_64.c (4.4) __show_regs()",
     'printk(KERN_DEFAULT "RSP: %04lx:%016lx  EFLAGS: %08lx\\n", regs->ss, regs->sp, regs->flags);',
     "RSP: %04lx:%016lx  EFLAGS: %08lx", "spin_sleep_up_4.4"),
    ("show_regs (soft lockup, oops)",
     "arch/x86/kernel/dumpstack_64.c (4.4) show_regs()",
     'printk(KERN_DEFAULT "Stack:\\n");',
     "Stack:", "spin_sleep_up_4.4"),
    ("hung_task_legacy_task_line",
     "kernel/hung_task.c (4.4) check_hung_task()",
     'pr_err("INFO: task %s:%d blocked for more than %ld seconds.\\n", t->comm, t->pid, timeout);',
     "INFO: task %s:%d blocked for more than %ld seconds.", "hung_task_4.4"),
    ("hung_task_legacy_task_line",
     "kernel/hung_task.c (4.4) check_hung_task()",
     'pr_err("      %s %s %.*s\\n", print_tainted(), init_utsname()->release, '
     '(int)strcspn(init_utsname()->version, " "), init_utsname()->version);',
     "      Tainted: G           OE   %s %.*s", "hung_task_4.4"),
    ("hung_task_legacy_task_line",
     "kernel/sched/core.c (4.4) sched_show_task()",
     'printk(KERN_INFO "%-15.15s %c", p->comm, ...); printk(KERN_CONT " %016lx ", thread_saved_pc(p)); '
     'printk(KERN_CONT "%5lu %5d %6d 0x%08lx\\n", free, task_pid_nr(p), ppid, (unsigned long)task_thread_info(p)->flags);',
     "%-15.15s D %016lx %5lu %5d %6d 0x%08lx", "hung_task_4.4"),
    ("oops = IpLine",
     "arch/x86/mm/fault.c (4.4) show_fault_oops()",
     'printk(KERN_ALERT "BUG: unable to handle kernel "); printk(KERN_CONT "NULL pointer dereference"); '
     'printk(KERN_CONT " at %p\\n", (void *) address);',
     "BUG: unable to handle kernel NULL pointer dereference at %p", "oops_4.4"),
    ("oops = IpLine",
     "arch/x86/mm/fault.c (4.4) show_fault_oops()",
     'printk(KERN_ALERT "IP:"); printk_address(regs->ip);',
     "IP: [<%p>] %s%pB", "oops_4.4"),
    ("oops = IpLine",
     "arch/x86/mm/fault.c (4.4) dump_pagetable()",
     'printk("PGD %lx ", pgd_val(*pgd));',
     "PGD %lx ", "oops_4.4"),
    ("oops = IpLine",
     "arch/x86/kernel/dumpstack.c (4.4) __die()",
     'printk(KERN_DEFAULT "%s: %04lx [#%d] ", str, err & 0xffff, ++die_counter); ... printk("SMP ");',
     "Oops: %04lx [#%d] SMP ", "oops_4.4"),
    ("oops = IpLine",
     "arch/x86/kernel/dumpstack.c (4.4) __die()",
     'printk(KERN_ALERT "RIP "); printk_address(regs->ip); printk(" RSP <%016lx>\\n", sp);',
     "RIP  [<%p>] %s%pB", "oops_4.4"),
    ("oops = IpLine",
     "arch/x86/kernel/dumpstack.c (4.4) __die()",
     'printk(" RSP <%016lx>\\n", sp);',
     " RSP <%016lx>", "oops_4.4"),
    ("oops = IpLine (do_exit keeps the count)",
     "kernel/exit.c (4.4) do_exit()",
     'printk(KERN_INFO "note: %s[%d] exited with preempt_count %d\\n", current->comm, task_pid_nr(current), preempt_count());',
     "note: %s[%d] exited with preempt_count %d", "oops_4.4"),
    ("lockdep_titles = Bracketed",
     "kernel/locking/lockdep.c (4.4) print_circular_bug_header()",
     'printk("[ INFO: possible circular locking dependency detected ]\\n");',
     "[ INFO: possible circular locking dependency detected ]", "abba_4.4"),
    ("lockdep_titles = Bracketed",
     "kernel/locking/lockdep.c (4.4) print_kernel_ident()",
     'printk("%s %.*s %s\\n", init_utsname()->release, (int)strcspn(init_utsname()->version, " "), '
     'init_utsname()->version, print_tainted());',
     "4.4.6-kctx-debug %.*s Tainted: G           OE  ", "abba_4.4"),
    ("lockdep_locks = IpSym",
     "kernel/locking/lockdep.c (4.4) print_lock(), print_lock_name(), print_ip_sym()",
     'print_lock_name(hlock_class(hlock)); /* printk(" ("); __print_lock_name(class); printk("){%s}", usage); */ '
     'printk(", at: "); print_ip_sym(hlock->acquire_ip); /* printk("[<%p>] %pS\\n", ...) */',
     " (lock_a){%s}, at: [<%p>] %pS", "abba_4.4"),
    ("lockdep_locks = IpSym",
     "kernel/locking/lockdep.c (4.4) get_usage_chars() over lockdep_states.h: HARDIRQ, SOFTIRQ, RECLAIM_FS",
     'usage[i++] = get_usage_char(class, LOCK_USED_IN_##__STATE); usage[i++] = get_usage_char(class, LOCK_USED_IN_##__STATE##_READ);',
     " (lock_b){+.+...}, at: [<%p>] %pS", "abba_4.4"),
    ("lockdep_locks = IpSym",
     "kernel/locking/lockdep.c (4.4) lockdep_print_held_locks()",
     'printk(" #%d: ", i); print_lock(curr->held_locks + i);',
     " #%d:  (%s){%s}, at: [<%p>] %pS", "abba_4.4"),
    ("lockdep_locks = IpSym",
     "kernel/locking/lockdep.c (4.4) print_circular_bug_entry()",
     'printk("\\n-> #%u", depth); print_lock_name(target->class); printk(":\\n");',
     "-> #%u (%s){%s}:", "abba_4.4"),
    ("lockdep_locks = IpSym",
     "kernel/stacktrace.c (4.4) print_stack_trace(trace, 6)",
     'printk("%*c", 1 + spaces, \' \'); print_ip_sym(trace->entries[i]);',
     "       [<%p>] %pS", "abba_4.4"),
    ("compile_by, compiler (/proc/version)",
     "init/version.c (4.4) linux_proc_banner",
     '"%s version %s (" LINUX_COMPILE_BY "@" LINUX_COMPILE_HOST ") (" LINUX_COMPILER ") %s\\n"',
     "Linux version 4.4.6 (root@kctx) (gcc version 5.4.0 %s) ) %s", "proc_version_4.4"),
    ("kasan.title, kasan.out_of_bounds",
     "mm/kasan/report.c (4.4) print_error_description()",
     'pr_err("BUG: KASan: %s in %pS at addr %p\\n", bug_type, (void *)info->ip, info->access_addr);',
     "BUG: KASan: out of bounds access in %pS at addr %p", "kasan_oob_4.4"),
    ("kasan.title, kasan.use_after_free",
     "mm/kasan/report.c (4.4) print_error_description()",
     'pr_err("BUG: KASan: %s in %pS at addr %p\\n", bug_type, (void *)info->ip, info->access_addr);',
     "BUG: KASan: use after free in %pS at addr %p", "kasan_uaf_4.4"),
    ("kasan.style = ObjectErr (the access)",
     "mm/kasan/report.c (4.4) print_error_description()",
     'pr_err("%s of size %zu by task %s/%d\\n", info->is_write ? "Write" : "Read", info->access_size, '
     'current->comm, task_pid_nr(current));',
     "Read of size %zu by task %s/%d", "kasan_uaf_4.4"),
    ("kasan.style = ObjectErr (slab_bug)",
     "mm/slub.c (4.4) slab_bug(), from object_err(s, page, object, \"kasan: bad access detected\")",
     'pr_err("BUG %s (%s): %pV\\n", s->name, print_tainted(), &vaf);',
     "BUG kmalloc-%u (Tainted: %s): kasan: bad access detected", "kasan_uaf_4.4"),
    ("kasan.style = ObjectErr (slab_bug rule)",
     "mm/slub.c (4.4) slab_bug()",
     'pr_err("-----------------------------------------------------------------------------\\n\\n");',
     "-----------------------------------------------------------------------------", "kasan_uaf_4.4"),
    ("kasan.alloc_track_top",
     "mm/slub.c (4.4) print_track()",
     'pr_err("INFO: %s in %pS age=%lu cpu=%u pid=%d\\n", s, (void *)t->addr, jiffies - t->when, t->cpu, t->pid);',
     "INFO: Allocated in %pS age=%lu cpu=%u pid=%d", "kasan_uaf_4.4"),
    ("kasan.free_track_top",
     "mm/slub.c (4.4) print_track()",
     'pr_err("INFO: %s in %pS age=%lu cpu=%u pid=%d\\n", s, (void *)t->addr, jiffies - t->when, t->cpu, t->pid);',
     "INFO: Freed in %pS age=%lu cpu=%u pid=%d", "kasan_uaf_4.4"),
    ("kasan.alloc_track_top (frames)",
     "mm/slub.c (4.4) print_track()",
     'pr_err("\\t%pS\\n", (void *)t->addrs[i]);',
     "\t___slab_alloc+%s", "kasan_uaf_4.4"),
    ("kasan.style = ObjectErr (page)",
     "mm/slub.c (4.4) print_page_info()",
     'pr_err("INFO: Slab 0x%p objects=%u used=%u fp=0x%p flags=0x%04lx\\n", page, page->objects, page->inuse, '
     'page->freelist, page->flags);',
     "INFO: Slab 0x%p objects=%u used=%u fp=0x%p flags=0x%04lx", "kasan_uaf_4.4"),
    ("kasan.style = ObjectErr (object)",
     "mm/slub.c (4.4) print_trailer()",
     'pr_err("INFO: Object 0x%p @offset=%tu fp=0x%p\\n\\n", p, p - addr, get_freepointer(s, p));',
     "INFO: Object 0x%p @offset=%tu fp=0x%p", "kasan_uaf_4.4"),
    ("kasan.style = ObjectErr (bytes)",
     "lib/hexdump.c (4.4) print_hex_dump(), from mm/slub.c print_section(\"Object \", p, ...)",
     'printk("%s%s%p: %s\\n", level, prefix_str, ptr + i, linebuf);',
     "Object %p: %s", "kasan_uaf_4.4"),
    ("kasan.report_frames",
     "mm/slub.c (4.4) print_trailer(): dump_stack()",
     'printk(" [<%p>] %s%pB\\n", ...);',
     " [<%p>] print_trailer+%s", "kasan_uaf_4.4"),
    ("kasan.style = ObjectErr (shadow)",
     "mm/kasan/report.c (4.4) print_shadow_for_address()",
     'snprintf(buffer, sizeof(buffer), (i == 0) ? ">%p: " : " %p: ", kaddr);',
     ">%p: %s", "kasan_uaf_4.4"),
]

# Formats only 6.1 (or any release after 4.4) prints: none may appear in a 4.4 golden.
NOT_44 = [
    ("arch/x86/kernel/dumpstack.c (4.20+) show_trace_log_lvl()", r"^ <TASK>$"),
    ("lib/dump_stack.c (5.13+) dump_stack_lvl()", r"dump_stack_lvl\+"),
    ("arch/x86/mm/fault.c (4.20+) page_fault_oops()", r"^#PF: "),
    ("kernel/watchdog.c (4.19+) pr_fmt \"watchdog: \"", r"^watchdog: BUG: soft lockup"),
    ("kernel/sched/core.c (5.x) sched_show_task()", r"^task:\S+\s+state:"),
    ("kernel/locking/lockdep.c (4.15+) print_circular_bug_header()", r"^WARNING: possible circular locking"),
    ("kernel/locking/lockdep.c (5.7+) print_lock_name() wait types", r"\)\{[-+.?]{4}\}-\{\d:\d\}"),
    ("kernel/panic.c (4.19+) __warn() from the ud2 trap", r"^RIP: 0010:[a-z_]"),
    ("arch/x86/entry/common.c (4.6+) do_syscall_64()", r"do_syscall_64\+"),
    ("kernel/softirq.c (6.1) handle_softirqs()", r"handle_softirqs\+"),
    ("mm/kasan/report.c (4.6+) print_error_description() \"BUG: KASAN: \"", r"^BUG: KASAN: "),
    ("mm/kasan/report.c (5.x) stack depot tracks", r"^(Allocated|Freed) by task \d+:$"),
]


def printf_pattern(fmt):
    """A regex for every string printk could print with fmt."""
    out = []
    i = 0
    spec = re.compile(r"%([-#0 +]*)(\d+|\*)?(?:\.(\d+|\*))?(hh|h|ll|l|z|t)?([diuxXsc%]|p[SsFfBK]?)")
    while i < len(fmt):
        m = spec.match(fmt, i)
        if fmt[i] != "%" or not m:
            out.append(re.escape(fmt[i]))
            i += 1
            continue
        flags, width, prec, _, conv = m.groups()
        i = m.end()
        w = int(width) if width and width != "*" else 0
        if conv == "%":
            out.append("%")
        elif conv in "di":
            out.append(r" *-?\d+")
        elif conv == "u":
            out.append(r" *\d+")
        elif conv in "xX":
            out.append(f"[0-9a-f]{{{w},}}" if "0" in flags and w else r"[0-9a-f]+")
        elif conv == "c":
            out.append(".")
        elif conv == "s":
            if prec and prec != "*" and flags == "-" and w == int(prec):
                out.append(f".{{{w}}}")
            elif prec and prec != "*":
                out.append(f".{{0,{prec}}}")
            else:
                out.append(".*")
        elif len(conv) == 2:
            # %pS/%pF/%pB: symbol+0xoff/0xsize, and [module] for module code.
            out.append(r"[A-Za-z_][\w.]*\+0x[0-9a-f]+/0x[0-9a-f]+( \[\w+\])?")
        else:   # %p: 4.4 prints pointers unhashed, 16 hex digits; 0 as (null)
            out.append(r"([0-9a-f]{16}| *\(null\)\s*)")
    return "".join(out)


STAMP = re.compile(r"^\[ *\d+\.\d{6}\] ")


def scan(paths):
    """formats.py --scan FILE...: no line of a 4.4 run's console in a 6.1-only format."""
    failed = 0
    for path in paths:
        for l in Path(path).read_text(errors="replace").splitlines():
            l = STAMP.sub("", l)
            for source, pat in NOT_44:
                if re.search(pat, l):
                    print(f"FAIL {path}: a format 4.4 does not have ({source}): {l}")
                    failed += 1
    return 1 if failed else 0


def main():
    if sys.argv[1] == "--scan":
        return scan(sys.argv[2:])
    golden_dir = Path(sys.argv[1])
    stamp = STAMP
    lines = {}

    def golden(name):
        if name not in lines:
            text = (golden_dir / f"{name}.out").read_text()
            lines[name] = [stamp.sub("", l) for l in text.splitlines()]
        return lines[name]

    failed = 0
    for field, source, quote, fmt, name in FORMATS:
        pattern = re.compile(printf_pattern(fmt))
        if not any(pattern.fullmatch(l) for l in golden(name)):
            print(f"FAIL {field}: no line of {name}.out is {source}'s\n    {quote}\n    pattern {pattern.pattern}")
            failed += 1
    for path in sorted(golden_dir.glob("*4.4*.out")):
        if path.name.startswith("crash_"):
            continue
        for l in golden(path.name[:-4]):
            for source, pat in NOT_44:
                if re.search(pat, l):
                    print(f"FAIL {path.name}: a format 4.4 does not have ({source}): {l}")
                    failed += 1
    print(f"{len(FORMATS)} 4.4 formats held against their source, {failed} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
