package escalation

import (
	"errors"
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
	ps    []Policy  // the set's versions, to name a pinned one without a copy
	old   reused    // what the Input held before, kept when equal
	spare *Case     // the case to decode into, from the Input's last use
}

// reused holds the values of the Input decoded into last, which ParseInputTo
// keeps when the new line has the same text instead of allocating again.
type reused struct {
	id, region, details string
	cal                 calendar.Calendar
}

// ParseInput decodes one request in the JSON of docs/CONTRACT.md, strictly:
// unknown or repeated fields, unknown enum text, missing required fields,
// times after now, an escalation closed before it opened, an unknown calendar
// or zone, a FedRAMP case outside us-east-2 and a policy version the set does
// not have are all reported, each as a *FieldError naming the field by its
// JSON path (see Problems). No problem repeats the offending value. Input that
// is not JSON at all is one FieldError on the field "".
func (s Set) ParseInput(data []byte) (Input, error) {
	var in Input
	if err := s.parseInput(&in, data, time.Time{}, false); err != nil {
		return Input{}, err
	}
	return in, nil
}

// ParseInputAt is ParseInput for a service that keeps the clock: a body
// without "now" is decided at now (a body that names its own "now" keeps
// it). A zero now makes "now" required, as in ParseInput.
func (s Set) ParseInputAt(data []byte, now time.Time) (Input, error) {
	var in Input
	if err := s.parseInput(&in, data, now, false); err != nil {
		return Input{}, err
	}
	return in, nil
}

// ParseInputTo is ParseInput decoding into *in and reusing its memory: its
// Case, the capacity of the case's escalations and engagements, and its
// strings and calendar when the new line has the same text. A program that
// decodes line after line into one Input allocates little. The values
// previously in *in are overwritten, also through in.Case: copy them first
// to keep them. Pass a zero Input or one that ParseInputTo filled. On error
// *in holds no request (but keeps its memory for the next call).
func (s Set) ParseInputTo(in *Input, data []byte) error {
	return s.parseInput(in, data, time.Time{}, true)
}

func (s Set) parseInput(in *Input, data []byte, now time.Time, reuse bool) error {
	d := decoder{Decoder: jsonread.NewDecoder(data), ps: s.ps}
	d.clock = now
	if reuse {
		if c := in.Case; c != nil {
			d.old = reused{id: c.ID, region: c.Region, cal: c.Calendar}
			*c = Case{Escalations: c.Escalations[:0], Engaged: c.Engaged[:0]}
			d.spare = c
		}
		d.old.details = in.Request.Details
	}
	*in = Input{}
	fail := func(err error) error {
		*in = Input{Case: d.spare}
		if c := d.spare; c != nil {
			*c = Case{Escalations: c.Escalations[:0], Engaged: c.Engaged[:0]}
		}
		return err
	}
	if err := d.input(in); err != nil {
		return fail(&FieldError{Field: "", Problem: err.Error()})
	}
	if in.Policy != "" && !s.has(in.Policy) {
		d.Add("policy", "unknown value")
	}
	if d.Seen("") {
		return fail(d.err()) // not an object: nothing else to say
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
		return fail(err)
	}
	return nil
}

// keep returns old when b has the same text, else b as a new string.
func keep(old string, b []byte) string {
	if string(b) == old {
		return old
	}
	return string(b)
}

// str reads a string as Str does, keeping old when it is the same text.
func (d *decoder) str(path, old string) (string, bool, error) {
	b, ok, err := d.Bytes(path)
	if !ok {
		return "", ok, err
	}
	return keep(old, b), ok, err
}

// The text forms of the enums a request names, looked up by bytes. Each
// holds exactly the names its Parse function accepts.
var (
	statusText     = namesOf(ParseStatus, Status.String)
	priorityText   = namesOf(priority.Parse, priority.Level.String)
	deploymentText = namesOf(ParseDeployment, Deployment.String)
	offeringText   = namesOf(fedramp.ParseOffering, fedramp.Offering.String)
	productText    = namesOf(ParseProduct, Product.String)
	engagementText = namesOf(ParseEngagement, Engagement.String)
	reasonText     = namesOf(ParseRequestReason, RequestReason.String)
	channelText    = namesOf(ParseChannel, Channel.String)
	portalText     = namesOf(fedramp.ParsePortal, fedramp.Portal.String)
	roleText       = namesOf(access.ParseRole, access.Role.String)
	pinText        = namesOf(fedramp.ParsePIN, fedramp.PIN.String) // "" (NoPIN) is handled apart
)

// namesOf returns the names parse accepts: the text forms of the values
// that parse back to themselves.
func namesOf[T ~uint8](parse func(string) (T, error), name func(T) string) jsonread.Names {
	return jsonread.NamesOf(func(v T) bool {
		p, err := parse(name(v))
		return err == nil && p == v
	}, name)
}

// enumOf reads an enum at a constant path.
func enumOf[T ~uint8](d *decoder, path string, names jsonread.Names) (T, bool, error) {
	return jsonread.EnumAt[T](&d.Decoder, jsonread.At(path), names)
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
func (s Set) EvaluateInput(in Input) (d Decision, err error) {
	if err = s.EvaluateInputTo(&d, &in); err != nil {
		return Decision{}, err
	}
	return d, nil
}

// has reports whether the set has a version named name (Lookup without
// the copy).
func (s Set) has(name string) bool {
	for i := range s.ps {
		if s.ps[i].cfg.Name == name {
			return true
		}
	}
	return false
}

// EvaluateInputTo is EvaluateInput writing into *d, as EvaluateTo does.
func (s Set) EvaluateInputTo(d *Decision, in *Input) error {
	if in.Policy != "" {
		for i := range s.ps {
			if s.ps[i].cfg.Name == in.Policy {
				return s.ps[i].EvaluateTo(d, in.Case, in.Request, in.Now)
			}
		}
		d.reset()
		return &FieldError{Field: "policy", Problem: "unknown value"}
	}
	return s.EvaluateTo(d, in.Case, in.Request, in.Now)
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
				b, ok, err := d.Bytes("policy")
				if err == nil && ok {
					in.Policy = d.policyName(b)
					if in.Policy == "" {
						d.Add("policy", "unknown value")
					}
				}
				return err
			}
		case "case":
			if d.Once(&seen, 2, "case") {
				switch d.S.Peek() {
				case 'n':
					return d.S.Literal("null")
				case '{':
					in.Case = d.spare
					if in.Case == nil {
						in.Case = new(Case)
					}
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

// policyName returns the name of the set's version named b, or b as a new
// string when the set has none.
func (d *decoder) policyName(b []byte) string {
	for i := range d.ps {
		if name := d.ps[i].cfg.Name; string(b) == name {
			return name
		}
	}
	return string(b)
}

func (d *decoder) caseObject(c *Case) error {
	var seen jsonread.Fields
	var has struct{ id, status, priority, deployment, offering, updated bool }
	var calName, zoneName string
	var calGiven, zoneGiven bool
	err := d.S.Object(func(key []byte) error {
		var err error
		var bit uint
		var p string
		switch string(key) {
		case "id":
			bit, p = 1, "case.id"
		case "status":
			bit, p = 2, "case.status"
		case "priority":
			bit, p = 3, "case.priority"
		case "deployment":
			bit, p = 4, "case.deployment"
		case "offering":
			bit, p = 5, "case.offering"
		case "product":
			bit, p = 6, "case.product"
		case "region":
			bit, p = 7, "case.region"
		case "assigned":
			bit, p = 8, "case.assigned"
		case "opened_at":
			bit, p = 9, "case.opened_at"
		case "last_updated_at":
			bit, p = 10, "case.last_updated_at"
		case "awaiting_customer":
			bit, p = 11, "case.awaiting_customer"
		case "business_impact":
			bit, p = 12, "case.business_impact"
		case "engaged":
			bit, p = 13, "case.engaged"
		case "calendar":
			bit, p = 14, "case.calendar"
		case "time_zone":
			bit, p = 15, "case.time_zone"
		case "escalations":
			bit, p = 16, "case.escalations"
		case "rca":
			bit, p = 17, "case.rca"
		case "last_support_update_at":
			bit, p = 18, "case.last_support_update_at"
		default:
			return d.Unknown("case", key)
		}
		if !d.Once(&seen, bit, p) {
			return d.S.Skip()
		}
		switch bit {
		case 1:
			c.ID, has.id, err = d.str(p, d.old.id)
			if err == nil && has.id && c.ID == "" {
				has.id = false
				d.Add(p, "missing: the id is empty")
			}
		case 2:
			c.Status, has.status, err = enumOf[Status](d, p, statusText)
		case 3:
			c.Priority, has.priority, err = enumOf[priority.Level](d, p, priorityText)
		case 4:
			c.Deployment, has.deployment, err = enumOf[Deployment](d, p, deploymentText)
		case 5:
			c.Offering, has.offering, err = enumOf[fedramp.Offering](d, p, offeringText)
		case 6:
			c.Product, _, err = enumOf[Product](d, p, productText)
		case 7:
			old := d.old.region
			if old == "" {
				old = fedramp.Region
			}
			c.Region, _, err = d.str(p, old)
		case 8:
			c.Assigned, err = d.Bool(p)
		case 9:
			c.OpenedAt, _, err = d.Instant(p)
		case 10:
			c.LastUpdatedAt, has.updated, err = d.Instant(p)
		case 18:
			c.LastSupportUpdateAt, _, err = d.Instant(p)
		case 11:
			c.AwaitingCustomer, err = d.Bool(p)
		case 12:
			c.BusinessImpact, err = d.Bool(p)
		case 13:
			err = d.engaged(c)
		case 14:
			old := ""
			if d.old.cal.IsValid() {
				old = d.old.cal.Name()
			}
			calName, calGiven, err = d.str(p, old)
		case 15:
			old := ""
			if d.old.cal.IsValid() {
				old = d.old.cal.Location().String()
			}
			zoneName, zoneGiven, err = d.str(p, old)
		case 16:
			err = d.escalations(c)
		case 17:
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
		var cal calendar.Calendar
		var err error
		if old := d.old.cal; old.IsValid() && old.Name() == calName && old.Location().String() == zoneName {
			cal = old // the same names give the same calendar
		} else {
			cal, err = calendar.Named(calName, zoneName)
		}
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
		e, ok, err := jsonread.EnumAt[Engagement](&d.Decoder, jsonread.Elem("case.engaged", i, ""), engagementText)
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
		const base = "case.escalations"
		if d.S.Peek() != '{' {
			d.AddAt(jsonread.Elem(base, i, ""), "want an object, got "+d.S.Kind())
			return d.S.Skip()
		}
		var e Escalation
		var seen jsonread.Fields
		var opened bool
		// The ID of the escalation this one overwrites, kept when the same.
		oldID := ""
		if n := len(c.Escalations); n < cap(c.Escalations) {
			oldID = c.Escalations[:n+1][n].ID
		}
		err := d.S.Object(func(key []byte) error {
			var err error
			switch string(key) {
			case "id":
				if p := jsonread.Elem(base, i, "id"); d.OnceAt(&seen, 0, p) {
					var b []byte
					var ok bool
					if b, ok, err = d.BytesAt(p); ok {
						e.ID = keep(oldID, b)
					}
					return err
				}
			case "opened_at":
				if p := jsonread.Elem(base, i, "opened_at"); d.OnceAt(&seen, 1, p) {
					e.OpenedAt, opened, err = d.InstantAt(p)
					return err
				}
			case "closed_at":
				if p := jsonread.Elem(base, i, "closed_at"); d.OnceAt(&seen, 2, p) {
					e.ClosedAt, _, err = d.InstantAt(p)
					return err
				}
			default:
				return d.UnknownAt(jsonread.Elem(base, i, ""), key)
			}
			return d.S.Skip()
		})
		d.MissingAt(opened, jsonread.Elem(base, i, "opened_at"))
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

// optionalObject reports whether the value at path p is an object to read.
// A null is read as absent; any other value is reported and skipped.
func (d *decoder) optionalObject(p string) (bool, error) {
	switch d.S.Peek() {
	case '{':
		return true, nil
	case 'n':
		return false, d.S.Literal("null")
	}
	d.Add(p, "want an object, got "+d.S.Kind())
	return false, d.S.Skip()
}

func (d *decoder) rcaObject(c *Case) error {
	if ok, err := d.optionalObject("case.rca"); !ok {
		return err
	}
	var seen jsonread.Fields
	return d.S.Object(func(key []byte) error {
		var err error
		switch string(key) {
		case "requested_at":
			if p := "case.rca.requested_at"; d.Once(&seen, 0, p) {
				c.RCA.RequestedAt, _, err = d.Instant(p)
				return err
			}
		case "service_restored_at":
			if p := "case.rca.service_restored_at"; d.Once(&seen, 1, p) {
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
		var bit uint
		var p string
		switch string(key) {
		case "reason":
			bit, p = 1, "request.reason"
		case "channel":
			bit, p = 2, "request.channel"
		case "portal":
			bit, p = 3, "request.portal"
		case "role":
			bit, p = 4, "request.role"
		case "pin":
			bit, p = 5, "request.pin"
		case "last_viewed_at":
			bit, p = 6, "request.last_viewed_at"
		case "details":
			bit, p = 7, "request.details"
		default:
			return d.Unknown("request", key)
		}
		if !d.Once(&seen, bit, p) {
			return d.S.Skip()
		}
		switch bit {
		case 1:
			r.Reason, has.reason, err = enumOf[RequestReason](d, p, reasonText)
		case 2:
			r.Channel, has.channel, err = enumOf[Channel](d, p, channelText)
		case 3:
			var present bool
			r.Portal, present, err = enumOf[fedramp.Portal](d, p, portalText)
			*portalGiven = present || d.Seen(p)
		case 4:
			r.Role, has.role, err = enumOf[access.Role](d, p, roleText)
		case 5:
			var b []byte
			var ok bool
			b, ok, err = d.Bytes(p)
			if err == nil && ok && len(b) > 0 {
				v, known := pinText.Lookup(b)
				if !known {
					d.Add(p, "unknown value")
				}
				r.PIN = fedramp.PIN(v)
			}
		case 6:
			r.LastViewedAt, _, err = d.Instant(p)
		case 7:
			r.Details, _, err = d.str(p, d.old.details)
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
