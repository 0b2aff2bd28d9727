/* include/linux/jump_label.h: static keys. kctx has no code patching: a static branch
 * tests the key's count, which is what the patched jump means. */
struct static_key { atomic_t enabled; };
struct static_key_true { struct static_key key; };
struct static_key_false { struct static_key key; };
#define STATIC_KEY_INIT_TRUE { .enabled = ATOMIC_INIT(1) }
#define STATIC_KEY_INIT_FALSE { .enabled = ATOMIC_INIT(0) }
#define STATIC_KEY_INIT STATIC_KEY_INIT_FALSE
#define STATIC_KEY_TRUE_INIT (struct static_key_true) { .key = STATIC_KEY_INIT_TRUE, }
#define STATIC_KEY_FALSE_INIT (struct static_key_false) { .key = STATIC_KEY_INIT_FALSE, }
#define DEFINE_STATIC_KEY_TRUE(name) struct static_key_true name = { .key = STATIC_KEY_INIT_TRUE }
#define DEFINE_STATIC_KEY_FALSE(name) struct static_key_false name = { .key = STATIC_KEY_INIT_FALSE }
#define DEFINE_STATIC_KEY_TRUE_RO(name) DEFINE_STATIC_KEY_TRUE(name)
#define DEFINE_STATIC_KEY_FALSE_RO(name) DEFINE_STATIC_KEY_FALSE(name)
#define DECLARE_STATIC_KEY_TRUE(name) extern struct static_key_true name
#define DECLARE_STATIC_KEY_FALSE(name) extern struct static_key_false name
#define static_key_count(k) atomic_read(&(k)->enabled)
/* Works on a struct static_key and on the _true/_false wrappers, whose first member it is. */
#define static_key_enabled(x) (atomic_read(&((struct static_key *)(x))->enabled) > 0)
#define static_key_true(k) static_key_enabled(k)
#define static_key_false(k) static_key_enabled(k)
#define static_branch_likely(x) static_key_enabled(&(x)->key)
#define static_branch_unlikely(x) static_key_enabled(&(x)->key)
#define static_key_slow_inc(k) atomic_inc(&(k)->enabled)
#define static_key_slow_dec(k) atomic_dec(&(k)->enabled)
#define static_key_enable(k) atomic_set(&(k)->enabled, 1)
#define static_key_disable(k) atomic_set(&(k)->enabled, 0)
#define static_branch_inc(x) static_key_slow_inc(&(x)->key)
#define static_branch_dec(x) static_key_slow_dec(&(x)->key)
#define static_branch_enable(x) static_key_enable(&(x)->key)
#define static_branch_disable(x) static_key_disable(&(x)->key)
#define static_branch_enable_cpuslocked(x) static_branch_enable(x)
#define static_branch_disable_cpuslocked(x) static_branch_disable(x)
