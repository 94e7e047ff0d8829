/* fuzz.h - what the fuzz targets share with their replay driver.
 *
 * Contract: each target (fuzz_loader.c, fuzz_command.c) defines the two
 * libFuzzer entry points below.  A target calls fuzz_fail() when what it
 * checks does not hold (output that could drive a terminal, a malformed
 * error); abort() makes libFuzzer, and the replay test, report the input.
 * Built with clang -fsanitize=fuzzer by --enable-fuzzers; linked with
 * replay.c instead, any compiler builds them for make check.
 */
#ifndef HANDOUT_FUZZ_H
#define HANDOUT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void fuzz_fail(const char *what)
{
	fprintf(stderr, "fuzz: %s\n", what);
	abort();
}

#endif
