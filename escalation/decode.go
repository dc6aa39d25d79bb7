package escalation

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/priority"
)

// Input is one request line of CONTRACT.md: the instant, an optional pinned
// policy version, the case snapshot and the request.
type Input struct {
	Now time.Time
	// Policy names a pinned version ("2022", "2024-01-18"); "" means the
	// version follows Now (V1).
	Policy string
	// Case is nil when the request has no case (G1).
	Case    *Case
	Request Request
}

// decoder turns a request line into an Input, collecting every problem.
type decoder struct {
	s  scanner
	ps problems
}

// ParseInput decodes one request in CONTRACT.md's JSON, strictly: unknown
// fields, unknown enum text, missing required fields, times after now, an
// escalation closed before it opened, an unknown calendar or zone, a FedRAMP
// case outside us-east-2 and a policy version the set does not have are all
// reported, each as a *FieldError naming the field by its JSON path, joined
// with errors.Join. Input that is not JSON at all is one FieldError on the
// field "".
func (s Set) ParseInput(data []byte) (Input, error) {
	var in Input
	d := decoder{s: scanner{data: data}}
	if err := d.input(&in); err != nil {
		return Input{}, &FieldError{Field: "", Problem: err.Error()}
	}
	if in.Policy != "" {
		if _, ok := s.Lookup(in.Policy); !ok {
			d.ps.add("policy", "unknown value %q", in.Policy)
		}
	}
	if d.ps.seen[""] {
		return Input{}, d.ps.err() // not an object: nothing else to say
	}
	if err := validate(in.Case, &in.Request, in.Now); err != nil {
		for _, fe := range Problems(err) {
			if d.ps.seen[fe.Field] || d.ps.seen["request"] && strings.HasPrefix(fe.Field, "request.") {
				continue
			}
			d.ps.add(fe.Field, "%s", fe.Problem)
		}
	}
	if err := d.ps.err(); err != nil {
		return Input{}, err
	}
	return in, nil
}

// EvaluateInput decides a decoded Input: under its pinned version when it
// names one, else under the version in force at its Now.
func (s Set) EvaluateInput(in Input) (Decision, error) {
	if in.Policy != "" {
		p, ok := s.Lookup(in.Policy)
		if !ok {
			return Decision{}, &FieldError{Field: "policy", Problem: fmt.Sprintf("unknown value %q", in.Policy)}
		}
		return p.Evaluate(in.Case, in.Request, in.Now)
	}
	return s.Evaluate(in.Case, in.Request, in.Now)
}

// fieldSet records which fields of one object were seen, to report
// duplicates and missing ones.
type fieldSet uint32

func (d *decoder) once(seen *fieldSet, bit uint, path string) bool {
	if *seen&(1<<bit) != 0 {
		d.ps.add(path, "duplicate field")
		return false
	}
	*seen |= 1 << bit
	return true
}

// str reads a string value. A null is absent; another type is a problem.
func (d *decoder) str(path string) (string, bool, error) {
	switch d.s.peek() {
	case '"':
		b, err := d.s.rawString()
		return string(b), err == nil, err
	case 'n':
		return "", false, d.s.literal("null")
	}
	d.ps.add(path, "want a string, got %s", d.s.kind())
	return "", false, d.s.skip()
}

func (d *decoder) boolean(path string) (bool, error) {
	switch d.s.peek() {
	case 't':
		return true, d.s.literal("true")
	case 'f':
		return false, d.s.literal("false")
	case 'n':
		return false, d.s.literal("null")
	}
	d.ps.add(path, "want true or false, got %s", d.s.kind())
	return false, d.s.skip()
}

// instant reads an RFC 3339 time. Present reports a valid time was read.
func (d *decoder) instant(path string) (time.Time, bool, error) {
	v, ok, err := d.str(path)
	if err != nil || !ok {
		return time.Time{}, false, err
	}
	t, perr := time.Parse(time.RFC3339Nano, v)
	if perr != nil {
		d.ps.add(path, "not an RFC 3339 time: %q", v)
		return time.Time{}, false, nil
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 || t.IsZero() {
		d.ps.add(path, "%q is out of range", v)
		return time.Time{}, false, nil
	}
	return t, true, nil
}

// enumValue reads a string and parses it with parse; "" is never valid.
func enumValue[T any](d *decoder, path string, parse func(string) (T, error)) (T, bool, error) {
	var zero T
	v, ok, err := d.str(path)
	if err != nil || !ok {
		return zero, false, err
	}
	t, perr := parse(v)
	if perr != nil || v == "" {
		d.ps.add(path, "unknown value %q", v)
		return zero, false, nil
	}
	return t, true, nil
}

// keyPath is the JSON path of a field key under prefix, with any
// unprintable bytes of the key quoted so an error names it safely.
func keyPath(prefix, key string) string {
	q := strconv.Quote(key)
	q = q[1 : len(q)-1]
	if prefix == "" {
		return q
	}
	return prefix + "." + q
}

func (d *decoder) unknown(path string) error {
	d.ps.add(path, "unknown field")
	return d.s.skip()
}

func (d *decoder) missing(present bool, path string) {
	if !present {
		d.ps.add(path, "missing")
	}
}

func (d *decoder) input(in *Input) error {
	var seen fieldSet
	var hasNow, hasRequest bool
	var portalGiven bool
	var missingInRequest []string
	if d.s.peek() != '{' {
		kind := d.s.kind()
		if err := d.s.skip(); err != nil {
			return err
		}
		if err := d.end(); err != nil {
			return err
		}
		d.ps.add("", "want a JSON object, got %s", kind)
		return nil
	}
	err := d.s.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "now":
			if d.once(&seen, 0, "now") {
				in.Now, hasNow, err = d.instant("now")
				return err
			}
		case "policy":
			if d.once(&seen, 1, "policy") {
				var ok bool
				in.Policy, ok, err = d.str("policy")
				if err == nil && ok && in.Policy == "" {
					d.ps.add("policy", "unknown value \"\"")
				}
				return err
			}
		case "case":
			if d.once(&seen, 2, "case") {
				switch d.s.peek() {
				case 'n':
					return d.s.literal("null")
				case '{':
					in.Case = new(Case)
					return d.caseObject(in.Case)
				}
				d.ps.add("case", "want an object, got %s", d.s.kind())
			}
		case "request":
			if d.once(&seen, 3, "request") {
				switch d.s.peek() {
				case 'n':
					return d.s.literal("null")
				case '{':
					hasRequest = true
					return d.requestObject(&in.Request, &portalGiven, &missingInRequest)
				}
				hasRequest = true
				d.ps.add("request", "want an object, got %s", d.s.kind())
			}
		default:
			return d.unknown(keyPath("", string(key)))
		}
		return d.s.skip()
	})
	if err != nil {
		return err
	}
	d.missing(hasNow, "now")
	if in.Case != nil {
		if !hasRequest {
			d.ps.add("request", "missing")
		}
		for _, m := range missingInRequest {
			d.ps.add(m, "missing")
		}
		if hasRequest && in.Request.Channel == Portal && !portalGiven {
			d.ps.add("request.portal", "missing: a portal request names its portal")
		}
	}
	if in.Request.Channel != Portal {
		// Other channels ignore the portal; dropping it keeps an Input equal
		// to what its MarshalJSON reads back as.
		in.Request.Portal = 0
	}
	return d.end()
}

// end checks that nothing but white space follows the value.
func (d *decoder) end() error {
	if d.s.peek() != 0 {
		return d.s.fail("data after the JSON value")
	}
	return nil
}

func (d *decoder) caseObject(c *Case) error {
	var seen fieldSet
	var has struct{ id, status, priority, deployment, offering, updated bool }
	var calName, zoneName string
	var calGiven, zoneGiven bool
	err := d.s.object(func(key []byte) error {
		var err error
		k := string(key)
		p := "case." + k
		bit := uint(0)
		switch k {
		case "id":
			bit = 1
		case "status":
			bit = 2
		case "priority":
			bit = 3
		case "deployment":
			bit = 4
		case "offering":
			bit = 5
		case "product":
			bit = 6
		case "region":
			bit = 7
		case "assigned":
			bit = 8
		case "opened_at":
			bit = 9
		case "last_updated_at":
			bit = 10
		case "awaiting_customer":
			bit = 11
		case "business_impact":
			bit = 12
		case "engaged":
			bit = 13
		case "calendar":
			bit = 14
		case "time_zone":
			bit = 15
		case "escalations":
			bit = 16
		case "rca":
			bit = 17
		default:
			return d.unknown(keyPath("case", k))
		}
		if !d.once(&seen, bit, p) {
			return d.s.skip()
		}
		switch k {
		case "id":
			c.ID, has.id, err = d.str(p)
			if err == nil && has.id && c.ID == "" {
				has.id = false
				d.ps.add(p, "missing: the id is empty")
			}
		case "status":
			c.Status, has.status, err = enumValue(d, p, ParseStatus)
		case "priority":
			c.Priority, has.priority, err = enumValue(d, p, priority.Parse)
		case "deployment":
			c.Deployment, has.deployment, err = enumValue(d, p, ParseDeployment)
		case "offering":
			c.Offering, has.offering, err = enumValue(d, p, fedramp.ParseOffering)
		case "product":
			c.Product, _, err = enumValue(d, p, ParseProduct)
		case "region":
			c.Region, _, err = d.str(p)
		case "assigned":
			c.Assigned, err = d.boolean(p)
		case "opened_at":
			c.OpenedAt, _, err = d.instant(p)
		case "last_updated_at":
			c.LastUpdatedAt, has.updated, err = d.instant(p)
		case "awaiting_customer":
			c.AwaitingCustomer, err = d.boolean(p)
		case "business_impact":
			c.BusinessImpact, err = d.boolean(p)
		case "engaged":
			err = d.engaged(c)
		case "calendar":
			calName, calGiven, err = d.str(p)
		case "time_zone":
			zoneName, zoneGiven, err = d.str(p)
		case "escalations":
			err = d.escalations(c)
		case "rca":
			err = d.rcaObject(c)
		}
		return err
	})
	if err != nil {
		return err
	}
	d.missing(has.id, "case.id")
	d.missing(has.status, "case.status")
	d.missing(has.priority, "case.priority")
	d.missing(has.deployment, "case.deployment")
	d.missing(has.offering, "case.offering")
	d.missing(has.updated, "case.last_updated_at")
	if calGiven || zoneGiven {
		if !calGiven {
			calName = "US"
		}
		if !zoneGiven {
			zoneName = "UTC"
		}
		cal, err := calendar.Named(calName, zoneName)
		switch {
		case err == nil:
			c.Calendar = cal
		default:
			if errors.Is(err, calendar.ErrUnknownCalendar) {
				d.ps.add("case.calendar", "unknown calendar %q", calName)
			}
			if errors.Is(err, calendar.ErrUnknownZone) {
				d.ps.add("case.time_zone", "unknown time zone %q", zoneName)
			}
		}
	}
	return nil
}

func (d *decoder) engaged(c *Case) error {
	if d.s.peek() == 'n' {
		return d.s.literal("null")
	}
	if d.s.peek() != '[' {
		d.ps.add("case.engaged", "want an array, got %s", d.s.kind())
		return d.s.skip()
	}
	return d.s.array(func(i int) error {
		e, ok, err := enumValue(d, "case.engaged["+strconv.Itoa(i)+"]", ParseEngagement)
		if ok {
			c.Engaged = append(c.Engaged, e)
		}
		return err
	})
}

func (d *decoder) escalations(c *Case) error {
	if d.s.peek() == 'n' {
		return d.s.literal("null")
	}
	if d.s.peek() != '[' {
		d.ps.add("case.escalations", "want an array, got %s", d.s.kind())
		return d.s.skip()
	}
	return d.s.array(func(i int) error {
		prefix := "case.escalations[" + strconv.Itoa(i) + "]"
		if d.s.peek() != '{' {
			d.ps.add(prefix, "want an object, got %s", d.s.kind())
			return d.s.skip()
		}
		var e Escalation
		var seen fieldSet
		var opened bool
		err := d.s.object(func(key []byte) error {
			var err error
			k := string(key)
			p := prefix + "." + k
			switch k {
			case "id":
				if d.once(&seen, 0, p) {
					e.ID, _, err = d.str(p)
					return err
				}
			case "opened_at":
				if d.once(&seen, 1, p) {
					e.OpenedAt, opened, err = d.instant(p)
					return err
				}
			case "closed_at":
				if d.once(&seen, 2, p) {
					e.ClosedAt, _, err = d.instant(p)
					return err
				}
			default:
				return d.unknown(keyPath(prefix, k))
			}
			return d.s.skip()
		})
		d.missing(opened, prefix+".opened_at")
		if opened {
			c.Escalations = append(c.Escalations, e)
		} else {
			// Keep the index of every later escalation equal to its input
			// index: a placeholder that validate will not report again.
			c.Escalations = append(c.Escalations, Escalation{ID: e.ID, OpenedAt: time.Unix(0, 0)})
		}
		return err
	})
}

func (d *decoder) rcaObject(c *Case) error {
	switch d.s.peek() {
	case 'n':
		return d.s.literal("null")
	case '{':
	default:
		d.ps.add("case.rca", "want an object, got %s", d.s.kind())
		return d.s.skip()
	}
	var seen fieldSet
	return d.s.object(func(key []byte) error {
		var err error
		k := string(key)
		p := "case.rca." + k
		switch k {
		case "requested_at":
			if d.once(&seen, 0, p) {
				c.RCA.RequestedAt, _, err = d.instant(p)
				return err
			}
		case "service_restored_at":
			if d.once(&seen, 1, p) {
				c.RCA.ServiceRestoredAt, _, err = d.instant(p)
				return err
			}
		default:
			return d.unknown(keyPath("case.rca", k))
		}
		return d.s.skip()
	})
}

// requestObject decodes the request. Missing required fields are recorded in
// missing, not reported: a request without a case needs none of them (G1).
func (d *decoder) requestObject(r *Request, portalGiven *bool, missing *[]string) error {
	var seen fieldSet
	var has struct{ reason, channel, role bool }
	err := d.s.object(func(key []byte) error {
		var err error
		k := string(key)
		p := "request." + k
		bit := uint(0)
		switch k {
		case "reason":
			bit = 1
		case "channel":
			bit = 2
		case "portal":
			bit = 3
		case "role":
			bit = 4
		case "pin":
			bit = 5
		case "last_viewed_at":
			bit = 6
		case "details":
			bit = 7
		default:
			return d.unknown(keyPath("request", k))
		}
		if !d.once(&seen, bit, p) {
			return d.s.skip()
		}
		switch k {
		case "reason":
			r.Reason, has.reason, err = enumValue(d, p, ParseRequestReason)
		case "channel":
			r.Channel, has.channel, err = enumValue(d, p, ParseChannel)
		case "portal":
			var present bool
			r.Portal, present, err = enumValue(d, p, fedramp.ParsePortal)
			*portalGiven = present || d.ps.seen[p]
		case "role":
			r.Role, has.role, err = enumValue(d, p, access.ParseRole)
		case "pin":
			var v string
			var ok bool
			v, ok, err = d.str(p)
			if err == nil && ok {
				if r.PIN, err = fedramp.ParsePIN(v); err != nil {
					err = nil
					d.ps.add(p, "unknown value %q", v)
				}
			}
		case "last_viewed_at":
			r.LastViewedAt, _, err = d.instant(p)
		case "details":
			r.Details, _, err = d.str(p)
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, m := range []struct {
		has  bool
		path string
	}{{has.reason, "request.reason"}, {has.channel, "request.channel"}, {has.role, "request.role"}} {
		if !m.has {
			*missing = append(*missing, m.path)
		}
	}
	return nil
}
