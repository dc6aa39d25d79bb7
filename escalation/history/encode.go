package history

import (
	"github.com/casepolicy/casepolicy/escalation"
	"github.com/casepolicy/casepolicy/internal/jsonwrite"
)

// AppendJSONL appends the history as docs/CONTRACT.md's JSON Lines, one event
// per line, each ending in a newline. Parse reads it back to an equal
// history.
func (h *History) AppendJSONL(b []byte) []byte {
	for i := range h.events {
		b = h.events[i].AppendJSON(b)
		b = append(b, '\n')
	}
	return b
}

// AppendJSON appends the event as one JSON object with no newline: "at",
// "type", then the fields the type has. Times are RFC 3339 in UTC with
// fractional seconds when they are not zero.
func (e *Event) AppendJSON(b []byte) []byte {
	b = append(b, `{"at":`...)
	b = jsonwrite.Time(b, e.At)
	b = append(b, `,"type":`...)
	b = jsonwrite.String(b, e.Type.String())
	if e.By != 0 {
		b = append(b, `,"by":`...)
		b = jsonwrite.String(b, e.By.String())
	}
	if e.ID != "" {
		b = append(b, `,"id":`...)
		b = jsonwrite.String(b, e.ID)
	}
	if o := e.Case; o != nil {
		b = append(b, `,"case":{"id":`...)
		b = jsonwrite.String(b, o.ID)
		b = jsonwrite.Field(b, "priority", o.Priority.String())
		b = jsonwrite.Field(b, "deployment", o.Deployment.String())
		b = jsonwrite.Field(b, "offering", o.Offering.String())
		if o.Product != 0 {
			b = jsonwrite.Field(b, "product", o.Product.String())
		}
		if o.Region != "" {
			b = jsonwrite.Field(b, "region", o.Region)
		}
		if o.Assigned {
			b = append(b, `,"assigned":true`...)
		}
		if o.AwaitingCustomer {
			b = append(b, `,"awaiting_customer":true`...)
		}
		if o.BusinessImpact {
			b = append(b, `,"business_impact":true`...)
		}
		if len(o.Engaged) > 0 {
			b = append(b, `,"engaged":`...)
			b = appendEngaged(b, o.Engaged)
		}
		if o.Calendar != "" {
			b = jsonwrite.Field(b, "calendar", o.Calendar)
		}
		if o.TimeZone != "" {
			b = jsonwrite.Field(b, "time_zone", o.TimeZone)
		}
		b = append(b, '}')
	}
	if f := e.Fields; f != nil {
		b = append(b, `,"fields":{`...)
		n := len(b)
		key := func(name string) {
			if len(b) > n {
				b = append(b, ',')
			}
			b = append(b, '"')
			b = append(b, name...)
			b = append(b, '"', ':')
		}
		str := func(name, v string) {
			key(name)
			if v == "" {
				b = append(b, "null"...)
			} else {
				b = jsonwrite.String(b, v)
			}
		}
		boolean := func(name string, v bool) {
			key(name)
			b = jsonwrite.Bool(b, v)
		}
		if f.Priority != nil {
			str("priority", f.Priority.String())
		}
		if f.Deployment != nil {
			str("deployment", f.Deployment.String())
		}
		if f.Offering != nil {
			str("offering", f.Offering.String())
		}
		if f.Product != nil {
			v := ""
			if *f.Product != 0 {
				v = f.Product.String()
			}
			str("product", v)
		}
		if f.Region != nil {
			str("region", *f.Region)
		}
		if f.Calendar != nil {
			str("calendar", *f.Calendar)
		}
		if f.TimeZone != nil {
			str("time_zone", *f.TimeZone)
		}
		if f.Assigned != nil {
			boolean("assigned", *f.Assigned)
		}
		if f.AwaitingCustomer != nil {
			boolean("awaiting_customer", *f.AwaitingCustomer)
		}
		if f.BusinessImpact != nil {
			boolean("business_impact", *f.BusinessImpact)
		}
		if f.Engaged != nil {
			key("engaged")
			if len(*f.Engaged) == 0 {
				b = append(b, "null"...)
			} else {
				b = appendEngaged(b, *f.Engaged)
			}
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

func appendEngaged(b []byte, gs []escalation.Engagement) []byte {
	b = append(b, '[')
	for i, g := range gs {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonwrite.String(b, g.String())
	}
	return append(b, ']')
}
