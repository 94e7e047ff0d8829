#ifndef HANDOUT_LOADER_H
#define HANDOUT_LOADER_H
#endif
