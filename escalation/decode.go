package escalation

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/escalation/access"
	"github.com/casepolicy/casepolicy/fedramp"
	"github.com/casepolicy/casepolicy/internal/jsonread"
	"github.com/casepolicy/casepolicy/priority"
)

// Input is one request line of docs/CONTRACT.md: the instant, an optional pinned
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
	jsonread.Decoder
	clock time.Time // the service's now, for a body without one
}

// ParseInput decodes one request in the JSON of docs/CONTRACT.md, strictly:
// unknown or repeated fields, unknown enum text, missing required fields,
// times after now, an escalation closed before it opened, an unknown calendar
// or zone, a FedRAMP case outside us-east-2 and a policy version the set does
// not have are all reported, each as a *FieldError naming the field by its
// JSON path (see Problems). No problem repeats the offending value. Input that
// is not JSON at all is one FieldError on the field "".
func (s Set) ParseInput(data []byte) (Input, error) {
	return s.parseInput(data, time.Time{})
}

// ParseInputAt is ParseInput for a service that keeps the clock: a body
// without "now" is decided at now (a body that names its own "now" keeps
// it). A zero now makes "now" required, as in ParseInput.
func (s Set) ParseInputAt(data []byte, now time.Time) (Input, error) {
	return s.parseInput(data, now)
}

func (s Set) parseInput(data []byte, now time.Time) (Input, error) {
	var in Input
	d := decoder{Decoder: jsonread.NewDecoder(data)}
	d.clock = now
	if err := d.input(&in); err != nil {
		return Input{}, &FieldError{Field: "", Problem: err.Error()}
	}
	if in.Policy != "" {
		if _, ok := s.Lookup(in.Policy); !ok {
			d.Add("policy", "unknown value")
		}
	}
	if d.Seen("") {
		return Input{}, d.err() // not an object: nothing else to say
	}
	if err := validate(in.Case, &in.Request, in.Now); err != nil {
		for _, fe := range Problems(err) {
			if d.Seen(fe.Field) || d.Seen("request") && strings.HasPrefix(fe.Field, "request.") {
				continue
			}
			d.Add(fe.Field, fe.Problem)
		}
	}
	if err := d.err(); err != nil {
		return Input{}, err
	}
	return in, nil
}

// err returns the decoder's problems as one error, or nil.
func (d *decoder) err() error {
	if len(d.Problems) == 0 {
		return nil
	}
	list := make(fieldErrors, len(d.Problems))
	for i, p := range d.Problems {
		list[i] = &FieldError{Field: p.Field, Problem: p.Problem}
	}
	return list
}

// EvaluateInput decides a decoded Input: under its pinned version when it
// names one, else under the version in force at its Now.
func (s Set) EvaluateInput(in Input) (Decision, error) {
	if in.Policy != "" {
		p, ok := s.Lookup(in.Policy)
		if !ok {
			return Decision{}, &FieldError{Field: "policy", Problem: "unknown value"}
		}
		return p.Evaluate(in.Case, in.Request, in.Now)
	}
	return s.Evaluate(in.Case, in.Request, in.Now)
}

func (d *decoder) input(in *Input) error {
	var seen jsonread.Fields
	var hasNow, hasRequest bool
	var portalGiven bool
	var missingInRequest []string
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
	err := d.S.Object(func(key []byte) error {
		var err error
		switch string(key) {
		case "now":
			if d.Once(&seen, 0, "now") {
				in.Now, hasNow, err = d.Instant("now")
				return err
			}
		case "policy":
			if d.Once(&seen, 1, "policy") {
				var ok bool
				in.Policy, ok, err = d.Str("policy")
				if err == nil && ok && in.Policy == "" {
					d.Add("policy", "unknown value")
				}
				return err
			}
		case "case":
			if d.Once(&seen, 2, "case") {
				switch d.S.Peek() {
				case 'n':
					return d.S.Literal("null")
				case '{':
					in.Case = new(Case)
					return d.caseObject(in.Case)
				}
				d.Add("case", "want an object, got "+d.S.Kind())
			}
		case "request":
			if d.Once(&seen, 3, "request") {
				switch d.S.Peek() {
				case 'n':
					return d.S.Literal("null")
				case '{':
					hasRequest = true
					return d.requestObject(&in.Request, &portalGiven, &missingInRequest)
				}
				hasRequest = true
				d.Add("request", "want an object, got "+d.S.Kind())
			}
		default:
			return d.Unknown("", key)
		}
		return d.S.Skip()
	})
	if err != nil {
		return err
	}
	if !hasNow && !d.clock.IsZero() && !d.Seen("now") {
		in.Now, hasNow = d.clock, true
	}
	d.Missing(hasNow, "now")
	if in.Case != nil {
		if !hasRequest {
			d.Add("request", "missing")
		}
		for _, m := range missingInRequest {
			d.Add(m, "missing")
		}
		if hasRequest && in.Request.Channel == Portal && !portalGiven {
			d.Add("request.portal", "missing: a portal request names its portal")
		}
	}
	if in.Request.Channel != Portal {
		// Other channels ignore the portal; dropping it keeps an Input equal
		// to what its MarshalJSON reads back as.
		in.Request.Portal = 0
	}
	return d.S.End()
}

func (d *decoder) caseObject(c *Case) error {
	var seen jsonread.Fields
	var has struct{ id, status, priority, deployment, offering, updated bool }
	var calName, zoneName string
	var calGiven, zoneGiven bool
	err := d.S.Object(func(key []byte) error {
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
		case "last_support_update_at":
			bit = 18
		default:
			return d.Unknown("case", key)
		}
		if !d.Once(&seen, bit, p) {
			return d.S.Skip()
		}
		switch k {
		case "id":
			c.ID, has.id, err = d.Str(p)
			if err == nil && has.id && c.ID == "" {
				has.id = false
				d.Add(p, "missing: the id is empty")
			}
		case "status":
			c.Status, has.status, err = jsonread.Enum(&d.Decoder, p, ParseStatus)
		case "priority":
			c.Priority, has.priority, err = jsonread.Enum(&d.Decoder, p, priority.Parse)
		case "deployment":
			c.Deployment, has.deployment, err = jsonread.Enum(&d.Decoder, p, ParseDeployment)
		case "offering":
			c.Offering, has.offering, err = jsonread.Enum(&d.Decoder, p, fedramp.ParseOffering)
		case "product":
			c.Product, _, err = jsonread.Enum(&d.Decoder, p, ParseProduct)
		case "region":
			c.Region, _, err = d.Str(p)
		case "assigned":
			c.Assigned, err = d.Bool(p)
		case "opened_at":
			c.OpenedAt, _, err = d.Instant(p)
		case "last_updated_at":
			c.LastUpdatedAt, has.updated, err = d.Instant(p)
		case "last_support_update_at":
			c.LastSupportUpdateAt, _, err = d.Instant(p)
		case "awaiting_customer":
			c.AwaitingCustomer, err = d.Bool(p)
		case "business_impact":
			c.BusinessImpact, err = d.Bool(p)
		case "engaged":
			err = d.engaged(c)
		case "calendar":
			calName, calGiven, err = d.Str(p)
		case "time_zone":
			zoneName, zoneGiven, err = d.Str(p)
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
	d.Missing(has.id, "case.id")
	d.Missing(has.status, "case.status")
	d.Missing(has.priority, "case.priority")
	d.Missing(has.deployment, "case.deployment")
	d.Missing(has.offering, "case.offering")
	d.Missing(has.updated, "case.last_updated_at")
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
				d.Add("case.calendar", "unknown calendar")
			}
			if errors.Is(err, calendar.ErrUnknownZone) {
				d.Add("case.time_zone", "unknown time zone")
			}
		}
	}
	return nil
}

func (d *decoder) engaged(c *Case) error {
	if d.S.Peek() == 'n' {
		return d.S.Literal("null")
	}
	if d.S.Peek() != '[' {
		d.Add("case.engaged", "want an array, got "+d.S.Kind())
		return d.S.Skip()
	}
	return d.S.Array(func(i int) error {
		e, ok, err := jsonread.Enum(&d.Decoder, "case.engaged["+strconv.Itoa(i)+"]", ParseEngagement)
		if ok {
			c.Engaged = append(c.Engaged, e)
		}
		return err
	})
}

func (d *decoder) escalations(c *Case) error {
	if d.S.Peek() == 'n' {
		return d.S.Literal("null")
	}
	if d.S.Peek() != '[' {
		d.Add("case.escalations", "want an array, got "+d.S.Kind())
		return d.S.Skip()
	}
	return d.S.Array(func(i int) error {
		prefix := "case.escalations[" + strconv.Itoa(i) + "]"
		if d.S.Peek() != '{' {
			d.Add(prefix, "want an object, got "+d.S.Kind())
			return d.S.Skip()
		}
		var e Escalation
		var seen jsonread.Fields
		var opened bool
		err := d.S.Object(func(key []byte) error {
			var err error
			k := string(key)
			p := prefix + "." + k
			switch k {
			case "id":
				if d.Once(&seen, 0, p) {
					e.ID, _, err = d.Str(p)
					return err
				}
			case "opened_at":
				if d.Once(&seen, 1, p) {
					e.OpenedAt, opened, err = d.Instant(p)
					return err
				}
			case "closed_at":
				if d.Once(&seen, 2, p) {
					e.ClosedAt, _, err = d.Instant(p)
					return err
				}
			default:
				return d.Unknown(prefix, key)
			}
			return d.S.Skip()
		})
		d.Missing(opened, prefix+".opened_at")
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
	switch d.S.Peek() {
	case 'n':
		return d.S.Literal("null")
	case '{':
	default:
		d.Add("case.rca", "want an object, got "+d.S.Kind())
		return d.S.Skip()
	}
	var seen jsonread.Fields
	return d.S.Object(func(key []byte) error {
		var err error
		k := string(key)
		p := "case.rca." + k
		switch k {
		case "requested_at":
			if d.Once(&seen, 0, p) {
				c.RCA.RequestedAt, _, err = d.Instant(p)
				return err
			}
		case "service_restored_at":
			if d.Once(&seen, 1, p) {
				c.RCA.ServiceRestoredAt, _, err = d.Instant(p)
				return err
			}
		default:
			return d.Unknown("case.rca", key)
		}
		return d.S.Skip()
	})
}

// requestObject decodes the request. Missing required fields are recorded in
// missing, not reported: a request without a case needs none of them (G1).
func (d *decoder) requestObject(r *Request, portalGiven *bool, missing *[]string) error {
	var seen jsonread.Fields
	var has struct{ reason, channel, role bool }
	err := d.S.Object(func(key []byte) error {
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
			return d.Unknown("request", key)
		}
		if !d.Once(&seen, bit, p) {
			return d.S.Skip()
		}
		switch k {
		case "reason":
			r.Reason, has.reason, err = jsonread.Enum(&d.Decoder, p, ParseRequestReason)
		case "channel":
			r.Channel, has.channel, err = jsonread.Enum(&d.Decoder, p, ParseChannel)
		case "portal":
			var present bool
			r.Portal, present, err = jsonread.Enum(&d.Decoder, p, fedramp.ParsePortal)
			*portalGiven = present || d.Seen(p)
		case "role":
			r.Role, has.role, err = jsonread.Enum(&d.Decoder, p, access.ParseRole)
		case "pin":
			var v string
			var ok bool
			v, ok, err = d.Str(p)
			if err == nil && ok {
				if r.PIN, err = fedramp.ParsePIN(v); err != nil {
					err = nil
					d.Add(p, "unknown value")
				}
			}
		case "last_viewed_at":
			r.LastViewedAt, _, err = d.Instant(p)
		case "details":
			r.Details, _, err = d.Str(p)
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
