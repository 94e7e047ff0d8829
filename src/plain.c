/* plain.c - being written */
#include "plain.h"
