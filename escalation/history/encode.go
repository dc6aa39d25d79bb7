package history

import (
	"time"
	"unicode/utf8"

	"github.com/casepolicy/casepolicy/escalation"
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
	b = appendTime(b, e.At)
	b = append(b, `,"type":`...)
	b = appendString(b, e.Type.String())
	if e.By != 0 {
		b = append(b, `,"by":`...)
		b = appendString(b, e.By.String())
	}
	if e.ID != "" {
		b = append(b, `,"id":`...)
		b = appendString(b, e.ID)
	}
	if o := e.Case; o != nil {
		b = append(b, `,"case":{"id":`...)
		b = appendString(b, o.ID)
		b = appendField(b, "priority", o.Priority.String())
		b = appendField(b, "deployment", o.Deployment.String())
		b = appendField(b, "offering", o.Offering.String())
		if o.Product != 0 {
			b = appendField(b, "product", o.Product.String())
		}
		if o.Region != "" {
			b = appendField(b, "region", o.Region)
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
			b = appendField(b, "calendar", o.Calendar)
		}
		if o.TimeZone != "" {
			b = appendField(b, "time_zone", o.TimeZone)
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
				b = appendString(b, v)
			}
		}
		boolean := func(name string, v bool) {
			key(name)
			b = appendBool(b, v)
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
		b = appendString(b, g.String())
	}
	return append(b, ']')
}

func appendField(b []byte, name, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendString(b, value)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// appendTime appends t in RFC 3339 UTC, fractional seconds when not zero.
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD;
// <, > and & are escaped as encoding/json does.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, "\\ufffd"...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
