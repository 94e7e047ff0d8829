/* wrap.c - being written */
#include "wrap.h"
