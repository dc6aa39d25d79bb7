package lifecycle

import (
	"strings"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/jsonread"
	"github.com/casepolicy/casepolicy/internal/jsonwrite"
	"github.com/casepolicy/casepolicy/priority"
)

// UnmarshalJSON decodes an item as DecodeItem does, without a now: every
// other problem is reported the same way, and MarshalJSON gives the same
// bytes back.
func (it *Item) UnmarshalJSON(data []byte) error {
	v, err := DecodeItem(data, time.Time{})
	if err == nil {
		*it = v
	}
	return err
}

// MarshalJSON writes it in the form DecodeItem reads: times in RFC 3339, UTC,
// with fractional seconds when they are not zero; rca_due_at omitted when
// RCADueAt is zero. An invalid priority or offering is an error.
func (it Item) MarshalJSON() ([]byte, error) {
	if _, err := it.Priority.MarshalText(); err != nil {
		return nil, err
	}
	if _, err := it.Offering.MarshalText(); err != nil {
		return nil, err
	}
	b := appendItemFields(append(make([]byte, 0, 256), '{'), &it)
	return append(b, '}'), nil
}

// appendItemFields appends the item's JSON fields, without braces: the form
// shared by MarshalJSON and the lines of a queue. The priority and offering
// must be valid.
func appendItemFields(b []byte, it *Item) []byte {
	b = append(b, `"id":`...)
	b = jsonwrite.String(b, it.ID)
	b = append(b, `,"case_id":`...)
	b = jsonwrite.String(b, it.CaseID)
	b = append(b, `,"priority":"`...)
	b = append(b, it.Priority.String()...)
	b = append(b, `","business_impact":`...)
	if it.BusinessImpact {
		b = append(b, "true"...)
	} else {
		b = append(b, "false"...)
	}
	b = append(b, `,"offering":"`...)
	b = append(b, it.Offering.String()...)
	b = append(b, `","submitted_at":`...)
	b = jsonwrite.Time(b, it.SubmittedAt)
	b = append(b, `,"last_updated_at":`...)
	b = jsonwrite.Time(b, it.LastUpdatedAt)
	if !it.RCADueAt.IsZero() {
		b = append(b, `,"rca_due_at":`...)
		b = jsonwrite.Time(b, it.RCADueAt)
	}
	return b
}

// The fields of a queue line, as bits of a jsonread.Fields.
const (
	fID uint = iota
	fCaseID
	fPriority
	fBusinessImpact
	fOffering
	fSubmittedAt
	fLastUpdatedAt
	fRCADueAt
)

// DecodeItem decodes one queue line: a JSON object with exactly the fields
//
//	id               string, required, not empty
//	case_id          string, required, not empty
//	priority         "low", "medium", "high" or "critical", required
//	business_impact  boolean, optional (false)
//	offering         "commercial" or "fedramp", required
//	submitted_at     RFC 3339 time, required, not after now
//	last_updated_at  RFC 3339 time, required, not after now
//	rca_due_at       RFC 3339 time, optional, may be after now (a deadline)
//
// A null value counts as absent. An id or case_id may not contain U+FFFD, the
// character a lone surrogate escape such as \ud800 decodes to, so that two
// different IDs never read as one. Decoding is strict and reads the line with
// the module's one JSON reader (internal/jsonread): text that is not JSON
// (invalid UTF-8 included), unknown or duplicate fields, values of the wrong
// JSON type, unknown enum values (the empty string included), times that are
// not RFC 3339 with an offset of at most 23:59 and a year from 0001 to 9999
// both at that offset and in UTC,
// missing required fields and times after now are errors. A zero now checks
// no time against now.
//
// The error lists one *FieldError per problem (see escalation.Problems), in
// the order the fields appear and then the missing ones, and prints on one
// line. Field names the JSON field; an unknown field is named only when its
// name is an identifier (ASCII letters, digits and '_', at most 64 bytes),
// else the problem is on "". A line that is not one JSON object is one
// problem on "". No problem repeats a value of the input. An item DecodeItem
// returns is valid for Order at now.
func DecodeItem(data []byte, now time.Time) (Item, error) {
	var it Item
	d := jsonread.NewDecoder(data)
	if err := decodeItem(&d, &it, now, nil); err != nil {
		return Item{}, &FieldError{Field: "", Problem: err.Error()}
	}
	if len(d.Problems) > 0 {
		ps := make([]*FieldError, len(d.Problems))
		for i, p := range d.Problems {
			ps[i] = &FieldError{Field: p.Field, Problem: p.Problem}
		}
		return Item{}, escalation.JoinProblems(ps...)
	}
	return it, nil
}

// decodeItem reads one item into it, recording problems in d; the error is a
// syntax error of the whole text. A zero now checks no time against now.
// extra, when not nil, reads the fields an item does not have (the ranked
// form's); it reports whether it knew the key.
func decodeItem(d *jsonread.Decoder, it *Item, now time.Time, extra func(key []byte) (bool, error)) error {
	if d.S.Peek() != '{' {
		kind := d.S.Kind()
		if err := d.S.Skip(); err != nil {
			return err
		}
		if err := d.S.End(); err != nil {
			return err
		}
		d.Add("", "want a JSON object, got "+kind)
		return nil
	}
	var seen, has jsonread.Fields
	instant := func(name string, bit uint, t *time.Time, notAfterNow bool) error {
		v, ok, err := d.Instant(name)
		if ok && !instantOf(v).inRange() {
			// ParseTime checks the year at the time's own offset; an item
			// holds the years 0001-9999 in UTC, which its JSON is written in.
			d.Add(name, "out of range")
			ok = false
		}
		if ok && notAfterNow && !now.IsZero() && v.After(now) {
			d.Add(name, "after now")
			ok = false
		}
		if ok {
			*t = v
			has |= 1 << bit
		}
		return err
	}
	err := d.S.Object(func(key []byte) error {
		var bit uint
		var name string
		switch string(key) {
		case "id":
			bit, name = fID, "id"
		case "case_id":
			bit, name = fCaseID, "case_id"
		case "priority":
			bit, name = fPriority, "priority"
		case "business_impact":
			bit, name = fBusinessImpact, "business_impact"
		case "offering":
			bit, name = fOffering, "offering"
		case "submitted_at":
			bit, name = fSubmittedAt, "submitted_at"
		case "last_updated_at":
			bit, name = fLastUpdatedAt, "last_updated_at"
		case "rca_due_at":
			bit, name = fRCADueAt, "rca_due_at"
		default:
			if extra != nil {
				if known, err := extra(key); known {
					return err
				}
			}
			return d.Unknown("", key)
		}
		if !d.Once(&seen, bit, name) {
			return d.S.Skip()
		}
		var ok bool
		var err error
		switch bit {
		case fID, fCaseID:
			var s string
			s, ok, err = d.Str(name)
			switch {
			case ok && s == "":
				d.Add(name, "empty")
				ok = false
			case ok && strings.Contains(s, "\uFFFD"):
				// The reader turns a lone surrogate escape (\ud800) into
				// U+FFFD, so two different IDs could read as one.
				d.Add(name, "contains U+FFFD, the replacement for an invalid character")
				ok = false
			}
			if bit == fID {
				it.ID = s
			} else {
				it.CaseID = s
			}
		case fPriority:
			it.Priority, ok, err = jsonread.Enum(d, name, priority.Parse)
		case fOffering:
			it.Offering, ok, err = jsonread.Enum(d, name, fedramp.ParseOffering)
		case fBusinessImpact:
			it.BusinessImpact, err = d.Bool(name)
		case fSubmittedAt:
			return instant(name, bit, &it.SubmittedAt, true)
		case fLastUpdatedAt:
			return instant(name, bit, &it.LastUpdatedAt, true)
		case fRCADueAt:
			return instant(name, bit, &it.RCADueAt, false)
		}
		if ok {
			has |= 1 << bit
		}
		return err
	})
	if err != nil {
		return err
	}
	if err := d.S.End(); err != nil {
		return err
	}
	for _, f := range [...]struct {
		bit  uint
		name string
	}{{fID, "id"}, {fCaseID, "case_id"}, {fPriority, "priority"}, {fOffering, "offering"},
		{fSubmittedAt, "submitted_at"}, {fLastUpdatedAt, "last_updated_at"}} {
		d.Missing(has&(1<<f.bit) != 0, f.name)
	}
	return nil
}
