package lifecycle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
)

// itemJSON is the JSON form of an Item (see DecodeItem).
type itemJSON struct {
	ID             string `json:"id"`
	CaseID         string `json:"case_id"`
	Priority       string `json:"priority"`
	BusinessImpact bool   `json:"business_impact"`
	Offering       string `json:"offering"`
	SubmittedAt    string `json:"submitted_at"`
	LastUpdatedAt  string `json:"last_updated_at"`
	RCADueAt       string `json:"rca_due_at,omitempty"`
}

// MarshalJSON writes it in the form DecodeItem reads: times in RFC 3339, UTC,
// with fractional seconds when they are not zero; rca_due_at omitted when
// RCADueAt is zero. An invalid priority or offering is an error.
func (it Item) MarshalJSON() ([]byte, error) {
	j, err := it.jsonForm()
	if err != nil {
		return nil, err
	}
	return json.Marshal(j)
}

// jsonForm is the item as its JSON fields, shared by MarshalJSON and
// Queue.AppendLine.
func (it Item) jsonForm() (itemJSON, error) {
	p, err := it.Priority.MarshalText()
	if err != nil {
		return itemJSON{}, err
	}
	o, err := it.Offering.MarshalText()
	if err != nil {
		return itemJSON{}, err
	}
	j := itemJSON{
		ID: it.ID, CaseID: it.CaseID, Priority: string(p), BusinessImpact: it.BusinessImpact,
		Offering: string(o), SubmittedAt: formatTime(it.SubmittedAt), LastUpdatedAt: formatTime(it.LastUpdatedAt),
	}
	if !it.RCADueAt.IsZero() {
		j.RCADueAt = formatTime(it.RCADueAt)
	}
	return j, nil
}

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
// A null value counts as absent. Decoding is strict: unknown or repeated
// fields, values of the wrong JSON type, unknown enum values (the empty string
// included), times that are not RFC 3339, are the zero time
// (0001-01-01T00:00:00Z) or fall outside the years 0000-9999 in UTC, missing required fields and times after now are
// errors. The error joins one *FieldError per problem, Field naming the JSON
// field ("" when the line is not one JSON object), in the order the fields
// appear and then the missing ones. An item DecodeItem returns is valid for
// Order at now.
func DecodeItem(data []byte, now time.Time) (Item, error) {
	var (
		it      Item
		errs    []error
		seen    = make(map[string]bool, 8) // fields in the object
		present = make(map[string]bool, 8) // fields in the object and not null
	)
	problem := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)})
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return Item{}, notObject("")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Item{}, notObject(err.Error())
		}
		key, _ := tok.(string) // inside an object, a token before a value is a key
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return Item{}, notObject(err.Error())
		}
		if seen[key] {
			problem(key, "repeated field")
			continue
		}
		seen[key] = true
		if string(raw) == "null" {
			continue // absent
		}
		present[key] = true
		switch key {
		case "id", "case_id":
			s, ok := decodeString(raw, key, &errs)
			if ok && s == "" {
				problem(key, "empty")
			}
			if key == "id" {
				it.ID = s
			} else {
				it.CaseID = s
			}
		case "priority":
			if s, ok := decodeString(raw, key, &errs); ok {
				if l, err := priority.Parse(s); err != nil {
					problem(key, "unknown value %q", s)
				} else {
					it.Priority = l
				}
			}
		case "offering":
			if s, ok := decodeString(raw, key, &errs); ok {
				if o, err := fedramp.ParseOffering(s); err != nil {
					problem(key, "unknown value %q", s)
				} else {
					it.Offering = o
				}
			}
		case "business_impact":
			if err := json.Unmarshal(raw, &it.BusinessImpact); err != nil {
				problem(key, "not a boolean")
			}
		case "submitted_at":
			it.SubmittedAt = decodeTime(raw, key, now, true, &errs)
		case "last_updated_at":
			it.LastUpdatedAt = decodeTime(raw, key, now, true, &errs)
		case "rca_due_at":
			it.RCADueAt = decodeTime(raw, key, now, false, &errs)
		default:
			problem(key, "unknown field")
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return Item{}, notObject(err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return Item{}, notObject("data after the object")
	}
	for _, key := range [...]string{"id", "case_id", "priority", "offering", "submitted_at", "last_updated_at"} {
		if !present[key] {
			problem(key, "missing")
		}
	}
	if len(errs) > 0 {
		return Item{}, errors.Join(errs...)
	}
	return it, nil
}

func notObject(detail string) error {
	p := "not a JSON object"
	if detail != "" {
		p += ": " + detail
	}
	return errors.Join(&FieldError{Field: "", Problem: p})
}

func decodeString(raw json.RawMessage, key string, errs *[]error) (string, bool) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		*errs = append(*errs, &FieldError{Field: key, Problem: "not a string"})
		return "", false
	}
	return s, true
}

func decodeTime(raw json.RawMessage, key string, now time.Time, notAfterNow bool, errs *[]error) time.Time {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		*errs = append(*errs, &FieldError{Field: key, Problem: "not a string"})
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	switch {
	case err != nil:
		*errs = append(*errs, &FieldError{Field: key, Problem: "not an RFC 3339 time: " + strconv.Quote(s)})
	case t.UTC().Year() < 0 || t.UTC().Year() > 9999:
		*errs = append(*errs, &FieldError{Field: key, Problem: "outside the years 0000-9999 in UTC: " + strconv.Quote(s)})
	case t.IsZero():
		*errs = append(*errs, &FieldError{Field: key, Problem: "the zero time " + strconv.Quote(s) + " is not allowed"})
	case notAfterNow && t.After(now):
		*errs = append(*errs, &FieldError{Field: key, Problem: afterNow(t, now)})
	default:
		return t
	}
	return time.Time{}
}
