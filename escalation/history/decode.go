package history

import (
	"bytes"

	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/jsonread"
	"github.com/casepolicy/casepolicy/priority"
)

// Parse reads a history in docs/CONTRACT.md's JSON Lines, one event per
// line (blank lines are skipped but counted), strictly: unknown or repeated
// fields, fields another type of event has, unknown enum values, missing
// fields, events out of order, a second opened, an escalation closed that is
// not open or opened while one is, closed on a closed case, reopened on an
// open one and a snapshot that would be invalid input are all reported, as
// an *Error naming the line and field of each, never the offending value.
// A leading UTF-8 byte order mark is skipped.
func Parse(data []byte) (*History, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var evs []Event
	var lines []int
	var ps []Problem
	for n := 1; len(data) > 0; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		e, lp := decodeEvent(line, n)
		if len(lp) > 0 {
			ps = append(ps, lp...)
			continue
		}
		evs = append(evs, e)
		lines = append(lines, n)
	}
	if len(ps) > 0 {
		return nil, &Error{ps}
	}
	return build(evs, lines)
}

// eventDecoder reads one event line.
type eventDecoder struct {
	jsonread.Decoder
}

// decodeEvent decodes one line; the problems are in the order found.
func decodeEvent(line []byte, n int) (Event, []Problem) {
	d := eventDecoder{jsonread.NewDecoder(line)}
	var e Event
	if err := d.event(&e); err != nil {
		d.Problems = append(d.Problems[:0:0], jsonread.Problem{Field: "", Problem: err.Error()})
	}
	if len(d.Problems) == 0 {
		return e, nil
	}
	ps := make([]Problem, len(d.Problems))
	for i, p := range d.Problems {
		ps[i] = Problem{n, p.Field, p.Problem}
	}
	return Event{}, ps
}

func (d *eventDecoder) event(e *Event) error {
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
	var seen jsonread.Fields
	var has struct{ at, typ, by, id, cas, fields bool }
	err := d.S.Object(func(key []byte) error {
		var err error
		k := string(key)
		bit := uint(0)
		switch k {
		case "at":
			bit = 1
		case "type":
			bit = 2
		case "by":
			bit = 3
		case "id":
			bit = 4
		case "case":
			bit = 5
		case "fields":
			bit = 6
		default:
			return d.Unknown("", key)
		}
		if !d.Once(&seen, bit, k) {
			return d.S.Skip()
		}
		switch k {
		case "at":
			e.At, has.at, err = d.Instant(k)
			e.At = e.At.UTC()
		case "type":
			e.Type, has.typ, err = jsonread.Enum(&d.Decoder, k, ParseType)
			has.typ = has.typ || d.Seen(k)
		case "by":
			e.By, has.by, err = jsonread.Enum(&d.Decoder, k, ParseActor)
			has.by = has.by || d.Seen(k)
		case "id":
			e.ID, has.id, err = d.Str(k)
			if err == nil && has.id && e.ID == "" {
				d.Add(k, "missing: the id is empty")
			}
			has.id = has.id || d.Seen(k)
		case "case":
			has.cas = true
			if d.S.Peek() != '{' {
				d.Add(k, "want an object, got "+d.S.Kind())
				return d.S.Skip()
			}
			e.Case = new(Opening)
			return d.opening(e.Case)
		case "fields":
			has.fields = true
			if d.S.Peek() != '{' {
				d.Add(k, "want an object, got "+d.S.Kind())
				return d.S.Skip()
			}
			e.Fields = new(Fields)
			return d.fields(e.Fields)
		}
		return err
	})
	if err != nil {
		return err
	}
	d.Missing(has.at, "at")
	d.Missing(has.typ, "type")
	if e.Type.IsValid() {
		esc := e.Type == EscalationOpened || e.Type == EscalationClosed
		d.applies(has.by, e.Type.isUpdate(), "by")
		d.applies(has.id, esc, "id")
		d.applies(has.cas, e.Type == Opened, "case")
		d.applies(has.fields, e.Type == SetFields, "fields")
	}
	return d.S.End()
}

// applies reports a field given to an event type without it, or missing
// from one that needs it (all but by).
func (d *eventDecoder) applies(given, wanted bool, field string) {
	switch {
	case given && !wanted:
		d.Add(field, "not a field of this event type")
	case !given && wanted && field != "by":
		d.Add(field, "missing")
	}
}

func (d *eventDecoder) opening(o *Opening) error {
	var seen jsonread.Fields
	var has struct{ id, priority, deployment, offering bool }
	var calGiven, zoneGiven bool
	err := d.S.Object(func(key []byte) error {
		var err error
		k := string(key)
		p := "case." + k
		bit := uint(0)
		switch k {
		case "id":
			bit = 1
		case "priority":
			bit = 2
		case "deployment":
			bit = 3
		case "offering":
			bit = 4
		case "product":
			bit = 5
		case "region":
			bit = 6
		case "assigned":
			bit = 7
		case "awaiting_customer":
			bit = 8
		case "business_impact":
			bit = 9
		case "engaged":
			bit = 10
		case "calendar":
			bit = 11
		case "time_zone":
			bit = 12
		default:
			return d.Unknown("case", key)
		}
		if !d.Once(&seen, bit, p) {
			return d.S.Skip()
		}
		switch k {
		case "id":
			o.ID, has.id, err = d.Str(p)
			if err == nil && has.id && o.ID == "" {
				has.id = false
				d.Add(p, "missing: the id is empty")
			}
		case "priority":
			o.Priority, has.priority, err = jsonread.Enum(&d.Decoder, p, priority.Parse)
		case "deployment":
			o.Deployment, has.deployment, err = jsonread.Enum(&d.Decoder, p, escalation.ParseDeployment)
		case "offering":
			o.Offering, has.offering, err = jsonread.Enum(&d.Decoder, p, fedramp.ParseOffering)
		case "product":
			o.Product, _, err = jsonread.Enum(&d.Decoder, p, escalation.ParseProduct)
		case "region":
			o.Region, _, err = d.Str(p)
		case "assigned":
			o.Assigned, err = d.Bool(p)
		case "awaiting_customer":
			o.AwaitingCustomer, err = d.Bool(p)
		case "business_impact":
			o.BusinessImpact, err = d.Bool(p)
		case "engaged":
			o.Engaged, err = d.engaged(p)
		case "calendar":
			o.Calendar, calGiven, err = d.Str(p)
			if err == nil && calGiven && o.Calendar == "" {
				d.Add(p, "unknown calendar")
			}
		case "time_zone":
			o.TimeZone, zoneGiven, err = d.Str(p)
			if err == nil && zoneGiven && o.TimeZone == "" {
				d.Add(p, "unknown time zone")
			}
		}
		return err
	})
	if err != nil {
		return err
	}
	if !d.Seen("case.id") {
		d.Missing(has.id, "case.id")
	}
	d.Missing(has.priority || d.Seen("case.priority"), "case.priority")
	d.Missing(has.deployment || d.Seen("case.deployment"), "case.deployment")
	d.Missing(has.offering || d.Seen("case.offering"), "case.offering")
	if !d.Seen("case.calendar") && !d.Seen("case.time_zone") {
		if _, err := resolve(o.Calendar, o.TimeZone); err != nil {
			for _, p := range calendarProblems(nil, 0, "case", err) {
				d.Add(p.Field, p.Problem)
			}
		}
	}
	return nil
}

// engaged reads a list of engagements; null and [] are nil.
func (d *eventDecoder) engaged(p string) ([]escalation.Engagement, error) {
	if d.S.Peek() == 'n' {
		return nil, d.S.Literal("null")
	}
	if d.S.Peek() != '[' {
		d.Add(p, "want an array, got "+d.S.Kind())
		return nil, d.S.Skip()
	}
	var out []escalation.Engagement
	err := d.S.Array(func(i int) error {
		g, ok, err := jsonread.Enum(&d.Decoder, jsonread.Index(p, i), escalation.ParseEngagement)
		if ok {
			out = append(out, g)
		} else if err == nil && !d.Seen(jsonread.Index(p, i)) {
			d.Add(jsonread.Index(p, i), "want a string, got null")
		}
		return err
	})
	return out, err
}

func (d *eventDecoder) fields(f *Fields) error {
	var seen jsonread.Fields
	err := d.S.Object(func(key []byte) error {
		var err error
		k := string(key)
		p := "fields." + k
		bit := uint(0)
		switch k {
		case "priority":
			bit = 1
		case "deployment":
			bit = 2
		case "offering":
			bit = 3
		case "product":
			bit = 4
		case "region":
			bit = 5
		case "calendar":
			bit = 6
		case "time_zone":
			bit = 7
		case "assigned":
			bit = 8
		case "awaiting_customer":
			bit = 9
		case "business_impact":
			bit = 10
		case "engaged":
			bit = 11
		default:
			return d.Unknown("fields", key)
		}
		if !d.Once(&seen, bit, p) {
			return d.S.Skip()
		}
		null := d.S.Peek() == 'n'
		switch k {
		case "priority", "deployment", "offering", "assigned", "awaiting_customer", "business_impact":
			if null {
				d.Add(p, "required: null cannot clear it")
				return d.S.Literal("null")
			}
		}
		switch k {
		case "priority":
			f.Priority, err = enumPtr(d, p, priority.Parse)
		case "deployment":
			f.Deployment, err = enumPtr(d, p, escalation.ParseDeployment)
		case "offering":
			f.Offering, err = enumPtr(d, p, fedramp.ParseOffering)
		case "product":
			if null {
				f.Product = new(escalation.Product)
				return d.S.Literal("null")
			}
			f.Product, err = enumPtr(d, p, escalation.ParseProduct)
		case "region":
			var v string
			v, _, err = d.Str(p)
			if !d.Seen(p) {
				f.Region = &v
			}
		case "calendar", "time_zone":
			var v string
			var ok bool
			v, ok, err = d.Str(p)
			if err != nil || d.Seen(p) {
				return err
			}
			switch {
			case k == "calendar" && ok && !knownCalendar(v):
				d.Add(p, "unknown calendar")
			case k == "time_zone" && ok && !knownZone(v):
				d.Add(p, "unknown time zone")
			case k == "calendar":
				f.Calendar = &v
			default:
				f.TimeZone = &v
			}
		case "assigned":
			f.Assigned, err = boolPtr(d, p)
		case "awaiting_customer":
			f.AwaitingCustomer, err = boolPtr(d, p)
		case "business_impact":
			f.BusinessImpact, err = boolPtr(d, p)
		case "engaged":
			var g []escalation.Engagement
			g, err = d.engaged(p)
			f.Engaged = &g
		}
		return err
	})
	return err
}

func enumPtr[T any](d *eventDecoder, p string, parse func(string) (T, error)) (*T, error) {
	v, ok, err := jsonread.Enum(&d.Decoder, p, parse)
	if !ok {
		return nil, err
	}
	return &v, err
}

func boolPtr(d *eventDecoder, p string) (*bool, error) {
	v, ok, err := d.OptBool(p)
	if !ok {
		return nil, err
	}
	return &v, err
}

func knownCalendar(name string) bool {
	_, err := resolve(name, "UTC")
	return name != "" && err == nil
}

func knownZone(zone string) bool {
	_, err := resolve("US", zone)
	return zone != "" && err == nil
}
