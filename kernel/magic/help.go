package magic

// helpText is what %help prints. Keep it in step with Execute.
const helpText = `Notebook commands (a line that starts with one of these is not Go):

  %time STATEMENT     run one statement, then print its wall and CPU time
  %%time              (first line of a cell) time the whole cell
  %timeit STATEMENT   run a statement repeatedly, Go benchmark style:
                      iterations, ns/op, B/op and allocs/op
  %%timeit            (first line of a cell) the same for the cell's statements
  NAME?   ?NAME       show the documentation of NAME (rnn.BasicLSTMCell?)
  NAME??  ??NAME      the same, with more detail
  !COMMAND            run COMMAND in the shell, output streamed; interrupt stops it
  %get MODULE@VERSION add or change a Go module that cells import (go get);
                      importing a package fetches its module at the latest
                      version by itself: %get pins another one; it runs
                      compiled as a plugin (%env GORNN_MODULES=interp:
                      interpreted), and a new version of a compiled
                      module needs a restart
  %env                list the environment
  %env NAME           show one variable
  %env NAME=VALUE     set a variable for the cells and the commands they start
  %cd DIR             change the working directory (%cd alone: the home directory)
  %who                the names the session holds, with their types
  %reset              forget every name the session holds
  %help               this list
`
