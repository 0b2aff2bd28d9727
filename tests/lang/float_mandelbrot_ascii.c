/* A small ASCII Mandelbrot set: double arithmetic in nested loops. */
#include <stdio.h>

int main(void)
{
	const char *shades = " .:-=+*#%@";
	for (int row = 0; row < 12; row++) {
		for (int col = 0; col < 40; col++) {
			double cr = -2.2 + col * 0.075, ci = -1.2 + row * 0.2;
			double zr = 0, zi = 0;
			int it = 0;
			while (it < 50 && zr * zr + zi * zi < 4) {
				double t = zr * zr - zi * zi + cr;
				zi = 2 * zr * zi + ci;
				zr = t;
				it++;
			}
			putchar(shades[it % 10]);
		}
		putchar('\n');
	}
	return 0;
}
