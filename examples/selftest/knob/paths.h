/* Shared by the module's test program and its Makefile's CFLAGS (-I.): where knob's
 * files are. */
#ifndef KNOB_PATHS_H
#define KNOB_PATHS_H
#define KNOB_DIR "/sys/kernel/debug/knob"
#define KNOB_LIMIT KNOB_DIR "/limit"
#endif
