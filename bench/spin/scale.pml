/* scale.pml: kctx's examples/check_scale_* as Promela, for `make bench-check`.
 * N tasks (one process each: one CPU each), two spinlocks, ROUNDS rounds. In a round a
 * task takes lock 0 alone, lock 1 alone, or both; both in either order, or with
 * -DORDERED always 0 then 1. A held lock blocks the taker (a spin); a deadlock is
 * Spin's invalid end state. Each critical section asserts mutual exclusion.
 * Build: spin -DN=3 [-DORDERED] -a scale.pml */
#ifndef N
#define N 2
#endif
#ifndef ROUNDS
#define ROUNDS 2
#endif

byte owner[2];   /* 0: free, else the holder's number + 1 */
byte inside[2];  /* tasks inside each lock's critical section */

inline take(l) { atomic { owner[l] == 0 -> owner[l] = id + 1 }; inside[l]++; assert(inside[l] == 1) }
inline drop(l) { inside[l]--; owner[l] = 0 }

proctype task(byte id) {
	byte round = 0, first, second;
	do
	:: round < ROUNDS ->
		if
		:: take(0); drop(0)
		:: take(1); drop(1)
		::
#ifdef ORDERED
			first = 0; second = 1;
#else
			if :: first = 0; second = 1 :: first = 1; second = 0 fi;
#endif
			take(first); take(second); drop(second); drop(first)
		fi;
		round++
	:: round == ROUNDS -> break
	od
}

init {
	byte i = 0;
	atomic { do :: i < N -> run task(i); i++ :: else -> break od }
}
