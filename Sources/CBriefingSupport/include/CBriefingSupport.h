#ifndef CBRIEFING_SUPPORT_H
#define CBRIEFING_SUPPORT_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (also where unsupported).
int briefing_exchange_paths(const char *a, const char *b);

/// Renames `from` to `to` unless `to` exists (Linux renameat2 RENAME_NOREPLACE): never replaces.
/// Returns 0 on success, -1 with errno set otherwise (EEXIST when `to` exists).
int briefing_rename_noreplace(const char *from, const char *to);

#endif
