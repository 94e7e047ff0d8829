#ifndef HANDOUT_CLI_H
#define HANDOUT_CLI_H
#endif
