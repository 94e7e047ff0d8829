/* atomicio.h - whole files written so that a reader (or the next start)
 * finds the old file or the new one, never half of one.
 *
 * Contract:
 *  - atomic_write() writes len bytes at data as dir/name with permissions
 *    mode (not subject to the umask): a temporary ".NAME.XXXXXX" in the same
 *    folder (six letters or digits, created O_EXCL, never through a
 *    symbolic link; ATOMIC_TMP_EXTRA bytes more than NAME), write, fsync,
 *    then rename() over NAME, then
 *    fsync of the folder so the rename itself is on disk.  With replace
 *    false, link() puts the file in place instead, so an existing NAME is
 *    never replaced (errno EEXIST); on file systems without hard links it
 *    falls back to open(O_CREAT|O_EXCL), still never replacing.
 *  - On any failure the temporary file is removed, NAME is as it was, and
 *    the return value is -1 with errno saying why (ENOSPC, EROFS, EACCES,
 *    ENOTDIR, EEXIST...).  0 on success.
 *  - atomic_write_at() is the same in the folder open as dirfd, so a
 *    caller that checked that folder writes into the one it checked.
 *    dirfd stays open and the caller's.
 *  - A crash between the temporary file's creation and the rename leaves
 *    the temporary file behind: a caller that can tell no save is running
 *    (statefile.c holds a lock) removes such files.
 *  - atomic_mkdirs() is mkdir -p with mode for each folder it creates;
 *    folders that exist are left as they are.  -1 with errno (ENOTDIR when
 *    a part of the path is a file) or 0.
 * Nothing here keeps state; all of it is safe to call from any front-end.
 */
#ifndef HANDOUT_ATOMICIO_H
#define HANDOUT_ATOMICIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

int atomic_write(const char *dir, const char *name, const void *data,
		 size_t len, mode_t mode, bool replace);

int atomic_write_at(int dirfd, const char *name, const void *data,
		    size_t len, mode_t mode, bool replace);

int atomic_mkdirs(const char *path, mode_t mode);

/* The temporary file's name is "." NAME "." and this many letters or
 * digits; ATOMIC_TMP_EXTRA is what it adds to NAME's length. */
#define ATOMIC_TMP_RANDOM 6
#define ATOMIC_TMP_EXTRA (2 + ATOMIC_TMP_RANDOM)

#endif
