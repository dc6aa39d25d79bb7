package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/casepolicy/casepolicy/fedramp"
)

const redactUsage = `usage: casepolicy redact [FILE]

Reads text from FILE (or standard input when FILE is absent or "-"), writes it
to standard output with personal data (F6) replaced by [REDACTED:KIND], KIND
being EMAIL, PHONE, SSN, CARD or IP, and writes to standard error one JSON
object listing what was removed, by byte offsets into the input (end
exclusive), never the values:

  {"removed": [{"kind": "EMAIL", "start": 10, "end": 24}], "counts": {"EMAIL": 1}}

The input is streamed: memory does not grow with the text, and each removed
span is written as soon as it is found.

Exit status: 0 on success; 2 for wrong usage or a FILE that cannot be
opened (or is a directory); 3 when standard output cannot be written or the
input cannot be read to its end. Error messages name the file and the
system's error, never the text.
`

// runRedact implements `casepolicy redact [FILE]`. args are the arguments
// after "redact"; it returns the exit status.
func runRedact(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var files []string
	flags := true
	for _, a := range args {
		switch {
		case flags && a == "--":
			flags = false
		case flags && (a == "-h" || a == "-help" || a == "--help"):
			fmt.Fprint(stdout, redactUsage)
			return 0
		case flags && len(a) > 1 && strings.HasPrefix(a, "-"):
			fmt.Fprintf(stderr, "casepolicy redact: unknown flag %s\n\n%s", a, redactUsage)
			return 2
		default:
			files = append(files, a)
		}
	}
	if len(files) > 1 {
		fmt.Fprintf(stderr, "casepolicy redact: one FILE at most, got %d\n\n%s", len(files), redactUsage)
		return 2
	}
	src := stdin
	name := "standard input"
	if len(files) == 1 && files[0] != "-" {
		f, err := os.Open(files[0])
		if err != nil {
			fmt.Fprintf(stderr, "casepolicy redact: %v\n", err)
			return 2
		}
		defer f.Close()
		if fi, err := f.Stat(); err != nil || fi.IsDir() {
			fmt.Fprintf(stderr, "casepolicy redact: %s: not a readable file\n", files[0])
			return 2
		}
		src, name = f, files[0]
	}

	out := bufio.NewWriterSize(stdout, 64<<10)
	rep := &reportWriter{w: bufio.NewWriterSize(stderr, 16<<10)}
	r := fedramp.NewRedactor(out, rep.span)
	// Once the input is open, any failure to read it or to write the
	// output is exit status 3: the output is incomplete.
	_, err := r.ReadFrom(errReader{src})
	if cerr := r.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if ferr := out.Flush(); ferr != nil && err == nil {
		err = ferr
	}
	status := 0
	if err != nil {
		status = 3
	}
	if err == nil || rep.start {
		rep.finish(r.Report().Counts)
	}
	if re := (*readError)(nil); errors.As(err, &re) {
		fmt.Fprintf(stderr, "casepolicy redact: reading %s: %v\n", name, re.err)
	} else if err != nil {
		fmt.Fprintf(stderr, "casepolicy redact: writing standard output: %v\n", err)
	}
	return status
}

// readError marks an error from the input, as opposed to the output.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }

// errReader wraps the input's errors in *readError.
type errReader struct{ r io.Reader }

func (e errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		err = &readError{err}
	}
	return n, err
}

// reportWriter streams the JSON report: the removed spans as they are found,
// then the counts.
type reportWriter struct {
	w     *bufio.Writer
	n     int
	buf   []byte
	start bool
}

func (rw *reportWriter) header() {
	if !rw.start {
		rw.start = true
		rw.w.WriteString(`{"removed": [`)
	}
}

func (rw *reportWriter) span(s fedramp.Span) {
	rw.header()
	b := rw.buf[:0]
	if rw.n > 0 {
		b = append(b, ", "...)
	}
	rw.n++
	b = append(b, `{"kind": "`...)
	b = append(b, s.Kind.String()...)
	b = append(b, `", "start": `...)
	b = strconv.AppendInt(b, s.Start, 10)
	b = append(b, `, "end": `...)
	b = strconv.AppendInt(b, s.End, 10)
	b = append(b, '}')
	rw.buf = b
	rw.w.Write(b)
}

func (rw *reportWriter) finish(counts map[fedramp.Kind]int) {
	rw.header()
	rw.w.WriteString(`], "counts": {`)
	first := true
	for _, k := range []fedramp.Kind{fedramp.Email, fedramp.Phone, fedramp.SSN, fedramp.Card, fedramp.IP} {
		if counts[k] == 0 {
			continue
		}
		if !first {
			rw.w.WriteString(", ")
		}
		first = false
		fmt.Fprintf(rw.w, "%q: %d", k.String(), counts[k])
	}
	rw.w.WriteString("}}\n")
	rw.w.Flush()
}
