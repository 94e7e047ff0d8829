/* error.c - being written */
#include "error.h"
