package escalation

import (
	"math/bits"

	"github.com/casepolicy/casepolicy/internal/jsonwrite"
)

// AppendJSON appends the decision in docs/CONTRACT.md's JSON, one object with no
// newline. Times are RFC 3339 in UTC with fractional seconds when they are
// not zero, so one fed back as now is exact.
func (d Decision) AppendJSON(b []byte) []byte {
	b = append(b, `{"allowed":`...)
	b = jsonwrite.Bool(b, d.Allowed)
	b = append(b, `,"outcome":`...)
	b = jsonwrite.String(b, d.Outcome.String())
	b = append(b, `,"policy":`...)
	b = jsonwrite.String(b, d.Policy)
	b = append(b, `,"reasons":`...)
	b = appendList(b, &d.Reasons.list, &d.Reasons)
	b = append(b, `,"warnings":`...)
	b = appendList(b, &d.Warnings.list, nil)
	if !d.NextEligibleAt.IsZero() {
		b = append(b, `,"next_eligible_at":`...)
		b = jsonwrite.Time(b, d.NextEligibleAt)
	}
	if d.Control.Label != "" {
		b = append(b, `,"control":{"label":`...)
		b = jsonwrite.String(b, d.Control.Label)
		b = append(b, `,"enabled":`...)
		b = jsonwrite.Bool(b, d.Control.Enabled)
		b = append(b, `,"explanation":`...)
		b = jsonwrite.String(b, d.Control.Explanation)
		b = append(b, '}')
	}
	return append(b, '}')
}

// MarshalJSON implements json.Marshaler with AppendJSON.
func (d Decision) MarshalJSON() ([]byte, error) { return d.AppendJSON(nil), nil }

// appendList writes a list of reasons (rs set: each with its remedy and
// eligible instant) or of warnings (rs nil).
func appendList(b []byte, l *list, rs *Reasons) []byte {
	b = append(b, '[')
	for m := l.codes; m != 0; m &= m - 1 {
		if m != l.codes {
			b = append(b, ',')
		}
		c := Code(bits.TrailingZeros32(m))
		b = append(b, `{"code":`...)
		b = jsonwrite.String(b, c.String())
		b = append(b, `,"clause":`...)
		b = jsonwrite.String(b, codes[c].clause)
		b = append(b, `,"message":`...)
		b = jsonwrite.String(b, l.message(c))
		if rs != nil {
			b = append(b, `,"remedy":`...)
			b = jsonwrite.String(b, l.remedy(c))
			if e := rs.eligible(c); !e.IsZero() {
				b = append(b, `,"eligible_at":`...)
				b = jsonwrite.Time(b, e)
			}
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// AppendErrorJSON appends docs/CONTRACT.md's error object for an input error:
// {"error":{"problems":[{"field":"case.priority","problem":"..."}]}}, listing
// every FieldError in err (an error of another kind is one problem on "").
func AppendErrorJSON(b []byte, err error) []byte {
	b = append(b, `{"error":{"problems":[`...)
	fes := Problems(err)
	if len(fes) == 0 {
		fes = []*FieldError{{Field: "", Problem: err.Error()}}
	}
	for i, fe := range fes {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"field":`...)
		b = jsonwrite.String(b, fe.Field)
		b = append(b, `,"problem":`...)
		b = jsonwrite.String(b, fe.Problem)
		b = append(b, '}')
	}
	return append(b, "]}}"...)
}

// MarshalJSON encodes the input in docs/CONTRACT.md's request JSON; ParseInput
// reads it back to an equal Input. Optional fields at their zero value are
// left out.
func (in Input) MarshalJSON() ([]byte, error) {
	b := []byte(`{"now":`)
	b = jsonwrite.Time(b, in.Now)
	if in.Policy != "" {
		b = append(b, `,"policy":`...)
		b = jsonwrite.String(b, in.Policy)
	}
	if in.Case != nil {
		b = append(b, `,"case":`...)
		b = in.Case.appendJSON(b)
	}
	if in.Case != nil || in.Request != (Request{}) {
		b = append(b, `,"request":`...)
		b = in.Request.appendJSON(b)
	}
	return append(b, '}'), nil
}

// appendJSON appends the case in docs/CONTRACT.md's JSON.
func (c *Case) appendJSON(b []byte) []byte {
	{
		b = append(b, `{"id":`...)
		b = jsonwrite.String(b, c.ID)
		b = jsonwrite.Field(b, "status", c.Status.String())
		b = jsonwrite.Field(b, "priority", c.Priority.String())
		b = jsonwrite.Field(b, "deployment", c.Deployment.String())
		b = jsonwrite.Field(b, "offering", c.Offering.String())
		if c.Product != 0 {
			b = jsonwrite.Field(b, "product", c.Product.String())
		}
		if c.Region != "" {
			b = jsonwrite.Field(b, "region", c.Region)
		}
		b = append(b, `,"assigned":`...)
		b = jsonwrite.Bool(b, c.Assigned)
		if !c.OpenedAt.IsZero() {
			b = append(b, `,"opened_at":`...)
			b = jsonwrite.Time(b, c.OpenedAt)
		}
		b = append(b, `,"last_updated_at":`...)
		b = jsonwrite.Time(b, c.LastUpdatedAt)
		if !c.LastSupportUpdateAt.IsZero() {
			b = append(b, `,"last_support_update_at":`...)
			b = jsonwrite.Time(b, c.LastSupportUpdateAt)
		}
		b = append(b, `,"awaiting_customer":`...)
		b = jsonwrite.Bool(b, c.AwaitingCustomer)
		b = append(b, `,"business_impact":`...)
		b = jsonwrite.Bool(b, c.BusinessImpact)
		if len(c.Engaged) > 0 {
			b = append(b, `,"engaged":[`...)
			for i, e := range c.Engaged {
				if i > 0 {
					b = append(b, ',')
				}
				b = jsonwrite.String(b, e.String())
			}
			b = append(b, ']')
		}
		if c.Calendar.IsValid() {
			b = jsonwrite.Field(b, "calendar", c.Calendar.Name())
			b = jsonwrite.Field(b, "time_zone", c.Calendar.Location().String())
		}
		if len(c.Escalations) > 0 {
			b = append(b, `,"escalations":[`...)
			for i, e := range c.Escalations {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, '{')
				if e.ID != "" {
					b = append(b, `"id":`...)
					b = jsonwrite.String(b, e.ID)
					b = append(b, ',')
				}
				b = append(b, `"opened_at":`...)
				b = jsonwrite.Time(b, e.OpenedAt)
				if !e.ClosedAt.IsZero() {
					b = append(b, `,"closed_at":`...)
					b = jsonwrite.Time(b, e.ClosedAt)
				}
				b = append(b, '}')
			}
			b = append(b, ']')
		}
		if c.RCA.Requested() || !c.RCA.ServiceRestoredAt.IsZero() {
			b = append(b, `,"rca":{`...)
			sep := ""
			if c.RCA.Requested() {
				b = append(b, `"requested_at":`...)
				b = jsonwrite.Time(b, c.RCA.RequestedAt)
				sep = ","
			}
			if !c.RCA.ServiceRestoredAt.IsZero() {
				b = append(b, sep+`"service_restored_at":`...)
				b = jsonwrite.Time(b, c.RCA.ServiceRestoredAt)
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return b
}

// appendJSON appends the request in docs/CONTRACT.md's JSON; fields left
// unset (possible only without a case, G1) are left out.
func (r Request) appendJSON(b []byte) []byte {
	{
		b = append(b, '{')
		n := len(b)
		field := func(name, value string) {
			if len(b) > n {
				b = append(b, ',')
			}
			b = append(b, '"')
			b = append(b, name...)
			b = append(b, '"', ':')
			b = jsonwrite.String(b, value)
		}
		if r.Reason.IsValid() {
			field("reason", r.Reason.String())
		}
		if r.Channel.IsValid() {
			field("channel", r.Channel.String())
		}
		if r.Channel == Portal && r.Portal != 0 {
			field("portal", r.Portal.String())
		}
		if r.Role != 0 {
			field("role", r.Role.String())
		}
		if r.PIN != 0 {
			field("pin", r.PIN.String())
		}
		if !r.LastViewedAt.IsZero() {
			if len(b) > n {
				b = append(b, ',')
			}
			b = append(b, `"last_viewed_at":`...)
			b = jsonwrite.Time(b, r.LastViewedAt)
		}
		if r.Details != "" {
			field("details", r.Details)
		}
		b = append(b, '}')
	}
	return b
}
