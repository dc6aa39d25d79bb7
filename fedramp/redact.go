package fedramp

import (
	"errors"
	"io"
)

// Redact returns text with every e-mail address, phone number, social security
// number, payment card number and IP address replaced by "[REDACTED:KIND]"
// (F6), and a report of what it removed. It does not modify text. What is
// recognised, and what is deliberately left alone, is described in the package
// documentation. Redact(Redact(x)) == Redact(x).
func Redact(text []byte) ([]byte, Report) {
	var rep Report
	out := AppendRedact(make([]byte, 0, len(text)+len(text)/8), text, &rep)
	return out, rep
}

// AppendRedact is [Redact] appending the redacted text to dst and returning
// the extended buffer, so that a caller can reuse one output buffer. When
// rep is not nil the report is stored in *rep, reusing the room of its
// Removed slice and its Counts map: a caller that redacts many texts with
// the same buffer and Report allocates nothing once they have grown. text
// must not overlap dst's room.
func AppendRedact(dst, text []byte, rep *Report) []byte {
	out := dst
	var counts [numKinds]int
	var removed []Span
	if rep != nil {
		removed = rep.Removed[:0]
		if removed == nil {
			removed = []Span{}
		}
	}
	s := newScanner(text)
	p, lastEnd := 0, -1
	for {
		k, st, e, ok := s.next(p, len(text), lastEnd)
		if !ok {
			break
		}
		out = append(out, text[p:st]...)
		out = append(out, replacements[k]...)
		if rep != nil {
			if len(removed) == cap(removed) {
				// Double: append grows large slices by a quarter,
				// copying the spans of a dense text several times over.
				removed = append(make([]Span, 0, max(16, 2*cap(removed))), removed...)
			}
			removed = append(removed, Span{Kind: k, Start: int64(st), End: int64(e)})
		}
		counts[k]++
		p, lastEnd = e, e
	}
	out = append(out, text[p:]...)
	if rep != nil {
		rep.Removed = removed
		if rep.Counts == nil {
			rep.Counts = countsMap(&counts)
		} else {
			clear(rep.Counts)
			for k, n := range counts {
				if n > 0 {
					rep.Counts[Kind(k)] = n
				}
			}
		}
	}
	return out
}

// RedactString is [Redact] for a string.
func RedactString(text string) (string, Report) {
	out, rep := Redact([]byte(text))
	return string(out), rep
}

// chunkSize is how much input a Redactor buffers before scanning; its memory
// use is about chunkSize + lookahead + lookbehind whatever the size of the
// input.
const chunkSize = 32 << 10

// Redactor is the streaming form of [Redact]: an io.WriteCloser that writes
// the redacted form of everything written to it to an underlying writer,
// holding at most a bounded window of the input (about 35 KiB) however long
// the input is. Offsets in spans are byte offsets into the whole input. The
// output and the spans are exactly those of Redact on the whole input.
//
// Close must be called to flush the end of the input; it does not close the
// underlying writer. A Redactor is not safe for concurrent use. The zero value
// is not usable: create one with [NewRedactor].
type Redactor struct {
	dst    io.Writer
	onSpan func(Span)
	buf    []byte // input window; buf[0] is at offset base of the input
	base   int64
	p      int // next position to examine in buf
	last   int // index in buf where the previous match ended, or -1
	spans  []Span
	counts [numKinds]int
	err    error
	closed bool
}

// NewRedactor returns a Redactor writing to dst. When onSpan is not nil it is
// called with each removed span, in order, as soon as the span is final, and
// the spans are not kept (so memory stays bounded); when onSpan is nil the
// spans are kept and returned by Report.
func NewRedactor(dst io.Writer, onSpan func(Span)) *Redactor {
	return &Redactor{dst: dst, onSpan: onSpan, buf: make([]byte, 0, chunkSize+lookahead+lookbehind), last: -1}
}

// ErrClosed is returned by Write after Close.
var ErrClosed = errors.New("fedramp: write to closed Redactor")

// Write redacts p. It returns len(p) unless writing to the underlying writer
// failed (the error is then returned by every later call too).
func (r *Redactor) Write(p []byte) (int, error) {
	if r.closed {
		return 0, ErrClosed
	}
	written := 0
	for len(p) > 0 && r.err == nil {
		room := cap(r.buf) - len(r.buf)
		if room <= 0 {
			r.scan(false)
			continue
		}
		m := min(room, len(p))
		r.buf = append(r.buf, p[:m]...)
		p = p[m:]
		written += m
		if len(r.buf) == cap(r.buf) {
			r.scan(false)
		}
	}
	if r.err != nil {
		return written, r.err
	}
	return written, nil
}

// ReadFrom redacts everything read from src until EOF (but does not Close).
func (r *Redactor) ReadFrom(src io.Reader) (int64, error) {
	var total int64
	var tmp [chunkSize]byte
	for {
		n, err := src.Read(tmp[:])
		if n > 0 {
			total += int64(n)
			if _, werr := r.Write(tmp[:n]); werr != nil {
				return total, werr
			}
		}
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// Close redacts and writes the rest of the input. It does not close the
// underlying writer. Calling it again does nothing.
func (r *Redactor) Close() error {
	if r.closed {
		return r.err
	}
	r.closed = true
	r.scan(true)
	return r.err
}

// Report returns the spans removed so far (none when an onSpan function was
// given) and the counts per kind. After Close it covers the whole input.
func (r *Redactor) Report() Report {
	sp := make([]Span, len(r.spans))
	copy(sp, r.spans)
	return Report{Removed: sp, Counts: countsMap(&r.counts)}
}

// scan processes every start position that has lookahead bytes after it
// (all of them when eof), writes the output up to there, and drops the input
// that is no longer needed (keeping lookbehind bytes before the next
// position).
func (r *Redactor) scan(eof bool) {
	limit := len(r.buf) - lookahead
	if eof {
		limit = len(r.buf)
	}
	out := r.p
	sc := newScanner(r.buf)
	for r.err == nil {
		k, s, e, ok := sc.next(r.p, limit, r.last)
		if !ok {
			r.p = max(r.p, limit)
			break
		}
		r.write(r.buf[out:s])
		if r.err == nil {
			_, r.err = io.WriteString(r.dst, replacements[k])
		}
		sp := Span{Kind: k, Start: r.base + int64(s), End: r.base + int64(e)}
		r.counts[k]++
		if r.onSpan != nil {
			r.onSpan(sp)
		} else {
			r.spans = append(r.spans, sp)
		}
		r.p, r.last, out = e, e, e
	}
	if r.err != nil {
		return
	}
	r.write(r.buf[out:r.p])
	// Keep lookbehind bytes before p for the start checks.
	keep := max(r.p-lookbehind, 0)
	n := copy(r.buf, r.buf[keep:])
	r.buf = r.buf[:n]
	r.base += int64(keep)
	r.p -= keep
	if r.last >= 0 {
		r.last -= keep
		if r.last < 0 {
			r.last = -1
		}
	}
}

func (r *Redactor) write(p []byte) {
	if r.err != nil || len(p) == 0 {
		return
	}
	_, r.err = r.dst.Write(p)
}
