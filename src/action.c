/* action.c - names and help texts of the actions, from ACTION_INFO. */
#include "action.h"

#include <string.h>

static const struct {
	const char *name, *help;
} action_info[ACTION_COUNT] = {
#define ACTION_ROW_(id, name, help) [ACTION_##id] = { name, help },
	ACTION_INFO(ACTION_ROW_)
#undef ACTION_ROW_
};

const char *action_name(enum action a)
{
	if (a <= ACTION_NONE || a >= ACTION_COUNT)
		return NULL;
	return action_info[a].name;
}

const char *action_help(enum action a)
{
	if (a <= ACTION_NONE || a >= ACTION_COUNT)
		return NULL;
	return action_info[a].help;
}

enum action action_by_name(const char *name)
{
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
		if (strcmp(action_info[a].name, name) == 0)
			return (enum action)a;
	return ACTION_NONE;
}
