package escalation

import (
	"math/bits"
	"time"
	"unicode/utf8"
)

// AppendJSON appends the decision in docs/CONTRACT.md's JSON, one object with no
// newline. Times are RFC 3339 in UTC with fractional seconds when they are
// not zero, so one fed back as now is exact.
func (d Decision) AppendJSON(b []byte) []byte {
	b = append(b, `{"allowed":`...)
	b = appendBool(b, d.Allowed)
	b = append(b, `,"outcome":`...)
	b = appendString(b, d.Outcome.String())
	b = append(b, `,"policy":`...)
	b = appendString(b, d.Policy)
	b = append(b, `,"reasons":`...)
	b = appendReasons(b, d.Reasons, true)
	b = append(b, `,"warnings":`...)
	b = appendReasons(b, d.Warnings, false)
	if !d.NextEligibleAt.IsZero() {
		b = append(b, `,"next_eligible_at":`...)
		b = appendTime(b, d.NextEligibleAt)
	}
	if d.Control.Label != "" {
		b = append(b, `,"control":{"label":`...)
		b = appendString(b, d.Control.Label)
		b = append(b, `,"enabled":`...)
		b = appendBool(b, d.Control.Enabled)
		b = append(b, `,"explanation":`...)
		b = appendString(b, d.Control.Explanation)
		b = append(b, '}')
	}
	return append(b, '}')
}

// MarshalJSON implements json.Marshaler with AppendJSON.
func (d Decision) MarshalJSON() ([]byte, error) { return d.AppendJSON(nil), nil }

func appendReasons(b []byte, rs []Reason, full bool) []byte {
	b = append(b, '[')
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"code":`...)
		b = appendString(b, r.Code.String())
		b = append(b, `,"clause":`...)
		b = appendString(b, r.Clause)
		b = append(b, `,"message":`...)
		b = appendString(b, r.Message)
		if full {
			b = append(b, `,"remedy":`...)
			b = appendString(b, r.Remedy)
			if !r.EligibleAt.IsZero() {
				b = append(b, `,"eligible_at":`...)
				b = appendTime(b, r.EligibleAt)
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
		b = appendString(b, fe.Field)
		b = append(b, `,"problem":`...)
		b = appendString(b, fe.Problem)
		b = append(b, '}')
	}
	return append(b, "]}}"...)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// safeByte marks the bytes a JSON string holds as they are (see unsafe8).
var safeByte = func() (t [utf8.RuneSelf + 128]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// skipSafe returns the index of the first byte of s from i on that is not
// held as it is (see safeByte), or len(s): eight bytes at a time, then one
// by one.
func skipSafe(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		v := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if m := unsafe8(v); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for i < len(s) && safeByte[s[i]] {
		i++
	}
	return i
}

// unsafe8 returns, for the eight bytes packed little-endian in v, a mask
// whose lowest set bit is the high bit of the first byte a JSON string does
// not hold as is (a control character, quote, backslash, <, >, & or a byte
// of 0x80 and above); 0 when there is none. (The zero-byte tests can also
// flag bytes above a true hit, never below one.)
func unsafe8(v uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(x uint64) uint64 { return (x - ones) & ^x & highs } // a zero byte
	below := (v - 0x20*ones) & ^v & highs                            // a byte below 0x20, for bytes below 0x80
	return zero(v^('"'*ones)) | zero(v^('\\'*ones)) | zero(v^('<'*ones)) | zero(v^('>'*ones)) | zero(v^('&'*ones)) |
		below | v&highs
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, and
// <, > and & are escaped as encoding/json does, so the output is safe to
// embed anywhere.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		i = skipSafe(s, i)
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// MarshalJSON encodes the input in docs/CONTRACT.md's request JSON; ParseInput
// reads it back to an equal Input. Optional fields at their zero value are
// left out.
func (in Input) MarshalJSON() ([]byte, error) {
	b := []byte(`{"now":`)
	b = appendTime(b, in.Now)
	if in.Policy != "" {
		b = append(b, `,"policy":`...)
		b = appendString(b, in.Policy)
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

func appendField(b []byte, name, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendString(b, value)
}

// appendJSON appends the case in docs/CONTRACT.md's JSON.
func (c *Case) appendJSON(b []byte) []byte {
	{
		b = append(b, `{"id":`...)
		b = appendString(b, c.ID)
		b = appendField(b, "status", c.Status.String())
		b = appendField(b, "priority", c.Priority.String())
		b = appendField(b, "deployment", c.Deployment.String())
		b = appendField(b, "offering", c.Offering.String())
		if c.Product != 0 {
			b = appendField(b, "product", c.Product.String())
		}
		if c.Region != "" {
			b = appendField(b, "region", c.Region)
		}
		b = append(b, `,"assigned":`...)
		b = appendBool(b, c.Assigned)
		if !c.OpenedAt.IsZero() {
			b = append(b, `,"opened_at":`...)
			b = appendTime(b, c.OpenedAt)
		}
		b = append(b, `,"last_updated_at":`...)
		b = appendTime(b, c.LastUpdatedAt)
		if !c.LastSupportUpdateAt.IsZero() {
			b = append(b, `,"last_support_update_at":`...)
			b = appendTime(b, c.LastSupportUpdateAt)
		}
		b = append(b, `,"awaiting_customer":`...)
		b = appendBool(b, c.AwaitingCustomer)
		b = append(b, `,"business_impact":`...)
		b = appendBool(b, c.BusinessImpact)
		if len(c.Engaged) > 0 {
			b = append(b, `,"engaged":[`...)
			for i, e := range c.Engaged {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendString(b, e.String())
			}
			b = append(b, ']')
		}
		if c.Calendar.IsValid() {
			b = appendField(b, "calendar", c.Calendar.Name())
			b = appendField(b, "time_zone", c.Calendar.Location().String())
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
					b = appendString(b, e.ID)
					b = append(b, ',')
				}
				b = append(b, `"opened_at":`...)
				b = appendTime(b, e.OpenedAt)
				if !e.ClosedAt.IsZero() {
					b = append(b, `,"closed_at":`...)
					b = appendTime(b, e.ClosedAt)
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
				b = appendTime(b, c.RCA.RequestedAt)
				sep = ","
			}
			if !c.RCA.ServiceRestoredAt.IsZero() {
				b = append(b, sep+`"service_restored_at":`...)
				b = appendTime(b, c.RCA.ServiceRestoredAt)
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
			b = appendString(b, value)
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
			b = appendTime(b, r.LastViewedAt)
		}
		if r.Details != "" {
			field("details", r.Details)
		}
		b = append(b, '}')
	}
	return b
}
