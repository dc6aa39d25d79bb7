package escalation

import (
	"errors"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/internal/jsonread"
	"github.com/casepolicy/casepolicy/internal/jsonwrite"
)

var weekdayNames = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

func parseWeekday(s string) (time.Weekday, error) {
	for i, n := range weekdayNames {
		if n == s {
			return time.Weekday(i), nil
		}
	}
	return 0, errors.New("unknown weekday")
}

// calendarDocument decodes a version's "calendar" object at path p into
// c.Calendar: holidays and time_zone required; weekend, closures and
// work_hours optional (docs/CONTRACT.md).
func (d *decoder) calendarDocument(p string, c *Config) (bool, error) {
	if ok, err := d.optionalObject(p); !ok {
		return false, err
	}
	var seen jsonread.Fields
	var holidays, zone string
	var hasHolidays, hasZone, weekendGiven bool
	var rules calendar.Rules
	err := d.S.Object(func(key []byte) error {
		var err error
		k := string(key)
		f := p + "." + k
		switch k {
		case "holidays":
			if d.Once(&seen, 0, f) {
				holidays, hasHolidays, err = d.Str(f)
				return err
			}
		case "time_zone":
			if d.Once(&seen, 1, f) {
				zone, hasZone, err = d.Str(f)
				return err
			}
		case "weekend":
			if d.Once(&seen, 2, f) {
				weekendGiven = true
				rules.Weekend, err = d.weekend(f)
				return err
			}
		case "closures":
			if d.Once(&seen, 3, f) {
				c.shown |= shownClosures
				rules.Closures, err = d.closures(f)
				return err
			}
		case "work_hours":
			if d.Once(&seen, 4, f) {
				rules.WorkHours, err = d.workHours(f)
				return err
			}
		default:
			return d.Unknown(p, key)
		}
		return d.S.Skip()
	})
	if err != nil {
		return true, err
	}
	d.Missing(hasHolidays, p+".holidays")
	d.Missing(hasZone, p+".time_zone")
	if weekendGiven {
		c.shown |= shownWeekend
		if rules.Weekend == nil {
			rules.Weekend = []time.Weekday{} // given and empty: no weekend
		}
	} else {
		rules.Weekend = nil // the default: Saturday and Sunday
	}
	if !hasHolidays || !hasZone || d.seenUnder(p+".") {
		return true, nil
	}
	cal, cerr := calendar.NamedWith(holidays, zone, rules)
	switch {
	case cerr == nil:
		c.Calendar = cal
	case errors.Is(cerr, calendar.ErrUnknownCalendar) || errors.Is(cerr, calendar.ErrUnknownZone):
		if errors.Is(cerr, calendar.ErrUnknownCalendar) {
			d.Add(p+".holidays", "unknown calendar")
		}
		if errors.Is(cerr, calendar.ErrUnknownZone) {
			d.Add(p+".time_zone", "unknown time zone")
		}
	default:
		d.Add(p, "invalid calendar")
	}
	return true, nil
}

func (d *decoder) weekend(p string) ([]time.Weekday, error) {
	if d.S.Peek() != '[' {
		d.Add(p, "want an array, got "+d.S.Kind())
		return nil, d.S.Skip()
	}
	var out []time.Weekday
	var seen [7]bool
	err := d.S.Array(func(i int) error {
		f := jsonread.Index(p, i)
		w, ok, err := jsonread.Enum(&d.Decoder, f, parseWeekday)
		if ok {
			if seen[w] {
				d.Add(f, "repeated weekday")
			}
			seen[w] = true
			out = append(out, w)
		}
		return err
	})
	if seen == [7]bool{true, true, true, true, true, true, true} {
		d.Add(p, "every day of the week is a weekend day")
	}
	return out, err
}

func (d *decoder) closures(p string) ([]calendar.Closure, error) {
	if d.S.Peek() != '[' {
		d.Add(p, "want an array, got "+d.S.Kind())
		return nil, d.S.Skip()
	}
	out := []calendar.Closure{}
	err := d.S.Array(func(i int) error {
		prefix := jsonread.Index(p, i)
		if d.S.Peek() != '{' {
			d.Add(prefix, "want an object, got "+d.S.Kind())
			return d.S.Skip()
		}
		var cl calendar.Closure
		var seen jsonread.Fields
		var hasDate bool
		var from, until calendar.Clock
		var hasFrom, hasUntil bool
		err := d.S.Object(func(key []byte) error {
			var err error
			k := string(key)
			f := prefix + "." + k
			switch {
			case k == "date" && d.Once(&seen, 0, f):
				var s []byte
				if s, hasDate, err = d.Bytes(f); err == nil && hasDate {
					t, perr := time.Parse(time.DateOnly, string(s))
					if perr != nil || len(s) != 10 || t.Year() < calendar.MinYear || t.Year() > calendar.MaxYear {
						hasDate = false
						d.Add(f, "not a date (YYYY-MM-DD) in the calendar's years")
					}
					cl.Date = calendar.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
				}
			case k == "name" && d.Once(&seen, 1, f):
				cl.Name, _, err = d.Str(f)
			case k == "from" && d.Once(&seen, 2, f):
				from, hasFrom, err = d.timeOfDay(f)
			case k == "until" && d.Once(&seen, 3, f):
				until, hasUntil, err = d.timeOfDay(f)
			case k == "date" || k == "name" || k == "from" || k == "until":
				return d.S.Skip()
			default:
				return d.Unknown(prefix, key)
			}
			return err
		})
		if !hasDate && !d.Seen(prefix+".date") {
			d.Add(prefix+".date", "missing")
		}
		if hasFrom {
			cl.From = from
		}
		if hasUntil {
			cl.Until = until
		}
		if hasFrom && hasUntil && until <= from && until != 0 || hasFrom && !hasUntil && from == 24*60 {
			d.Add(prefix, "from is not before until")
		}
		if hasUntil && until == 24*60 {
			cl.Until = 0 // 24:00 is the end of the day, the zero Until
		}
		out = append(out, cl)
		return err
	})
	return out, err
}

// timeOfDay reads a wall-clock time "HH:MM" (24:00 allowed).
func (d *decoder) timeOfDay(f string) (calendar.Clock, bool, error) {
	s, ok, err := d.Bytes(f)
	if err != nil || !ok {
		return 0, false, err
	}
	c, perr := calendar.ParseClock(string(s))
	if perr != nil {
		d.Add(f, "not a time of day (HH:MM)")
		return 0, false, nil
	}
	return c, true, nil
}

func (d *decoder) workHours(p string) (*calendar.WorkHours, error) {
	if d.S.Peek() != '{' {
		d.Add(p, "want an object, got "+d.S.Kind())
		return nil, d.S.Skip()
	}
	wh := new(calendar.WorkHours)
	var seen jsonread.Fields
	err := d.S.Object(func(key []byte) error {
		day, perr := parseWeekday(string(key))
		if perr != nil {
			return d.Unknown(p, key)
		}
		f := p + "." + string(key)
		if !d.Once(&seen, uint(day), f) {
			return d.S.Skip()
		}
		if d.S.Peek() != '[' {
			d.Add(f, "want an array, got "+d.S.Kind())
			return d.S.Skip()
		}
		spans := []calendar.Span{}
		err := d.S.Array(func(i int) error {
			fi := jsonread.Index(f, i)
			s, ok, err := d.Bytes(fi)
			if err != nil || !ok {
				if err == nil && !d.Seen(fi) {
					d.Add(fi, "want a string, got null")
				}
				return err
			}
			sp, perr := calendar.ParseSpan(string(s))
			if perr != nil {
				d.Add(fi, "not a working interval (HH:MM-HH:MM)")
				return nil
			}
			if n := len(spans); n > 0 && sp.From < spans[n-1].Until {
				d.Add(fi, "overlaps or precedes the interval before it")
				return nil
			}
			spans = append(spans, sp)
			return nil
		})
		wh[day] = spans
		return err
	})
	return wh, err
}

// appendCalendar appends a version's calendar object.
func (c *Config) appendCalendar(b []byte) []byte {
	cal, rules := c.calendarRules()
	b = append(b, `{"holidays": `...)
	b = jsonwrite.String(b, cal.HolidaysName())
	b = append(b, `, "time_zone": `...)
	b = jsonwrite.String(b, cal.Location().String())
	if c.shown&shownWeekend != 0 || rules.Weekend != nil {
		b = append(b, `, "weekend": `...)
		b = appendWeekend(b, rules.Weekend)
	}
	if c.shown&shownClosures != 0 || len(rules.Closures) > 0 {
		b = append(b, `, "closures": `...)
		b = appendClosures(b, rules.Closures)
	}
	if rules.WorkHours != nil {
		b = append(b, `, "work_hours": `...)
		b = appendWorkHours(b, rules.WorkHours)
	}
	return append(b, '}')
}

// calendarRules returns the version's default calendar and its rules.
func (c *Config) calendarRules() (calendar.Calendar, calendar.Rules) {
	cal := c.Calendar
	if !cal.IsValid() {
		cal = calendar.Default()
	}
	return cal, cal.Rules()
}

func appendWeekend(b []byte, weekend []time.Weekday) []byte {
	if weekend == nil {
		weekend = []time.Weekday{time.Saturday, time.Sunday}
	}
	b = append(b, '[')
	for i, w := range sortWeekend(weekend) {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = jsonwrite.String(b, weekdayNames[w])
	}
	return append(b, ']')
}

func appendClosures(b []byte, cls []calendar.Closure) []byte {
	b = append(b, '[')
	for i, cl := range cls {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, `{"date": `...)
		b = jsonwrite.String(b, cl.Date.String())
		if cl.Name != "" {
			b = append(b, `, "name": `...)
			b = jsonwrite.String(b, cl.Name)
		}
		if cl.From != 0 {
			b = append(b, `, "from": `...)
			b = jsonwrite.String(b, cl.From.String())
		}
		if cl.Until != 0 {
			b = append(b, `, "until": `...)
			b = jsonwrite.String(b, cl.Until.String())
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendWorkHours(b []byte, wh *calendar.WorkHours) []byte {
	if wh == nil {
		return append(b, "null"...)
	}
	b = append(b, '{')
	n := 0
	for _, day := range weekOrder {
		if wh[day] == nil {
			continue
		}
		if n > 0 {
			b = append(b, ", "...)
		}
		n++
		b = jsonwrite.String(b, weekdayNames[day])
		b = append(b, ": ["...)
		for i, sp := range wh[day] {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = jsonwrite.String(b, sp.String())
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// weekOrder lists the weekdays Monday first, as people write work hours.
var weekOrder = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// sortWeekend orders weekend days as weekOrder does, so Saturday comes
// before Sunday as in the built-ins' document.
func sortWeekend(ws []time.Weekday) []time.Weekday {
	out := make([]time.Weekday, 0, len(ws))
	for _, day := range weekOrder {
		for _, w := range ws {
			if w == day {
				out = append(out, w)
				break
			}
		}
	}
	return out
}
