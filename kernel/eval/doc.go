// Package eval is the evaluation core of gornn's notebook kernel and
// terminal REPL: a Go interpreter session (yaegi) that takes a cell of Go
// source and returns its value, its error, completions, documentation and
// whether the cell is complete.
//
// The package knows nothing of Jupyter or ZeroMQ, nor of the compiled
// packages cells import beyond the standard library: front ends drive a
// Session, give it symbol tables, documentation and a per-cell hook
// through Options, and receive standard output and error through
// CaptureStdio.
//
// # Cells
//
// Cells are Go as people type it: imports, declarations and statements in
// any order. A cell is cut at its top-level semicolons with Go's scanner,
// each piece is parsed on its own, imports are done first (those already
// done are skipped), and the remaining pieces are evaluated in order, in
// runs of consecutive declarations or statements. A var or const after a
// statement is evaluated as a statement, so it may use the statement's
// variables. When the cell ends in an expression, its value (all values
// of a multi-value call) is the cell's result.
//
// Before evaluation the cell is rewritten, by edits of its text that keep
// every other byte at its line and column, for what the interpreter lacks:
// range over an integer, range over a function (Go 1.23 iterators, as a
// call of the iterator with the loop's body as its yield function), a
// variable per loop iteration for closures, the builtins min, max and
// clear, defer and recover at the cell's top level, goroutines whose
// panic would end the process, and functions whose runaway recursion
// would (each declared function, method and function literal checks its
// goroutine's stack on entry). Functions of earlier cells compiled again
// after a redefinition get the same rewrites.
// Rewrites that need types (range over a function, and cell-level
// definitions the interpreter cannot make as written: v, ok := m[k],
// arg := os.Args[0], xs := slices.Collect(seq)) take them from the
// cell's type check (package gocheck); a cell the checker cannot judge
// runs without them. Errors are reported at the cell's own lines and
// columns.
//
// The iter package is declared in interpreted Go before the first import
// of it; iter.Pull runs the iterator on a goroutine. The iterator
// functions of slices and maps (All, Values, Collect, Sorted, Keys, ...)
// are declared with the session, and so are, again, those of the
// interpreter's Go 1.22 source of slices and maps that it cannot run
// (Compact, Delete, Replace, Concat and maps.Clone among them; see
// stdreplaced.go): every function of Go's slices and maps gives Go's
// result (TestStdGenericAll). The interpreter's generics cannot infer
// a type argument through a generic named type: a generic function of a
// cell that takes an iter.Seq[V] needs its type argument written
// (twice[int](seq)).
//
// # Runtime errors
//
// A panic in a cell is reported as Go reports it: Go's text (the
// interpreter's own texts for index, slice and nil pointer errors, which
// are reflect's, are translated), then "goroutine 1 [running]:" and the
// frames of cells' functions, innermost first, each at the statement it
// was running: "cell:L:C" in the cell that ran, "In [N]:L:C" in cell N,
// N being the front end's number for that cell, given with ExecuteCell
// ("In [ ]" for a cell it gave none), or for cells run with Execute the
// session's count of cells run. Every statement of a
// cell and of the functions cells declare stores a number that names it,
// in a variable of its function, before it runs, and each function
// records that variable on entry (positions.go, callstack.go): about a
// quarter more time for a tight index loop or for calls
// (BenchmarkRuntimeErrorSites). The index and bounds in the text
// are read again from the statement's operands when they are variables
// of the cell's body; in a function, whose variables are gone after the
// panic, the text has no numbers ("runtime error: index out of range").
// After a recursive call returned, a frame of the same function can be
// shown at the returned call's last statement.
//
// # What the interpreter cannot do, and what the session does about it
//
//   - A type or method cannot be redefined: a cell that changes one that
//     an earlier cell defined gets a RedefinitionError (same definition
//     again is fine). Redefined functions are fine: functions of earlier
//     cells that call them are compiled again, and methods that call them
//     are named in a warning on stderr.
//   - Functions keep reading the variable a global was when they were
//     compiled. Running `x := e` or `var x = e` again for an existing
//     global is first tried as an assignment of a temporary of the
//     definition's own type, so that they see the new value (and write to
//     the new map). A value of another type, and a constant defined again,
//     make a new variable: the functions of earlier cells that use it are
//     compiled again; those that no longer compile are named in the cell's
//     StaleError and panic, naming themselves, until their cell is run
//     again. So are callers of a function redefined with another
//     signature. Closures kept in variables cannot be compiled again.
//     A global of an interface type stays of that type when it is
//     redefined with a value of a type that implements it.
//   - A name is either a package or a definition of a cell: an import of a
//     package under a name that an earlier cell defined (fmt := "x") is
//     refused, saying so, since the definition would hide the package.
//   - func main would run again after every cell: it is refused, except
//     that a whole program pasted into a cell (with its package clause)
//     runs: its main is renamed and called.
//   - A cell's top level is a function body that ends with the cell: a
//     defer there runs when the cell ends, last first, also when the cell
//     panics, and a deferred recover() stops the panic (the cell ends
//     well). The interpreter would keep such a defer for every later
//     cell, so the session runs the deferred calls itself; recover() is
//     rewritten to see the cell's panic then. A defer is dropped when the
//     cell is interrupted.
//   - Range over an integer is recognised without type checking: literals,
//     len/cap, conversions, arithmetic, and names known to be integers.
//     Otherwise write range int(n).
//   - The interpreter infers a generic function's type arguments only
//     from its arguments' types directly: not from a function argument's
//     result, nor through a named type or a core type (S ~[]E). For cells
//     the type checker passes, the session writes out the type arguments
//     Go infers (Map(xs, strconv.Itoa) runs as Map[int, string](...)),
//     except type arguments that name a type declared in a function or a
//     package the cell has no name for. The
//     missing type arguments of a partial instantiation
//     (slices.Concat[[]int]), which crashes its compiler, are written
//     out too. A cell-level variable defined from a generic call
//     (evens := Filter(xs, keep)) is declared with Go's type and
//     assigned.
//   - The interpreter instantiates a generic function by putting the
//     type argument's name in place of the type parameter, a name it
//     then cannot find as a type when the argument is a type of a cell or
//     a package: a conversion T(x) in a generic function is rewritten
//     (an assignment for a constant, a compiled reflect conversion for a
//     value), and F[T](x) loses its [T] when x gives it. A literal of
//     a generic struct type in a generic function (Pair[K, V]{k, v}) is
//     written as field assignments: the interpreter keeps its code with
//     the instantiated type and runs it for later literals of that type,
//     with their frame. An explicit
//     instantiation with a type parameter that no argument gives
//     (Zero[T]()) still crashes the compiler when T is a named type, a
//     slice or inferred: the cell's error says so at the call.
//   - A crash of the interpreter's compiler is a CompileError in plain
//     words at the cell's position the interpreter names.
//   - recover returns what interpreted code panicked with still wrapped
//     in the interpreter's reflect.Value, which no type assertion
//     matches; each recover() of a cell is passed through a helper that
//     unwraps it (unless the cell or session defines its own recover).
//   - The interpreter keeps a deferred call's arguments where the
//     function's frame holds them, so a deferred call saw their values
//     when it ran (defer fmt.Println(i) in a loop printed the last i each
//     time); a defer in a function copies its arguments, and a computed
//     function, into variables of their own first (deferargs.go). A
//     method's receiver of a pointer or interface type is kept by a
//     closure made at the defer statement (such a method that recovers
//     then recovers nothing); one of another type is still read when the
//     call runs.
//   - A call's named results start where the caller stores its results,
//     not at zero: `n, err := parse(e)` in a loop started each call with
//     the n before. Functions with named results set them to zero first
//     (results.go).
//   - A type switch's `case error` matched no compiled error (a
//     recovered errors.New value went to default); it is rewritten to the
//     same type declared by a compiled package (typeswitch.go). A
//     recovered nil dereference or index error of the interpreter is Go's
//     runtime.Error, with Go's text (recover.go).
//   - A struct of a cell's type held in a compiled interface (error,
//     fmt.Stringer) keeps its last field, not itself, in the
//     interpreter's wrapper (interp/value.go, getConcreteValue), so
//     err.(HTTPError) was false for such a value, and the interpreter's
//     type switch matches no case of a cell's type at all (it compares
//     type names). Every Error() string and String() string method of a
//     cell starts with a check that hands its receiver over while an
//     assertion of its goroutine asks (selfcapture.go); type assertions
//     and type switches whose operand may hold a cell's value ask that
//     way before the interpreter's own assertion, and a type switch
//     becomes a switch on the index of the clause Go picks
//     (assertrewrite.go). %T names such values' types. A value whose
//     Error or String method is promoted from an embedded field answers
//     with the embedded field's type; assertions from a compiled value to
//     an interface a cell declares still fail, so errors.As into a target
//     of such an interface is left to the compiled errors.As, which
//     refuses it (use a compiled interface such as runtime.Error).
//   - errors.Is, As and Unwrap cannot see the methods of cell types.
//     When cells declare error types, calls of them become interpreted
//     equivalents that ask the error for its type and call that type's
//     Unwrap, Is or As, compare comparable values with ==, and fill
//     targets of cells' types and of compiled types (errorsrewrite.go).
//     fmt.Errorf gets a cell's error for %w as an error (it got a struct
//     and wrote %!w), so the chain goes on through it. A nil pointer of a
//     cell's error type stored in an error is not nil (the interpreter
//     made it nil): it becomes a compiled stand-in that describes itself
//     with the type's Error method (typednil.go). A cell's error value
//     that a cell panics with comes back from recover as that error,
//     not as a struct without its type.
//   - min and max are generic helpers. The interpreter cannot give the
//     result of a generic call to a new cell-level variable, so
//     `m := max(1, acc)` becomes `m := acc; m = max(m, 1)`; with every
//     argument a constant, or a call inside the arguments, declare the
//     variable first.
//   - A range over a function runs its body as a function: a defer in
//     it, inside a function of a cell, runs at the end of the iteration
//     instead of the function's; goto out of it is not rewritten. A
//     range over a function whose values are of a type the cell cannot
//     write (of a package it has not imported) is refused, saying so.
//   - Variables that a cell-level loop, if, switch or block defines get
//     places of the interpreter's global frame that other names there
//     share: a loop's x and a later x of the cell wrote into each other,
//     and a multi-value definition (a, b := f(); v, ok := m[k]) lost its
//     variables. Such a statement runs inside a function literal, unless
//     a goto, break or continue in it leaves it; tracebacks leave out the
//     literal's frame.
//   - Values of types declared in cells reach compiled code as anonymous
//     types without their methods, with unexported fields renamed. The
//     session shows them through their String or Error method, but HTML
//     or PNG methods of cell types are not seen. Calls of fmt's and log's
//     printing functions with a constant format, and of Println, are
//     rewritten so that %T, %v, %+v and %#v print as Go does, methods of
//     cells' types (instantiated generic ones too) inside slices, maps and
//     structs included
//     (fmttype.go, fmtvalue.go), values of cells' types held in
//     interfaces (a []Shape, an any, a field of type error) included; a
//     value whose Error or String method fmt calls is printed by calling
//     it, since the interpreter hands fmt no method for the results of
//     function variables or promoted methods. So are encoding/json's
//     Marshal, MarshalIndent, Encode, Unmarshal and Decode of values
//     whose static type involves cells' types (jsonvalue.go,
//     jsondecode.go). Formats built at run time and other compiled
//     packages (text/template, reflect) still see the anonymous types: a
//     template reaches the fields of cells' types but not their methods.
//   - A value of a cell's type that becomes error, fmt.Stringer or
//     another interface of a compiled package by a conversion
//     (error(HE{...}): a reflect.Set panic), a composite literal given
//     to a variable of type error (e = HE{...}, var e error = HE{...}:
//     e held the bare struct, printed as {1 <nil>}, and e.Error()
//     panicked) or a receive from a channel becomes the element of a
//     slice literal of the interface ([]error{HE{...}}[0]), which the
//     interpreter gets right (ifaceconv.go). Names, calls, and literals
//     returned, passed or stored in a field, slice or map arrived intact
//     already and are left alone. Still wrong: a comparison e == HE{...}
//     is false.
//   - An assignment of several values to variables among which one is
//     of an interface type (n, err = 1, errors.New("x"); e, n = nil, 1)
//     left the other variables at zero or panicked, whatever the values;
//     in a block, with plain names on the left, it becomes one var per
//     value, of the variable's type, then one assignment each
//     (parallelassign.go). In an if's, switch's or for's own statement
//     it is still wrong.
//   - Statements the interpreter runs wrong for any type: a range with
//     = (for i, s = range xs) never set i and s, and now defines its own
//     variables and assigns them first thing in the body; a range over a
//     slice, array or map of channels broke on its value variable and
//     becomes an index loop (rangechan.go); a switch's init statement ran
//     after its tag, unless the tag is a name, and moves to a block
//     around the switch, and a case of a switch without a tag that lists
//     several conditions tried only the first, and becomes one condition
//     joined by || (switches.go); a method expression
//     ((*Point).Scale) took an argument too many and becomes a function
//     literal (methodexpr.go); a constant shifted by a variable (f &
//     (1 << i)) was an int whatever its context, and gets its type, as
//     does a variable defined from a rune constant at a cell's top level
//     (r := 'a' was an int there) (shifttype.go). An instance of a generic type as an inferred type
//     argument (MaxBy(pairs, ...) with pairs a []Pair[string, int])
//     crashed the interpreter's compiler, and goes through a type alias
//     declared with the cell (instantiate.go).
//   - A deferred function literal inside a loop of a function read the
//     loop's variables when it ran, so every deferred call saw the last
//     iteration's; the variables it reads and does not assign become its
//     parameters, given their values at the defer statement
//     (deferargs.go).
//   - A constant of a cell's type is written with its value (Status = 2
//     for the second of iota + 1), which the interpreter compares right.
//   - An interrupt stops interpreted code within milliseconds; compiled
//     code stops when it checks its context, which Options.CellHook hands
//     to compiled packages (time.Sleep in cells is stopped by the session
//     itself). The next cell waits for an interrupted one to finish, up to
//     a bound of 2 s, once: later cells run beside it. A cell interrupted
//     while it waits on a sync.Mutex, RWMutex, WaitGroup or Cond is
//     reported at once, naming the wait, and the next cell does not wait
//     for it: nothing can end such a wait but a release (Go has no way to
//     stop a goroutine from outside), so the goroutine stays blocked, and
//     if a later cell releases the lock or WaitGroup, it runs the rest of
//     its cell beside that cell.
//   - runtime.Goexit in a cell's statements ends the interpreter's
//     goroutine, which the interpreter takes for a cell that ended well;
//     the cell fails with a Goexit error instead (deferred calls ran). In
//     a goroutine the cell started, it ends that goroutine, as in Go.
//   - Output is captured from the process's descriptors (see Capture),
//     which cannot tell which goroutine wrote: what a goroutine prints
//     after its cell ended goes to the front end with the cell running at
//     that moment, or, between cells, with the last cell that ran (the
//     kernel keeps the last cell that shows output), not with the cell
//     that started the goroutine.
//   - The Go runtime's fatal errors cannot be recovered: recursion in
//     compiled code past the 1 GB stack limit, running out of memory,
//     concurrent map writes. The process ends with the runtime's report on
//     its real stderr (see Capture), where the front end's log shows it,
//     and the front end starts a new kernel. Recursion through functions,
//     methods or function literals of cells is stopped at 64 MB of stack,
//     ending the goroutine after its deferred calls, and the cell fails
//     with a StackOverflow error instead, whose traceback shows the
//     recursion's innermost and outermost calls as a panic's does.
package eval
