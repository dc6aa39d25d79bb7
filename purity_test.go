package casepolicy_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// pureDirs are the library's trees that must not read the clock, the
// environment, files or randomness, nor keep package state that functions
// change (docs: "Time is data"). internal/rapidgen is a test helper.
var pureDirs = []string{"calendar", "priority", "rca", "escalation", "fedramp", "internal"}

var impureSkip = map[string]bool{filepath.Join("internal", "rapidgen"): true}

// forbiddenRefs are package members the library must not use, by import
// path. time.LoadLocation reads $ZONEINFO and the host's zone files before
// Go's own database: internal/zone loads zones from its embedded copy with
// time.LoadLocationFromTZData instead.
var forbiddenRefs = map[string]map[string]string{
	"time": {
		"Now":          "reads the clock: take now as an argument",
		"Since":        "reads the clock: take now as an argument",
		"Until":        "reads the clock: take now as an argument",
		"Local":        "depends on the host's zone",
		"LoadLocation": "reads the host's zone database: use internal/zone",
	},
	"os": {
		"Getenv":    "reads the environment",
		"LookupEnv": "reads the environment",
		"Environ":   "reads the environment",
		"ReadFile":  "reads files",
		"Open":      "reads files",
	},
}

var forbiddenImports = map[string]string{
	"math/rand":    "randomness",
	"math/rand/v2": "randomness",
	"net/http":     "the network",
}

// TestLibraryIsPure walks the syntax of every non-test file of the library.
func TestLibraryIsPure(t *testing.T) {
	pkgs := map[string][]string{} // dir -> non-test .go files
	for _, root := range pureDirs {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if impureSkip[p] || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				pkgs[filepath.Dir(p)] = append(pkgs[filepath.Dir(p)], p)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("walk %s: %v", root, err)
		}
	}
	if len(pkgs) < 5 {
		t.Fatalf("found only %d packages under %v: is the test running in the module root?", len(pkgs), pureDirs)
	}
	dirs := make([]string, 0, len(pkgs))
	for d := range pkgs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		srcs := map[string][]byte{}
		for _, f := range pkgs[dir] {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			srcs[f] = b
		}
		for _, p := range impurities(t, srcs) {
			t.Errorf("%s", p)
		}
	}
}

// impurities parses one package's files and reports every forbidden import
// and reference, and every assignment to a package-level variable inside a
// function body, as "file:line: what".
func impurities(t *testing.T, srcs map[string][]byte) []string {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	names := make([]string, 0, len(srcs))
	for name := range srcs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, srcs[name], parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		files = append(files, f)
	}
	var out []string
	report := func(pos token.Pos, format string, args ...any) {
		out = append(out, fmt.Sprintf("%s: %s", fset.Position(pos), fmt.Sprintf(format, args...)))
	}

	// Types resolve which identifiers are package-level variables. Imports
	// are stood in for by empty packages: the errors that causes are
	// expected and ignored, and the identifiers of this package still
	// resolve.
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{
		Importer: emptyImporter{},
		Error:    func(error) {},
	}
	pkg, _ := conf.Check(files[0].Name.Name, fset, files, info)

	for _, f := range files {
		imported := map[string]string{} // local name -> import path
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if why, bad := forbiddenImports[p]; bad {
				report(imp.Pos(), "imports %s (%s)", p, why)
			}
			local := path.Base(p)
			if imp.Name != nil {
				local = imp.Name.Name
			}
			if local == "." && forbiddenRefs[p] != nil {
				report(imp.Pos(), "dot-imports %s: its members cannot be checked", p)
			}
			imported[local] = p
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			if obj := info.Uses[x]; obj != nil {
				if _, isPkg := obj.(*types.PkgName); !isPkg {
					return true // a variable or type named like a package
				}
			}
			p, ok := imported[x.Name]
			if !ok {
				return true
			}
			if why, bad := forbiddenRefs[p][sel.Sel.Name]; bad {
				report(sel.Pos(), "uses %s.%s (%s)", p, sel.Sel.Name, why)
			}
			return true
		})
		// Assignments in function bodies (and function literals anywhere)
		// to package-level variables.
		isPkgVar := func(e ast.Expr) (string, bool) {
			id := rootIdent(e)
			if id == nil || pkg == nil {
				return "", false
			}
			v, ok := info.Uses[id].(*types.Var)
			if !ok || v.IsField() || v.Parent() != pkg.Scope() {
				return "", false
			}
			return id.Name, true
		}
		check := func(body ast.Node) {
			ast.Inspect(body, func(n ast.Node) bool {
				var lhs []ast.Expr
				switch s := n.(type) {
				case *ast.AssignStmt:
					lhs = s.Lhs
				case *ast.IncDecStmt:
					lhs = []ast.Expr{s.X}
				case *ast.RangeStmt:
					if s.Tok == token.ASSIGN {
						lhs = []ast.Expr{s.Key, s.Value}
					}
				}
				for _, e := range lhs {
					if e == nil {
						continue
					}
					if name, ok := isPkgVar(e); ok {
						report(e.Pos(), "assigns to package-level var %s in a function", name)
					}
				}
				return true
			})
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Body != nil {
					check(d.Body)
				}
			case *ast.GenDecl:
				ast.Inspect(d, func(n ast.Node) bool {
					if fl, ok := n.(*ast.FuncLit); ok {
						check(fl.Body)
						return false
					}
					return true
				})
			}
		}
	}
	return out
}

// rootIdent is the variable an assignment target changes: v in v, v.f,
// v[i], *v, (v).
func rootIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// emptyImporter stands in for every import with an empty, complete package
// named after the last element of its path (a /vN suffix dropped).
type emptyImporter struct{}

func (emptyImporter) Import(p string) (*types.Package, error) {
	name := path.Base(p)
	if len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = path.Base(path.Dir(p))
	}
	pkg := types.NewPackage(p, name)
	pkg.MarkComplete()
	return pkg, nil
}

var _ types.Importer = emptyImporter{}

// The checker itself: each impurity in a small package is found, and the
// allowed forms are not reported.
func TestImpuritiesAreFound(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // substrings of the reports, in order
	}{
		{"time.Now is found", `package p; import "time"; func f() time.Time { return time.Now() }`, []string{"uses time.Now"}},
		{"time.Now as a value is found", `package p; import "time"; var clock = time.Now`, []string{"uses time.Now"}},
		{"time.Since and time.Until are found", `package p; import "time"; func f(t time.Time) { _ = time.Since(t); _ = time.Until(t) }`, []string{"uses time.Since", "uses time.Until"}},
		{"time.Local is found", `package p; import "time"; func f(t time.Time) time.Time { return t.In(time.Local) }`, []string{"uses time.Local"}},
		{"a renamed time import is followed", `package p; import clock "time"; func f() { _ = clock.Now() }`, []string{"uses time.Now"}},
		{"os.Getenv, LookupEnv, ReadFile, Open are found", `package p; import "os"; func f() { os.Getenv("A"); os.LookupEnv("A"); os.ReadFile("x"); os.Open("x") }`,
			[]string{"uses os.Getenv", "uses os.LookupEnv", "uses os.ReadFile", "uses os.Open"}},
		{"math/rand, math/rand/v2 and net/http imports are found", `package p; import ("math/rand"; r2 "math/rand/v2"; _ "net/http"); var x, y = rand.Int(), r2.Int()`,
			[]string{"imports math/rand", "imports math/rand/v2", "imports net/http"}},
		{"an assignment to a package var in a function is found", `package p; var n int; func f() { n = 2 }`, []string{"assigns to package-level var n"}},
		{"n++, fields, elements and pointers of package vars are found", `package p; var n int; var s struct{ a int }; var m = map[string]int{}; var q = new(int)
			func f() { n++; s.a = 1; m["k"] = 2; *q = 3 }`,
			[]string{"var n", "var s", "var m", "var q"}},
		{"an assignment in a function literal is found", `package p; var n int; var g = func() int { n = 1; return n }`, []string{"assigns to package-level var n"}},
		{"a range assigning to a package var is found", `package p; var k int; func f(xs []int) { for k = range xs {} }`, []string{"var k"}},
		{"time.LoadLocationFromTZData and time.Date are allowed", `package p; import "time"; func f() { time.LoadLocationFromTZData("UTC", nil); _ = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }`, nil},
		{"time.LoadLocation reads the host's zone files", `package p; import "time"; func f() { time.LoadLocation("UTC") }`, []string{"time.LoadLocation"}},
		{"a local variable shadowing a package var is allowed", `package p; var n int; func f() { n := 1; n = 2; _ = n }`, nil},
		{"a local named time is allowed", `package p; type c struct{ Now int }; func f() { var time c; time.Now = 1; _ = time }`, nil},
		{"a declaration with its initializer is allowed", `package p; import "errors"; var ErrX = errors.New("x"); var t [3]int`, nil},
		{"assignments through a local pointer are not reported (best effort)", `package p; var t [2]struct{ v int }; func f(i int) { e := &t[i]; e.v = 1 }`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := impurities(t, map[string][]byte{"p.go": []byte(tt.src)})
			if len(got) != len(tt.want) {
				t.Fatalf("impurities = %q, want %d matching %q", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("impurity %d = %q, want it to mention %q", i, got[i], w)
				}
			}
		})
	}
}
