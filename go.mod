module github.com/casepolicy/casepolicy

go 1.25

require (
	github.com/google/go-cmp v0.7.0
	github.com/rickar/cal/v2 v2.1.31
	pgregory.net/rapid v1.3.0
)
