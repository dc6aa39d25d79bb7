package escalation

import (
	"log/slog"
	"strings"
	"time"

	"github.com/casepolicy/casepolicy/internal/jsonread"
)

// MarshalJSON encodes the case as a request line's "case" object
// (docs/CONTRACT.md); UnmarshalJSON reads it back to an equal Case.
func (c Case) MarshalJSON() ([]byte, error) { return c.appendJSON(nil), nil }

// UnmarshalJSON decodes a case object strictly, as ParseInput does: unknown
// or repeated fields, wrong types, unknown enum values, missing required
// fields and an unknown calendar or zone are *FieldError values named by
// their path in a request ("case.priority"). Checks that need the instant of
// a request (times after now) are left to Evaluate.
func (c *Case) UnmarshalJSON(data []byte) error {
	d := decoder{Decoder: jsonread.NewDecoder(data)}
	var v Case
	switch d.S.Peek() {
	case '{':
		if err := d.caseObject(&v); err != nil {
			return &FieldError{Field: "", Problem: err.Error()}
		}
		if err := d.S.End(); err != nil {
			return &FieldError{Field: "", Problem: err.Error()}
		}
	default:
		d.Add("case", "want an object, got "+d.S.Kind())
	}
	if err := d.err(); err != nil {
		return err
	}
	*c = v
	return nil
}

// MarshalJSON encodes the request as a request line's "request" object;
// UnmarshalJSON reads it back to an equal Request.
func (r Request) MarshalJSON() ([]byte, error) { return r.appendJSON(nil), nil }

// UnmarshalJSON decodes a request object strictly, as ParseInput does for a
// request with a case: reason, channel and role are required, and portal for
// the portal channel. The portal of another channel is dropped.
func (r *Request) UnmarshalJSON(data []byte) error {
	d := decoder{Decoder: jsonread.NewDecoder(data)}
	var v Request
	var portalGiven bool
	var missing []string
	if d.S.Peek() != '{' {
		d.Add("request", "want an object, got "+d.S.Kind())
		return d.err()
	}
	if err := d.requestObject(&v, &portalGiven, &missing); err != nil {
		return &FieldError{Field: "", Problem: err.Error()}
	}
	if err := d.S.End(); err != nil {
		return &FieldError{Field: "", Problem: err.Error()}
	}
	for _, m := range missing {
		d.Add(m, "missing")
	}
	if v.Channel == Portal && !portalGiven {
		d.Add("request.portal", "missing: a portal request names its portal")
	}
	if v.Channel != Portal {
		v.Portal = 0
	}
	if err := d.err(); err != nil {
		return err
	}
	*r = v
	return nil
}

// UnmarshalJSON decodes a request line as DefaultSet().ParseInput does; a
// policy name is checked against the built-in versions. Use Set.ParseInput
// for a set of your own.
func (in *Input) UnmarshalJSON(data []byte) error {
	v, err := DefaultSet().ParseInput(data)
	if err != nil {
		return err
	}
	*in = v
	return nil
}

// UnmarshalJSON decodes a decision in docs/CONTRACT.md's JSON, as AppendJSON
// writes it, strictly; MarshalJSON of the result gives the same bytes back.
// Times are UTC.
func (d *Decision) UnmarshalJSON(data []byte) error {
	r := decoder{Decoder: jsonread.NewDecoder(data)}
	var v Decision
	if r.S.Peek() != '{' {
		r.Add("", "want a JSON object, got "+r.S.Kind())
		return r.err()
	}
	var seen jsonread.Fields
	var has struct{ allowed, outcome, policy, reasons, warnings bool }
	var reasons, warnings []Reason
	err := r.S.Object(func(key []byte) error {
		var err error
		k := string(key)
		switch k {
		case "allowed":
			if r.Once(&seen, 0, k) {
				v.Allowed, has.allowed, err = r.OptBool(k)
				return err
			}
		case "outcome":
			if r.Once(&seen, 1, k) {
				v.Outcome, has.outcome, err = jsonread.Enum(&r.Decoder, k, ParseOutcome)
				return err
			}
		case "policy":
			if r.Once(&seen, 2, k) {
				v.Policy, has.policy, err = r.Str(k)
				return err
			}
		case "reasons":
			if r.Once(&seen, 3, k) {
				reasons, has.reasons, err = r.reasons(k, true)
				return err
			}
		case "warnings":
			if r.Once(&seen, 4, k) {
				warnings, has.warnings, err = r.reasons(k, false)
				return err
			}
		case "next_eligible_at":
			if r.Once(&seen, 5, k) {
				v.NextEligibleAt, _, err = r.Instant(k)
				v.NextEligibleAt = v.NextEligibleAt.UTC()
				return err
			}
		case "control":
			if r.Once(&seen, 6, k) {
				return r.control(&v.Control)
			}
		default:
			return r.Unknown("", key)
		}
		return r.S.Skip()
	})
	if err == nil {
		err = r.S.End()
	}
	if err != nil {
		return &FieldError{Field: "", Problem: err.Error()}
	}
	r.lists(&v, reasons, warnings)
	r.Missing(has.allowed, "allowed")
	r.Missing(has.outcome, "outcome")
	r.Missing(has.policy, "policy")
	r.Missing(has.reasons, "reasons")
	r.Missing(has.warnings, "warnings")
	if has.allowed && has.outcome && v.Allowed != v.Outcome.Allowed() {
		r.Add("allowed", "disagrees with the outcome")
	}
	if err := r.err(); err != nil {
		return err
	}
	*d = v
	return nil
}

// reasons decodes a list of reasons (full) or warnings, each read as it
// comes; makeList checks the list as a whole.
func (d *decoder) reasons(path string, full bool) ([]Reason, bool, error) {
	if d.S.Peek() != '[' {
		d.Add(path, "want an array, got "+d.S.Kind())
		return nil, false, d.S.Skip()
	}
	var out []Reason
	err := d.S.Array(func(i int) error {
		prefix := jsonread.Index(path, i)
		r := Reason{Code: codeUnread}
		defer func() { out = append(out, r) }()
		if d.S.Peek() != '{' {
			d.Add(prefix, "want an object, got "+d.S.Kind())
			return d.S.Skip()
		}
		var seen jsonread.Fields
		sawCode := false
		err := d.S.Object(func(key []byte) error {
			var err error
			k := string(key)
			p := prefix + "." + k
			switch {
			case k == "code" && d.Once(&seen, 0, p):
				sawCode = true
				var ok bool
				if r.Code, ok, err = jsonread.Enum(&d.Decoder, p, ParseCode); !ok {
					r.Code = codeUnread // reported by Enum
				}
			case k == "clause" && d.Once(&seen, 1, p):
				r.Clause, _, err = d.Str(p)
			case k == "message" && d.Once(&seen, 2, p):
				r.Message, _, err = d.Str(p)
			case full && k == "remedy" && d.Once(&seen, 3, p):
				r.Remedy, _, err = d.Str(p)
			case full && k == "eligible_at" && d.Once(&seen, 4, p):
				r.EligibleAt, _, err = d.Instant(p)
				r.EligibleAt = r.EligibleAt.UTC()
			case k == "code" || k == "clause" || k == "message" || full && (k == "remedy" || k == "eligible_at"):
				return d.S.Skip() // a duplicate, reported by Once
			default:
				return d.Unknown(prefix, key)
			}
			return err
		})
		if !sawCode {
			r.Code = 0 // makeList reports it missing
		}
		return err
	})
	return out, true, err
}

// MarshalJSON writes the reasons as a decision's "reasons" array.
func (rs Reasons) MarshalJSON() ([]byte, error) { return appendList(nil, &rs.list, &rs), nil }

// MarshalJSON writes the warnings as a decision's "warnings" array.
func (ws Warnings) MarshalJSON() ([]byte, error) { return appendList(nil, &ws.list, nil), nil }

// UnmarshalJSON decodes a decision's "reasons" array strictly, as
// MakeReasons takes a list; MarshalJSON of the result gives the same bytes
// back.
func (rs *Reasons) UnmarshalJSON(data []byte) error {
	var v Reasons
	err := decodeList(data, true, func(list []Reason, ps *[]*FieldError) {
		v.list = makeList("", list, true, ps, func(c Code, r *Reason) { v.add(c, r.EligibleAt) })
	})
	if err == nil {
		*rs = v
	}
	return err
}

// UnmarshalJSON decodes a decision's "warnings" array strictly, as
// MakeWarnings takes a list.
func (ws *Warnings) UnmarshalJSON(data []byte) error {
	var v Warnings
	err := decodeList(data, false, func(list []Reason, ps *[]*FieldError) {
		v.list = makeList("", list, false, ps, nil)
	})
	if err == nil {
		*ws = v
	}
	return err
}

// decodeList decodes one array of reasons (full) or warnings and hands it
// to check, which appends the list's problems.
func decodeList(data []byte, full bool, check func([]Reason, *[]*FieldError)) error {
	r := decoder{Decoder: jsonread.NewDecoder(data)}
	list, _, err := r.reasons("", full)
	if err == nil {
		err = r.S.End()
	}
	if err != nil {
		return &FieldError{Field: "", Problem: err.Error()}
	}
	var ps []*FieldError
	check(list, &ps)
	for _, p := range ps {
		r.Add(p.Field, p.Problem)
	}
	return r.err()
}

// lists checks the reasons and warnings decoded into v.
func (d *decoder) lists(v *Decision, reasons, warnings []Reason) {
	var ps []*FieldError
	v.Reasons.list = makeList("reasons", reasons, true, &ps, func(c Code, r *Reason) { v.Reasons.add(c, r.EligibleAt) })
	v.Warnings.list = makeList("warnings", warnings, false, &ps, nil)
	for _, p := range ps {
		d.Add(p.Field, p.Problem)
	}
}

func (d *decoder) control(c *Control) error {
	if d.S.Peek() != '{' {
		d.Add("control", "want an object, got "+d.S.Kind())
		return d.S.Skip()
	}
	var seen jsonread.Fields
	var hasLabel bool
	err := d.S.Object(func(key []byte) error {
		var err error
		k := string(key)
		p := "control." + k
		switch {
		case k == "label" && d.Once(&seen, 0, p):
			c.Label, hasLabel, err = d.Str(p)
			hasLabel = hasLabel && c.Label != ""
		case k == "enabled" && d.Once(&seen, 1, p):
			c.Enabled, err = d.Bool(p)
		case k == "explanation" && d.Once(&seen, 2, p):
			c.Explanation, _, err = d.Str(p)
		case k == "label" || k == "enabled" || k == "explanation":
			return d.S.Skip()
		default:
			return d.Unknown("control", key)
		}
		return err
	})
	d.Missing(hasLabel, "control.label")
	return err
}

// String returns the decision for a person's log line, such as
// "denied under 2024-01-18: HIGH_PRIORITY_RECENTLY_UPDATED (P2), NO_BUSINESS_IMPACT (P2); next eligible 2024-03-05T10:00:00Z".
func (d Decision) String() string {
	var b strings.Builder
	if d.Outcome.IsValid() {
		b.WriteString(d.Outcome.String())
	} else {
		b.WriteString("no decision")
	}
	if d.Policy != "" {
		b.WriteString(" under ")
		b.WriteString(d.Policy)
	}
	for i, r := range d.Reasons.All() {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(r.Code.String() + " (" + r.Clause + ")")
	}
	for w := range d.Warnings.Codes() {
		b.WriteString("; warning " + w.String())
	}
	if !d.Allowed {
		if t, ok := d.Next(); ok {
			b.WriteString("; next eligible " + t.UTC().Format(time.RFC3339Nano))
		} else {
			b.WriteString("; waiting cannot make it allowed")
		}
	}
	return b.String()
}

// LogValue implements slog.LogValuer: the decision as a group of its
// program-facing fields (no human text).
func (d Decision) LogValue() slog.Value {
	codes := make([]string, 0, d.Reasons.Len())
	for c := range d.Reasons.Codes() {
		codes = append(codes, c.String())
	}
	attrs := []slog.Attr{
		slog.Bool("allowed", d.Allowed),
		slog.String("outcome", d.Outcome.String()),
		slog.String("policy", d.Policy),
		slog.Any("reasons", codes),
	}
	if t, ok := d.Next(); ok {
		attrs = append(attrs, slog.Time("next_eligible_at", t.UTC()))
	}
	return slog.GroupValue(attrs...)
}
