/* help_dump.c - print the reader's key table as README table rows.
 *
 * tests/readme.sh compares these rows with README.md, so the README's key
 * list is checked against the same table the program and its help screen
 * use, and cannot drift from them. */
#include <stdio.h>

#include "help.h"

static void emit(void *ctx, enum action a, const char *keys, const char *text)
{
	(void)ctx;
	(void)a;
	printf("| %s | %s |\n", keys, text);
}

int main(void)
{
	return help_each(emit, NULL) > 0 ? 0 : 1;
}
