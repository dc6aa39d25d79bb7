package escalation

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/casepolicy/casepolicy/internal/jsonread"
	"github.com/casepolicy/casepolicy/internal/jsonwrite"
)

// docFields records which optional fields of a policy document a version
// gave, so that encoding prints them back (docs/CONTRACT.md: for a user's
// set, optional fields only when given).
type docFields uint8

const (
	shownWeekend docFields = 1 << iota
	shownClosures
	shownWaitClock
	shownUpdates
)

// The built-ins print weekend and closures (docs/CONTRACT.md shows them).
const builtinShown = shownWeekend | shownClosures

// ParseSetDocument decodes a policy document (docs/CONTRACT.md "Policy
// document"): the versions of a Set in effective order. Decoding is strict:
// unknown or repeated fields, wrong types, unknown enum values, missing
// fields, a first version whose from is not null, a later from that is not
// strictly after the one before, repeated or empty names, a wait that is not
// a positive Go duration and RCA days outside 1 to 250 are all reported, each
// as a *FieldError named by its JSON path ("versions[1].high_priority_wait"),
// never repeating the value. The built-ins' document decodes to a Set that
// decides exactly as DefaultSet.
func ParseSetDocument(data []byte) (Set, error) {
	d := decoder{Decoder: jsonread.NewDecoder(data)}
	cfgs, err := d.document()
	if err != nil {
		return Set{}, &FieldError{Field: "", Problem: err.Error()}
	}
	if err := d.err(); err != nil {
		return Set{}, err
	}
	ps := make([]Policy, len(cfgs))
	for i := range cfgs {
		if i+1 < len(cfgs) {
			cfgs[i].Until = cfgs[i+1].From
		}
		p, err := NewPolicy(cfgs[i])
		if err != nil { // the document's checks cover NewPolicy's
			return Set{}, &FieldError{Field: jsonread.Index("versions", i), Problem: "invalid version"}
		}
		ps[i] = p
	}
	s, err := NewSet(ps...)
	if err != nil {
		return Set{}, &FieldError{Field: "versions", Problem: "the versions do not tile time"}
	}
	return s, nil
}

// UnmarshalJSON decodes a policy document as ParseSetDocument does.
func (s *Set) UnmarshalJSON(data []byte) error {
	v, err := ParseSetDocument(data)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// MarshalJSON encodes the set as a policy document, laid out as
// docs/CONTRACT.md shows the built-ins (field order as there; durations in
// their shortest Go form, "24h"); ParseSetDocument reads it back. A set
// whose last version ends cannot be written as a document (each version is
// in force until the next one's from): that is an error, as is the zero Set.
func (s Set) MarshalJSON() ([]byte, error) {
	if len(s.ps) == 0 {
		return nil, ErrEmptySet
	}
	if !s.ps[len(s.ps)-1].cfg.Until.IsZero() {
		return nil, errors.New("escalation: a set whose last version ends has no policy document")
	}
	if !s.ps[0].cfg.From.IsZero() {
		return nil, errors.New("escalation: a set whose first version has a start has no policy document")
	}
	b := []byte(`{"versions": [`)
	for i, p := range s.ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		b = p.cfg.appendDocument(b)
	}
	return append(b, "\n]}\n"...), nil
}

// appendDocument appends one version of a policy document.
func (c *Config) appendDocument(b []byte) []byte {
	b = append(b, `{"name": `...)
	b = jsonwrite.String(b, c.Name)
	b = append(b, `, "from": `...)
	if c.From.IsZero() {
		b = append(b, "null"...)
	} else {
		b = jsonwrite.Time(b, c.From)
	}
	nl := ",\n   "
	b = append(b, nl+`"high_priority_wait": `...)
	b = jsonwrite.String(b, shortDuration(c.HighPriorityWait))
	b = append(b, nl+`"rca_business_days": {"cloud": `...)
	b = strconv.AppendInt(b, int64(c.CloudRCADays), 10)
	b = append(b, `, "premise": `...)
	b = strconv.AppendInt(b, int64(c.PremiseRCADays), 10)
	b = append(b, '}')
	b = append(b, nl+`"rca_clock_from_restoration": `...)
	b = strconv.AppendBool(b, c.RCAClockFromRestoration)
	b = append(b, nl+`"critical_by_phone": `...)
	b = strconv.AppendBool(b, c.CriticalByPhone)
	b = append(b, nl+`"fedramp_after_assignment": `...)
	b = strconv.AppendBool(b, c.FedRAMPAfterAssignment)
	b = append(b, nl+`"escalation_feed": `...)
	b = jsonwrite.String(b, c.EscalationFeed.String())
	b = append(b, nl+`"urgency_change": `...)
	b = jsonwrite.String(b, c.Urgency.String())
	b = append(b, nl+`"case_update": `...)
	b = jsonwrite.String(b, c.CaseUpdate.String())
	if c.HighPriorityWaitClock != 0 || c.shown&shownWaitClock != 0 {
		b = append(b, nl+`"high_priority_wait_clock": `...)
		b = jsonwrite.String(b, c.waitClock().String())
	}
	if c.P2CountsUpdatesBy != 0 || c.shown&shownUpdates != 0 {
		b = append(b, nl+`"p2_counts_updates_by": `...)
		b = jsonwrite.String(b, c.updater().String())
	}
	b = append(b, nl+`"labels": {"commercial": `...)
	b = jsonwrite.String(b, c.CommercialLabel)
	b = append(b, `, "fedramp": `...)
	b = jsonwrite.String(b, c.FedRAMPLabel)
	b = append(b, '}')
	b = append(b, nl+`"calendar": `...)
	b = c.appendCalendar(b)
	return append(b, '}')
}

// waitClock and updater return the rule in effect: the zero value means the
// default.
func (c *Config) waitClock() WaitClock {
	if c.HighPriorityWaitClock == 0 {
		return WaitElapsed
	}
	return c.HighPriorityWaitClock
}

func (c *Config) updater() Updater {
	if c.P2CountsUpdatesBy == 0 {
		return UpdatesByAnyone
	}
	return c.P2CountsUpdatesBy
}

// shortDuration writes d in the shortest Go form: "24h", "1h30m", "90s".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// document decodes {"versions": [...]}, recording problems; the error is a
// syntax error only.
func (d *decoder) document() ([]Config, error) {
	if d.S.Peek() != '{' {
		kind := d.S.Kind()
		if err := d.S.Skip(); err != nil {
			return nil, err
		}
		d.Add("", "want a JSON object, got "+kind)
		return nil, d.S.End()
	}
	var cfgs []Config
	var seen jsonread.Fields
	var has bool
	err := d.S.Object(func(key []byte) error {
		if string(key) != "versions" {
			return d.Unknown("", key)
		}
		if !d.Once(&seen, 0, "versions") {
			return d.S.Skip()
		}
		if d.S.Peek() != '[' {
			d.Add("versions", "want an array, got "+d.S.Kind())
			return d.S.Skip()
		}
		has = true
		return d.S.Array(func(i int) error {
			var c Config
			err := d.version(jsonread.Index("versions", i), &c)
			cfgs = append(cfgs, c)
			return err
		})
	})
	if err != nil {
		return nil, err
	}
	d.Missing(has, "versions")
	if has && len(cfgs) == 0 {
		d.Add("versions", "no versions")
	}
	names := map[string]bool{}
	for i, c := range cfgs {
		p := jsonread.Index("versions", i)
		if c.Name != "" && names[c.Name] {
			d.Add(p+".name", "repeated name")
		}
		names[c.Name] = true
		switch {
		case i == 0 && !c.From.IsZero():
			d.Add(p+".from", "the first version's from must be null")
		case i > 0 && c.From.IsZero() && !d.Seen(p+".from"):
			d.Add(p+".from", "only the first version's from is null")
		case i > 0 && !c.From.IsZero() && !cfgs[i-1].From.IsZero() && !c.From.After(cfgs[i-1].From):
			d.Add(p+".from", "not after the previous version's from")
		}
	}
	return cfgs, d.S.End()
}

// version decodes one version object at path p into c.
func (d *decoder) version(p string, c *Config) error {
	if d.S.Peek() != '{' {
		d.Add(p, "want an object, got "+d.S.Kind())
		return d.S.Skip()
	}
	const (
		fName = iota
		fFrom
		fWait
		fDays
		fRestoration
		fCritical
		fFedRAMP
		fFeed
		fUrgency
		fCaseUpdate
		fLabels
		fCalendar
		fWaitClock
		fUpdates
		nFields
	)
	required := []struct {
		bit  uint
		name string
	}{{fName, "name"}, {fFrom, "from"}, {fWait, "high_priority_wait"}, {fDays, "rca_business_days"},
		{fRestoration, "rca_clock_from_restoration"}, {fCritical, "critical_by_phone"},
		{fFedRAMP, "fedramp_after_assignment"}, {fFeed, "escalation_feed"}, {fUrgency, "urgency_change"},
		{fCaseUpdate, "case_update"}, {fLabels, "labels"}, {fCalendar, "calendar"}}
	var seen, got jsonread.Fields
	mark := func(bit uint, ok bool) {
		if ok {
			got |= 1 << bit
		}
	}
	err := d.S.Object(func(key []byte) error {
		k := string(key)
		f := p + "." + k
		bit := uint(nFields)
		switch k {
		case "name":
			bit = fName
		case "from":
			bit = fFrom
		case "high_priority_wait":
			bit = fWait
		case "rca_business_days":
			bit = fDays
		case "rca_clock_from_restoration":
			bit = fRestoration
		case "critical_by_phone":
			bit = fCritical
		case "fedramp_after_assignment":
			bit = fFedRAMP
		case "escalation_feed":
			bit = fFeed
		case "urgency_change":
			bit = fUrgency
		case "case_update":
			bit = fCaseUpdate
		case "labels":
			bit = fLabels
		case "calendar":
			bit = fCalendar
		case "high_priority_wait_clock":
			bit = fWaitClock
		case "p2_counts_updates_by":
			bit = fUpdates
		default:
			return d.Unknown(p, key)
		}
		if !d.Once(&seen, bit, f) {
			return d.S.Skip()
		}
		var ok bool
		var err error
		switch bit {
		case fName:
			c.Name, ok, err = d.Str(f)
			if err == nil && ok && c.Name == "" {
				d.Add(f, "empty")
			}
		case fFrom:
			if d.S.Peek() == 'n' {
				ok, err = true, d.S.Literal("null")
			} else {
				c.From, ok, err = d.Instant(f)
			}
		case fWait:
			var s []byte
			if s, ok, err = d.Bytes(f); err == nil && ok {
				w, perr := time.ParseDuration(string(s))
				switch {
				case perr != nil:
					ok = false
					d.Add(f, "not a duration")
				case w <= 0:
					ok = false
					d.Add(f, "not positive")
				}
				c.HighPriorityWait = w
			}
		case fDays:
			ok, err = d.rcaDays(f, c)
		case fRestoration:
			c.RCAClockFromRestoration, ok, err = d.OptBool(f)
		case fCritical:
			c.CriticalByPhone, ok, err = d.OptBool(f)
		case fFedRAMP:
			c.FedRAMPAfterAssignment, ok, err = d.OptBool(f)
		case fFeed:
			c.EscalationFeed, ok, err = jsonread.Enum(&d.Decoder, f, ParseFeedRule)
		case fUrgency:
			c.Urgency, ok, err = jsonread.Enum(&d.Decoder, f, ParseUrgencyRule)
		case fCaseUpdate:
			c.CaseUpdate, ok, err = jsonread.Enum(&d.Decoder, f, ParseCaseUpdateRule)
		case fLabels:
			ok, err = d.labels(f, c)
		case fCalendar:
			ok, err = d.calendarDocument(f, c)
		case fWaitClock:
			c.HighPriorityWaitClock, ok, err = jsonread.Enum(&d.Decoder, f, ParseWaitClock)
			if ok {
				c.shown |= shownWaitClock
			}
		case fUpdates:
			c.P2CountsUpdatesBy, ok, err = jsonread.Enum(&d.Decoder, f, ParseUpdater)
			if ok {
				c.shown |= shownUpdates
			}
		}
		mark(bit, ok)
		return err
	})
	if err != nil {
		return err
	}
	for _, r := range required {
		if seen&(1<<r.bit) == 0 {
			d.Add(p+"."+r.name, "missing")
		} else if got&(1<<r.bit) == 0 && !d.Seen(p+"."+r.name) && !d.seenUnder(p+"."+r.name+".") {
			d.Add(p+"."+r.name, "null is not a value here")
		}
	}
	return nil
}

// seenUnder reports whether a problem was recorded under the path prefix.
func (d *decoder) seenUnder(prefix string) bool {
	for _, p := range d.Problems {
		if strings.HasPrefix(p.Field, prefix) {
			return true
		}
	}
	return false
}

func (d *decoder) rcaDays(p string, c *Config) (bool, error) {
	if ok, err := d.optionalObject(p); !ok {
		return false, err
	}
	var seen jsonread.Fields
	var cloud, premise bool
	err := d.S.Object(func(key []byte) error {
		var err error
		k := string(key)
		f := p + "." + k
		switch {
		case k == "cloud" && d.Once(&seen, 0, f):
			c.CloudRCADays, cloud, err = d.Int(f, 1, 250)
		case k == "premise" && d.Once(&seen, 1, f):
			c.PremiseRCADays, premise, err = d.Int(f, 1, 250)
		case k == "cloud" || k == "premise":
			return d.S.Skip()
		default:
			return d.Unknown(p, key)
		}
		return err
	})
	if !cloud && !d.Seen(p+".cloud") {
		d.Add(p+".cloud", "missing")
	}
	if !premise && !d.Seen(p+".premise") {
		d.Add(p+".premise", "missing")
	}
	return true, err
}

func (d *decoder) labels(p string, c *Config) (bool, error) {
	if ok, err := d.optionalObject(p); !ok {
		return false, err
	}
	var seen jsonread.Fields
	err := d.S.Object(func(key []byte) error {
		var err error
		k := string(key)
		f := p + "." + k
		switch {
		case k == "commercial" && d.Once(&seen, 0, f):
			c.CommercialLabel, _, err = d.Str(f)
		case k == "fedramp" && d.Once(&seen, 1, f):
			c.FedRAMPLabel, _, err = d.Str(f)
		case k == "commercial" || k == "fedramp":
			return d.S.Skip()
		default:
			return d.Unknown(p, key)
		}
		return err
	})
	if c.CommercialLabel == "" && !d.Seen(p+".commercial") {
		d.Add(p+".commercial", "missing or empty")
	}
	if c.FedRAMPLabel == "" && !d.Seen(p+".fedramp") {
		d.Add(p+".fedramp", "missing or empty")
	}
	return true, err
}
