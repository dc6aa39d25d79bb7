package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/escalation/history"
	"github.com/casepolicy/casepolicy/internal/jsonread"
)

const timelineUsage = `usage: casepolicy timeline -request JSON [-from T] [-to T] [-policy NAME] [-format json|text|svg] [-policies FILE] [FILE]

Reads one case's history (docs/CONTRACT.md, "Case history and the eligibility
timeline") from FILE, or standard input when FILE is absent or "-", one event
per line, and writes the eligibility timeline of the request over [-from, -to):
the intervals over which the decision's allowed, outcome, policy and reason
codes stay the same.

  -request JSON   the request, as the "request" object of evaluate's input:
                  '{"reason":"no_recent_update","channel":"portal","portal":"commercial","role":"designated_contact"}'
                  (last_viewed_at is refused)
  -from T         the window's start (default: the first event)
  -to T           the window's end (default: the last event plus 30 days)
                  T is RFC 3339, or a date alone (2024-03-25), midnight UTC
  -policy NAME    pin a policy version, as a request's "policy" field does
  -format F       json (default, one object per interval), text (a table with
                  durations) or svg (a chart, one band per failing criterion)
  -policies FILE  a policy document whose set replaces the built-in versions

Exit status: 0 on success; 1 for an invalid history (one line per problem on
standard error, "line N: FIELD: PROBLEM") or policy document; 2 for wrong
usage (a bad flag or request, an unreadable FILE); 3 when the input cannot be
read after it was opened or the output cannot be written.
`

// maxHistory bounds the history read from FILE or standard input.
const maxHistory = 64 << 20

// runTimeline is the timeline subcommand.
func runTimeline(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("timeline", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), timelineUsage) }
	reqText := fs.String("request", "", "the request (JSON)")
	fromText := fs.String("from", "", "the window's start (RFC 3339 or a date)")
	toText := fs.String("to", "", "the window's end (RFC 3339 or a date)")
	pin := fs.String("policy", "", "pin a policy version")
	format := fs.String("format", "json", "json, text or svg")
	policies := policiesFlag(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	usageError := func(msg string) int {
		fmt.Fprintf(stderr, "casepolicy timeline: %s\n", msg)
		return 2
	}
	if *reqText == "" {
		return usageError("-request is required")
	}
	req, err := parseTimelineRequest([]byte(*reqText))
	if err != nil {
		for _, p := range escalation.Problems(err) {
			fmt.Fprintf(stderr, "casepolicy timeline: -request: %s\n", p.Error())
		}
		return 2
	}
	switch *format {
	case "json", "text", "svg":
	default:
		return usageError("-format: want json, text or svg")
	}
	var from, to time.Time
	if *fromText != "" {
		if from, err = parseFlagInstant(*fromText); err != nil {
			return usageError("-from: " + err.Error())
		}
	}
	if *toText != "" {
		if to, err = parseFlagInstant(*toText); err != nil {
			return usageError("-to: " + err.Error())
		}
	}
	set, code := loadPolicies("timeline", *policies, stderr)
	if code != 0 {
		return code
	}
	if *pin != "" {
		if _, ok := set.Lookup(*pin); !ok {
			return usageError("-policy: unknown version")
		}
	}
	var data []byte
	data, code = readHistory(fs, stdin, stderr)
	if code != 0 {
		return code
	}
	h, err := history.Parse(data)
	if err != nil {
		var he *history.Error
		if errors.As(err, &he) {
			for _, p := range he.Problems {
				fmt.Fprintln(stderr, p.String())
			}
		} else {
			fmt.Fprintln(stderr, err)
		}
		return 1
	}
	if from.IsZero() {
		from = h.Start()
	}
	if to.IsZero() {
		to = h.End().Add(30 * 24 * time.Hour)
	}
	if !to.After(from) {
		return usageError("-to must come after -from")
	}
	tl, err := h.Timeline(history.Query{Set: set, Policy: *pin, Request: req, From: from, To: to})
	if err != nil {
		// The request and window were checked: what is left is the history
		// evaluated under the policy (an RCA target outside the calendar's
		// years, for instance).
		fmt.Fprintln(stderr, "casepolicy timeline:", err)
		return 1
	}
	out := bufio.NewWriterSize(stdout, 64<<10)
	var buf []byte
	switch *format {
	case "json":
		for _, iv := range tl {
			buf = iv.AppendJSON(buf[:0])
			buf = append(buf, '\n')
			out.Write(buf)
		}
	case "text":
		writeTimelineText(out, tl)
	case "svg":
		out.Write(timelineSVG(tl, h.Events(), req))
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "casepolicy timeline: writing:", err)
		return 3
	}
	return 0
}

// readHistory reads the whole history from the one optional FILE argument.
func readHistory(fs *flag.FlagSet, stdin io.Reader, stderr io.Writer) ([]byte, int) {
	in := stdin
	switch {
	case fs.NArg() > 1:
		fmt.Fprintln(stderr, "casepolicy timeline: want at most one FILE")
		return nil, 2
	case fs.NArg() == 1 && fs.Arg(0) != "-":
		f, err := os.Open(fs.Arg(0))
		if err == nil {
			var st os.FileInfo
			if st, err = f.Stat(); err == nil && st.IsDir() {
				err = errors.New("is a directory")
			}
		}
		if err != nil {
			if f != nil {
				f.Close()
			}
			fmt.Fprintln(stderr, "casepolicy timeline: cannot open FILE")
			return nil, 2
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(io.LimitReader(in, maxHistory+1))
	switch {
	case err != nil:
		fmt.Fprintln(stderr, "casepolicy timeline: cannot read the history")
		return nil, 3
	case len(data) > maxHistory:
		fmt.Fprintf(stderr, "casepolicy timeline: the history is larger than %d bytes\n", maxHistory)
		return nil, 2
	}
	return data, 0
}

// parseFlagInstant reads a flag's time: RFC 3339, or a date alone, which
// means midnight UTC.
func parseFlagInstant(s string) (time.Time, error) {
	if len(s) == len("2006-01-02") {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return time.Time{}, errors.New("not RFC 3339 or a date")
		}
		return t, nil
	}
	t, problem := jsonread.ParseTime([]byte(s))
	if problem != "" {
		return time.Time{}, errors.New("not RFC 3339 or a date")
	}
	return t.UTC(), nil
}

// parseTimelineRequest decodes -request strictly, as the "request" object
// of evaluate's input, with escalation.Request's own decoder (called
// directly rather than through json.Unmarshal, whose syntax errors quote the
// input). A request with last_viewed_at is refused.
func parseTimelineRequest(data []byte) (escalation.Request, error) {
	var r escalation.Request
	if err := r.UnmarshalJSON(data); err != nil {
		return escalation.Request{}, err
	}
	if !r.LastViewedAt.IsZero() {
		return escalation.Request{}, &escalation.FieldError{Field: "request.last_viewed_at", Problem: "not allowed in a timeline"}
	}
	return r, nil
}

// formatSpan writes a duration for people: "15d 8h", "3h 30m", "1ns".
func formatSpan(d time.Duration) string {
	if d <= 0 {
		return "0s"
	}
	var parts []string
	if days := d / (24 * time.Hour); days > 0 {
		parts = append(parts, fmt.Sprintf("%dd", days))
		d -= days * 24 * time.Hour
	}
	if h := d / time.Hour; h > 0 {
		parts = append(parts, fmt.Sprintf("%dh", h))
		d -= h * time.Hour
	}
	if m := d / time.Minute; m > 0 {
		parts = append(parts, fmt.Sprintf("%dm", m))
		d -= m * time.Minute
	}
	if d > 0 {
		parts = append(parts, d.String())
	}
	return strings.Join(parts, " ")
}

func formatInstant(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// writeTimelineText writes the timeline as an aligned table, then how long
// the request was allowed and denied and when it first was allowed.
func writeTimelineText(w io.Writer, tl history.Timeline) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FROM\tUNTIL\tDURATION\tALLOWED\tOUTCOME\tPOLICY\tREASONS")
	for _, iv := range tl {
		allowed := "no"
		if iv.Allowed {
			allowed = "yes"
		}
		reasons := "-"
		if len(iv.Reasons) > 0 {
			names := make([]string, len(iv.Reasons))
			for i, c := range iv.Reasons {
				names[i] = c.String()
			}
			reasons = strings.Join(names, ", ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", formatInstant(iv.From), formatInstant(iv.Until),
			formatSpan(iv.Duration()), allowed, iv.Outcome, iv.Policy, reasons)
	}
	tw.Flush()
	tot := tl.Totals()
	fmt.Fprintf(w, "\nallowed %s, denied %s", formatSpan(tot.Allowed), formatSpan(tot.Denied))
	if t, ok := tl.FirstAllowed(); ok {
		fmt.Fprintf(w, "; first allowed at %s", formatInstant(t))
	} else {
		fmt.Fprint(w, "; never allowed in the window")
	}
	fmt.Fprintln(w)
}

// svgText escapes s for SVG text and attributes.
func svgText(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// timelineSVG draws the timeline: one band per reason code that fails
// somewhere in the window, then one band for allowed, over a time axis with
// the events marked.
func timelineSVG(tl history.Timeline, events []history.Event, req escalation.Request) []byte {
	const (
		plotW = 720.0
		right = 40.0
		top   = 165.0
		bandH = 22.0
		gap   = 8.0
		axisH = 50.0
	)
	from, to := tl.Window()
	codes := tl.Codes()
	// The band labels set the left margin: about 7 px a character at 12 px.
	longest := len("allowed")
	for _, c := range codes {
		longest = max(longest, len(c.String())+len(" (")+len(c.Clause())+len(")"))
	}
	left := 20 + 7.2*float64(longest)
	width := left + plotW + right
	labelX := left - 10
	rows := len(codes) + 1
	height := top + float64(rows)*(bandH+gap) + axisH
	span := float64(to.Sub(from))
	x := func(t time.Time) float64 { return left + plotW*float64(t.Sub(from))/span }
	var b bytes.Buffer
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n", width, height, width, height)
	fmt.Fprintf(&b, "<title>Eligibility timeline</title>\n")
	fmt.Fprintf(&b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", width, height)
	what := req.Reason.String() + " by " + req.Channel.String()
	if req.Channel == escalation.Portal {
		what += " (" + req.Portal.String() + ")"
	}
	what += ", " + req.Role.String()
	fmt.Fprintf(&b, "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Eligibility timeline: %s</text>\n", svgText(what))
	fmt.Fprintf(&b, "<text x=\"10\" y=\"40\" fill=\"#555555\">%s to %s</text>\n", formatInstant(from), formatInstant(to))
	bottom := top + float64(rows)*(bandH+gap) - gap
	// Bands.
	band := func(row int, label string, on func(history.Interval) bool, color string) {
		y := top + float64(row)*(bandH+gap)
		fmt.Fprintf(&b, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", labelX, y+bandH*0.7, svgText(label))
		fmt.Fprintf(&b, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" fill=\"#f2f2f2\"/>\n", left, y, plotW, bandH)
		// One rectangle per stretch of neighbouring intervals it covers.
		for i := 0; i < len(tl); i++ {
			if !on(tl[i]) {
				continue
			}
			start := tl[i].From
			for i+1 < len(tl) && on(tl[i+1]) {
				i++
			}
			end := tl[i].Until
			x0 := x(start)
			w := x(end) - x0
			if w < 0.5 {
				w = 0.5
			}
			fmt.Fprintf(&b, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.0f\" fill=\"%s\"><title>%s to %s (%s)</title></rect>\n",
				x0, y, w, bandH, color, formatInstant(start), formatInstant(end), formatSpan(end.Sub(start)))
		}
	}
	for i, c := range codes {
		band(i, c.String()+" ("+c.Clause()+")", func(iv history.Interval) bool { return iv.Has(c) }, "#d9534f")
	}
	band(len(codes), "allowed", func(iv history.Interval) bool { return iv.Allowed }, "#3c9d4e")
	// Events: a dashed line across the bands and the type above them,
	// labels nudged apart where events crowd.
	var shown []history.Event
	for _, e := range events {
		if !e.At.Before(from) && e.At.Before(to) {
			shown = append(shown, e)
		}
	}
	lastLabel := -1e9
	for _, e := range shown {
		ex := x(e.At)
		fmt.Fprintf(&b, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#333333\" stroke-opacity=\"0.6\" stroke-width=\"0.8\" stroke-dasharray=\"3,3\"><title>%s %s</title></line>\n",
			ex, top-8, ex, bottom, svgText(e.Type.String()), formatInstant(e.At))
		fmt.Fprintf(&b, "<circle cx=\"%.2f\" cy=\"%.1f\" r=\"2.5\" fill=\"#333333\"/>\n", ex, top-8)
		if len(shown) <= 80 {
			lx := ex + 3
			if lx < lastLabel+11 {
				lx = lastLabel + 11
			}
			lastLabel = lx
			ly := top - 14
			fmt.Fprintf(&b, "<text x=\"%.2f\" y=\"%.1f\" font-size=\"10\" transform=\"rotate(-90 %.2f %.1f)\">%s</text>\n",
				lx, ly, lx, ly, svgText(e.Type.String()))
		}
	}
	// Switches of policy version: a solid line and the version's name.
	for i := 1; i < len(tl); i++ {
		if tl[i].Policy == tl[i-1].Policy {
			continue
		}
		sx := x(tl[i].From)
		fmt.Fprintf(&b, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#1f5fa8\" stroke-width=\"1.5\"><title>policy %s from %s</title></line>\n",
			sx, top-4, sx, bottom+18, svgText(tl[i].Policy), formatInstant(tl[i].From))
		fmt.Fprintf(&b, "<text x=\"%.2f\" y=\"%.1f\" font-size=\"10\" fill=\"#1f5fa8\">policy %s</text>\n", sx+3, bottom+11, svgText(tl[i].Policy))
	}
	// Time axis.
	ay := bottom + 18
	fmt.Fprintf(&b, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#000000\"/>\n", left, ay, left+plotW, ay)
	step, layout := axisStep(to.Sub(from))
	for t := firstTick(from, step); !t.After(to); t = t.Add(step) {
		tx := x(t)
		fmt.Fprintf(&b, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#000000\"/>\n", tx, ay, tx, ay+5)
		fmt.Fprintf(&b, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">%s</text>\n", tx, ay+18, t.Format(layout))
	}
	fmt.Fprintf(&b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" fill=\"#555555\">UTC</text>\n", left+plotW-20, ay+34)
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// axisStep returns a tick step giving at most about ten ticks, and the
// layout of their labels.
func axisStep(span time.Duration) (time.Duration, string) {
	day := 24 * time.Hour
	for _, s := range []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 3 * time.Hour,
		6 * time.Hour, 12 * time.Hour, day, 2 * day, 7 * day, 14 * day, 28 * day, 91 * day, 182 * day, 364 * day} {
		if span/s <= 10 {
			if s < day {
				return s, "01-02 15:04"
			}
			return s, "2006-01-02"
		}
	}
	return span / 10, "2006-01-02"
}

// firstTick returns the first multiple of step (from the Unix epoch, so
// days start at midnight UTC) at or after from.
func firstTick(from time.Time, step time.Duration) time.Time {
	t := from.Truncate(step)
	if t.Before(from) {
		t = t.Add(step)
	}
	return t.UTC()
}
