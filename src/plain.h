#ifndef HANDOUT_PLAIN_H
#define HANDOUT_PLAIN_H
#endif
