// Package history keeps the inputs of executed cells in an SQLite database
// that every kernel of a user shares, as IPython keeps its history.sqlite.
//
// Why a database rather than a file of lines: several kernels run at once
// and all of them append, and a front end asks for a few rows (the last
// thousand, one session, the cells matching a pattern), never for all of
// them. SQLite gives each of those for free: writers from any number of
// processes are serialised by its locks (in WAL mode, with a busy timeout,
// so a kernel waits its turn instead of failing), sessions are numbered by
// an AUTOINCREMENT key inside a transaction (two kernels starting together
// cannot get the same number), a cell of any size is one row with no line
// length to exceed, and tail, range and search read rows through the
// primary key (session, line) instead of loading the whole history into
// every kernel at start. Its GLOB operator is the very matching that
// history_request's search means.
//
// Why modernc.org/sqlite: it is SQLite's C source translated to Go, so the
// kernel stays one binary built without cgo or a C toolchain, like the rest
// of gornn (pure-Go ZeroMQ, yaegi). The files it writes are ordinary SQLite
// databases: the sqlite3 tool and IPython's own history code can read them.
//
// Entries longer than Options.MaxEntry (1 MiB by default) are kept cut,
// with a comment line at their start saying so. A history entry is sent
// whole in every history_reply that includes it (front ends ask for the
// last thousand entries when they start), so one pasted 100 MB cell would
// otherwise be resent to, and held by, every console and every kernel that
// reads the tail; and no size can be unlimited, since SQLite refuses values
// above 1 GB. A cell that long is data pasted into code, not something to
// recall and run again.
//
// A history.jsonl left in the same directory by earlier versions (one JSON
// object per line) is imported once, in the transaction that opens the
// first session after it, and renamed history.jsonl.migrated; the import
// is also recorded in the database, so that a file that could not be
// renamed is not imported twice.
package history
