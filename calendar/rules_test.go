package calendar

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseClock(t *testing.T) {
	good := []struct {
		in   string
		want Clock
	}{
		{"00:00", 0}, {"09:00", 540}, {"12:34", 754}, {"23:59", 1439}, {"24:00", 1440},
	}
	for _, tt := range good {
		got, err := ParseClock(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseClock(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("Clock(%d).String() = %q, want %q", got, got.String(), tt.in)
		}
	}
	for _, in := range []string{"", "9:00", "09:0", "09:60", "24:01", "25:00", "09h00", "09:00:00", " 09:00", "-1:00", "+9:00", "０9:00", "99:99"} {
		if _, err := ParseClock(in); !errors.Is(err, ErrInvalidSpec) {
			t.Errorf("ParseClock(%q) error %v, want ErrInvalidSpec", in, err)
		}
	}
	if s := Clock(-1).String(); s != "Clock(-1)" {
		t.Errorf("Clock(-1).String() = %q", s)
	}
}

func TestParseSpan(t *testing.T) {
	got, err := ParseSpan("09:00-17:00")
	if err != nil || got != (Span{540, 1020}) || got.String() != "09:00-17:00" {
		t.Errorf("ParseSpan(09:00-17:00) = %v, %v", got, err)
	}
	if got, err := ParseSpan("22:00-24:00"); err != nil || got.Until != EndOfDay {
		t.Errorf("ParseSpan(22:00-24:00) = %v, %v", got, err)
	}
	for _, in := range []string{"17:00-09:00", "09:00-09:00", "24:00-24:00", "09:00–17:00", "09:00-17", "0900-1700", "09:00 - 17:00"} {
		if _, err := ParseSpan(in); !errors.Is(err, ErrInvalidSpec) {
			t.Errorf("ParseSpan(%q) error %v, want ErrInvalidSpec", in, err)
		}
	}
	sp, err := ParseSpans("08:00-12:00,13:00-17:00")
	if err != nil || len(sp) != 2 || sp[1] != (Span{780, 1020}) {
		t.Errorf("ParseSpans = %v, %v", sp, err)
	}
	for _, in := range []string{"08:00-12:00,11:00-17:00", "13:00-17:00,08:00-12:00", "08:00-12:00,", ""} {
		if _, err := ParseSpans(in); !errors.Is(err, ErrInvalidSpec) {
			t.Errorf("ParseSpans(%q) error %v, want ErrInvalidSpec", in, err)
		}
	}
}

// FuzzParseSpan: no panic; an accepted span prints back as its input, and
// an error never repeats the input.
func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{"09:00-17:00", "00:00-24:00", "24:00-24:00", "9:00-17:00", "ab:cd-ef:gh", "12:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := ParseSpan(s)
		if err != nil {
			if len(s) > 3 && strings.Contains(err.Error(), s) {
				t.Fatalf("error %q repeats the input", err)
			}
		} else if sp.String() != s || sp.From >= sp.Until {
			t.Fatalf("ParseSpan(%q) = %v", s, sp)
		}
		c, err := ParseClock(s)
		if err == nil && c.String() != s {
			t.Fatalf("ParseClock(%q) = %v", s, c)
		}
		if err != nil && len(s) > 3 && strings.Contains(err.Error(), s) {
			t.Fatalf("error %q repeats the input", err)
		}
	})
}

func TestRulesValidation(t *testing.T) {
	ok := []Span{{540, 1020}}
	tests := []struct {
		name  string
		rules Rules
		says  string
	}{
		{"every day a weekend", Rules{Weekend: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}, "every day"},
		{"a weekend day that is not a day", Rules{Weekend: []time.Weekday{9}}, "weekend entry 1"},
		{"a closure on 30 February", Rules{Closures: []Closure{{Date: Date{2024, 2, 30}}}}, "closure 1"},
		{"a closure in 2201", Rules{Closures: []Closure{{Date: Date{2201, 1, 1}}}}, "closure 1"},
		{"a closure ending before it starts", Rules{Closures: []Closure{{Date: Date{2024, 1, 2}}, {Date: Date{2024, 1, 2}, From: 600, Until: 540}}}, "closure 2"},
		{"a closure from 24:00", Rules{Closures: []Closure{{Date: Date{2024, 1, 2}, From: 1440}}}, "closure 1"},
		{"work hours out of order", Rules{WorkHours: &WorkHours{time.Monday: {{780, 1020}, {480, 720}}}}, "Monday, span 2"},
		{"work hours overlapping", Rules{WorkHours: &WorkHours{time.Friday: {{480, 780}, {720, 1020}}}}, "Friday, span 2"},
		{"an empty span", Rules{WorkHours: &WorkHours{time.Monday: {{540, 540}}}}, "Monday, span 1"},
		{"a span past 24:00", Rules{WorkHours: &WorkHours{time.Monday: ok, time.Tuesday: {{540, 1441}}}}, "Tuesday, span 1"},
		{"too many spans", Rules{WorkHours: &WorkHours{time.Monday: make([]Span, maxSpans+1)}}, "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NamedWith("US", "UTC", tt.rules)
			if !errors.Is(err, ErrInvalidSpec) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("NamedWith error %v, want ErrInvalidSpec saying %q", err, tt.says)
			}
			_, err = New(Spec{Zone: time.UTC, Weekend: tt.rules.Weekend, Closures: tt.rules.Closures, WorkHours: tt.rules.WorkHours})
			if !errors.Is(err, ErrInvalidSpec) {
				t.Errorf("New error %v, want ErrInvalidSpec", err)
			}
		})
	}
	// Every problem at once, with the unknown name and zone.
	_, err := NamedWith("XX", "Nowhere/Else", Rules{Weekend: []time.Weekday{9}, Closures: []Closure{{}}})
	for _, want := range []error{ErrUnknownCalendar, ErrUnknownZone, ErrInvalidSpec} {
		if !errors.Is(err, want) {
			t.Errorf("NamedWith with everything wrong: %v does not wrap %v", err, want)
		}
	}
	if strings.Count(err.Error(), "; ") != 3 || strings.Contains(err.Error(), "\n") {
		t.Errorf("want four problems on one line, got %q", err)
	}
}

func TestRulesRoundTripAndEqual(t *testing.T) {
	h := weekdayHours(t, "08:00-12:00,13:00-17:00")
	r := Rules{
		Weekend:   []time.Weekday{time.Friday, time.Saturday},
		Closures:  []Closure{{Date: Date{2024, 12, 24}, Name: "Christmas Eve", From: 720}, {Date: Date{2024, 7, 5}, Name: "offsite"}},
		WorkHours: h,
	}
	c := mustNamedWith(t, "US", "America/New_York", r)
	got := c.Rules()
	want := Rules{Weekend: r.Weekend, Closures: []Closure{r.Closures[1], r.Closures[0]}, WorkHours: h}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Rules() mismatch (-want +got):\n%s", diff)
	}
	again := mustNamedWith(t, c.HolidaysName(), c.Location().String(), got)
	if !again.Equal(c) || !c.Equal(again) {
		t.Error("NamedWith(HolidaysName, zone, Rules()) is not Equal")
	}
	// The caller's slices are copied both ways.
	r.Closures[0].Name = "changed"
	h[time.Monday][0].From = 0
	got.Closures[0].Name = "changed too"
	if diff := cmp.Diff(want.Closures, c.Rules().Closures); diff != "" || c.Rules().WorkHours[time.Monday][0].From != 480 {
		t.Errorf("the calendar shares the caller's slices: %s", diff)
	}
	if mustNamed(t, "US", "UTC").Equal(mustNamedWith(t, "US", "UTC", Rules{Weekend: []time.Weekday{time.Sunday}})) {
		t.Error("different weekends are Equal")
	}
	if !mustNamed(t, "US", "UTC").Equal(mustNamedWith(t, "US", "UTC", Rules{Weekend: []time.Weekday{time.Saturday, time.Sunday}})) {
		t.Error("the default weekend said explicitly is not Equal to the default")
	}
	if !Default().Equal(mustNamed(t, "US", "UTC")) || Default().Equal(mustNamed(t, "GB", "UTC")) || Default().Equal(mustNamed(t, "US", "Europe/Paris")) {
		t.Error("Equal does not compare list and zone")
	}
	if (Calendar{}).Equal(Default()) || !(Calendar{}).Equal(Calendar{}) {
		t.Error("Equal and the zero Calendar")
	}
	if Default().HolidaysName() != "US" {
		t.Error("HolidaysName of Default")
	}
}

func TestWithHolidaysAndInKeepRules(t *testing.T) {
	r := Rules{Closures: []Closure{{Date: Date{2024, 7, 5}, Name: "offsite"}}, WorkHours: weekdayHours(t, "09:00-17:00")}
	us := mustNamedWith(t, "US", "UTC", r)
	gb, err := us.WithHolidays("GB")
	if err != nil {
		t.Fatal(err)
	}
	if gb.Name() != "GB" || gb.HolidaysName() != "GB" || gb.Location() != time.UTC {
		t.Errorf("WithHolidays(GB) = %v", gb)
	}
	if diff := cmp.Diff(us.Rules(), gb.Rules()); diff != "" {
		t.Errorf("WithHolidays changed the rules (-us +gb):\n%s", diff)
	}
	// 4 July is a US holiday, not a GB one; the closure on 5 July stays.
	thu := time.Date(2024, 7, 4, 12, 0, 0, 0, time.UTC)
	if ok, _ := gb.IsBusinessDay(thu); !ok {
		t.Error("4 July is not a business day in GB")
	}
	if ok, _ := gb.IsBusinessDay(thu.AddDate(0, 0, 1)); ok {
		t.Error("the closure on 5 July was lost")
	}
	if _, err := us.WithHolidays("XX"); !errors.Is(err, ErrUnknownCalendar) {
		t.Errorf("WithHolidays(XX): %v", err)
	}
	ny, err := us.In(mustZone(t, "America/New_York"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(us.Rules(), ny.Rules()); diff != "" {
		t.Errorf("In changed the rules:\n%s", diff)
	}
	// 09:00-17:00 is read in New York now: 14:00 UTC is 10:00 there.
	if got, _ := ny.AddBusinessTime(time.Date(2024, 7, 8, 14, 0, 0, 0, time.UTC), 7*time.Hour); !got.Equal(time.Date(2024, 7, 8, 21, 0, 0, 0, time.UTC)) {
		t.Errorf("In: 7 business hours from 10:00 New York = %v", got)
	}
	if _, err := (Calendar{}).WithHolidays("US"); !errors.Is(err, ErrZeroCalendar) {
		t.Errorf("zero Calendar: %v", err)
	}
}

func TestClosuresAndWeekend(t *testing.T) {
	c := mustNamedWith(t, "US", "UTC", Rules{
		Weekend: []time.Weekday{time.Friday},
		Closures: []Closure{
			{Date: Date{2024, 7, 8}, Name: "inventory"},
			{Date: Date{2024, 7, 9}, From: 720},
			{Date: Date{2024, 7, 10}, Until: 24 * 60},
		},
	})
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"a whole-day closure is skipped by AddBusinessDays", time.Date(2024, 7, 7, 9, 0, 0, 0, time.UTC), 1, time.Date(2024, 7, 9, 9, 0, 0, 0, time.UTC)},
		{"a part-day closure leaves a business day", time.Date(2024, 7, 8, 9, 0, 0, 0, time.UTC), 1, time.Date(2024, 7, 9, 9, 0, 0, 0, time.UTC)},
		{"a closure until 24:00 from 00:00 is a whole day", time.Date(2024, 7, 9, 9, 0, 0, 0, time.UTC), 1, time.Date(2024, 7, 11, 9, 0, 0, 0, time.UTC)},
		{"a Friday weekend: Thursday + 1 is Saturday", time.Date(2024, 7, 11, 9, 0, 0, 0, time.UTC), 1, time.Date(2024, 7, 13, 9, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.AddBusinessDays(tt.from, tt.n)
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("AddBusinessDays(%v, %d) = %v, %v; want %v", tt.from, tt.n, got, err, tt.want)
			}
		})
	}
	if n, _ := c.BusinessDaysBetween(time.Date(2024, 7, 7, 0, 0, 0, 0, time.UTC), time.Date(2024, 7, 14, 0, 0, 0, 0, time.UTC)); n != 4 {
		t.Errorf("BusinessDaysBetween over the closures = %d, want 4 (9, 11, 13, 14 July)", n)
	}
	if d, _ := c.BusinessTimeBetween(time.Date(2024, 7, 9, 0, 0, 0, 0, time.UTC), time.Date(2024, 7, 10, 0, 0, 0, 0, time.UTC)); d != 12*time.Hour {
		t.Errorf("a closure from 12:00 leaves %v of 9 July, want 12h", d)
	}
}

func TestHolidayOn(t *testing.T) {
	c := mustNamedWith(t, "US", "UTC", Rules{Closures: []Closure{
		{Date: Date{2024, 7, 5}, Name: "offsite"},
		{Date: Date{2024, 7, 8}},
		{Date: Date{2024, 7, 9}, From: 720, Name: "half day"},
		{Date: Date{2024, 7, 4}, Name: "also closed"},
	}})
	tests := []struct {
		date Date
		name string
		ok   bool
	}{
		{Date{2024, 7, 4}, "Independence Day", true},
		{Date{2024, 7, 5}, "offsite", true},
		{Date{2024, 7, 8}, "", true},
		{Date{2024, 7, 9}, "", false},
		{Date{2024, 7, 6}, "", false},
		{Date{2024, 7, 10}, "", false},
		{Date{2021, 12, 31}, "New Year's Day", true},
		{Date{1970, 1, 1}, "New Year's Day", true},
		{Date{2200, 12, 25}, "Christmas Day", true},
		{Date{1969, 12, 25}, "", false},
		{Date{2024, 2, 30}, "", false},
	}
	for _, tt := range tests {
		name, ok := c.HolidayOn(tt.date)
		if name != tt.name || ok != tt.ok {
			t.Errorf("HolidayOn(%s) = %q, %v; want %q, %v", tt.date, name, ok, tt.name, tt.ok)
		}
	}
	if _, ok := (Calendar{}).HolidayOn(Date{2024, 7, 4}); ok {
		t.Error("the zero Calendar has holidays")
	}
}

func TestCatalog(t *testing.T) {
	cat := Catalog()
	names := Names()
	if len(cat) != len(names) || len(covers) != len(names) {
		t.Fatalf("Catalog has %d entries, covers %d, Names %d", len(cat), len(covers), len(names))
	}
	for i, info := range cat {
		if info.Name != names[i] || info.Covers == "" {
			t.Errorf("Catalog()[%d] = %+v, want %s with what it covers", i, info, names[i])
		}
	}
	want := map[string]string{"US": "United States", "AU-NSW": "Australia, New South Wales", "ECB": "European Central Bank (TARGET2)", "DE-BY": "Germany, Bavaria"}
	for _, info := range cat {
		if w, ok := want[info.Name]; ok && info.Covers != w {
			t.Errorf("%s covers %q, want %q", info.Name, info.Covers, w)
		}
	}
}

// TestRangeEdges pins the first and last days of the range and the leap day
// of 2000 in the civil conversion.
func TestRangeEdges(t *testing.T) {
	for _, d := range []Date{{1970, 1, 1}, {2000, 2, 28}, {2000, 2, 29}, {2000, 3, 1}, {2100, 2, 28}, {2100, 3, 1}, {2200, 12, 31}} {
		i := daysFromCivil(d.Year, d.Month, d.Day)
		y, m, dd := civilFromDays(i)
		if (Date{y, m, dd}) != d {
			t.Errorf("civilFromDays(daysFromCivil(%s)) = %04d-%02d-%02d", d, y, m, dd)
		}
		want := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400
		if int64(i) != want {
			t.Errorf("daysFromCivil(%s) = %d, want %d", d, i, want)
		}
	}
	if daysFromCivil(2000, 3, 1)-daysFromCivil(2000, 2, 28) != 2 || daysFromCivil(2100, 3, 1)-daysFromCivil(2100, 2, 28) != 1 {
		t.Error("2000 is a leap year and 2100 is not")
	}
	us := Default()
	for _, y := range []int{MinYear, MaxYear} {
		h, err := us.Holidays(y)
		if err != nil || len(h) == 0 {
			t.Errorf("Holidays(%d) = %d holidays, %v", y, len(h), err)
		}
	}
	if _, err := us.Holidays(MaxYear + 1); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("Holidays(2201): %v", err)
	}
	first := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	if ok, err := us.IsBusinessDay(first); err != nil || ok {
		t.Errorf("1 January 1970 (New Year's Day) = %v, %v", ok, err)
	}
	if ok, err := us.IsBusinessDay(first.Add(-1)); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("the last nanosecond of 1969 = %v, %v; want ErrOutOfRange", ok, err)
	}
	last := time.Date(2200, 12, 31, 23, 59, 59, 999999999, time.UTC)
	if ok, err := us.IsBusinessDay(last); err != nil || !ok {
		t.Errorf("the last nanosecond of 2200 = %v, %v", ok, err)
	}
	if _, err := us.IsBusinessDay(last.Add(1)); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("the first instant of 2201: %v", err)
	}
	if got, err := us.AddBusinessDays(time.Date(1970, 1, 2, 9, 0, 0, 0, time.UTC), -1); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("the business day before 2 January 1970 = %v, %v", got, err)
	}
	leap, err := us.AddBusinessDays(time.Date(2000, 2, 28, 9, 0, 0, 0, time.UTC), 1)
	if err != nil || !leap.Equal(time.Date(2000, 2, 29, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("the business day after Monday 28 February 2000 = %v, %v", leap, err)
	}
}

// TestHostMidnightRule pins dateOf: an instant from 20:00 on is the next
// day's midnight moved back by a DST change at midnight; before 20:00 it is
// its own date.
func TestHostMidnightRule(t *testing.T) {
	day := daysFromCivil(2024, 3, 9)
	tests := []struct {
		at   time.Time
		want int
	}{
		{time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC), day},
		{time.Date(2024, 3, 9, 19, 59, 59, 999999999, time.UTC), day},
		{time.Date(2024, 3, 9, 20, 0, 0, 0, time.UTC), day + 1},
		{time.Date(2024, 3, 9, 23, 0, 0, 0, time.UTC), day + 1},
	}
	for _, tt := range tests {
		if got := dateOf(tt.at); got != tt.want {
			t.Errorf("dateOf(%v) = %d, want %d", tt.at, got, tt.want)
		}
	}
}

func TestRangeConstants(t *testing.T) {
	if firstDay != daysFromCivil(MinYear, time.January, 1) || endDay != daysFromCivil(MaxYear+1, time.January, 1) {
		t.Errorf("firstDay %d, endDay %d do not match MinYear and MaxYear", firstDay, endDay)
	}
}

func TestClockAndSpanText(t *testing.T) {
	type doc struct {
		Opens Clock  `json:"opens"`
		Hours []Span `json:"hours"`
	}
	in := `{"opens":"08:30","hours":["08:00-12:00","13:00-24:00"]}`
	var d doc
	if err := json.Unmarshal([]byte(in), &d); err != nil {
		t.Fatal(err)
	}
	if d.Opens != 510 || len(d.Hours) != 2 || d.Hours[1] != (Span{780, EndOfDay}) {
		t.Errorf("decoded %+v", d)
	}
	out, err := json.Marshal(d)
	if err != nil || string(out) != in {
		t.Errorf("Marshal = %s, %v; want %s", out, err, in)
	}
	for _, bad := range []string{`{"opens":"8:30"}`, `{"hours":["12:00-08:00"]}`, `{"opens":"24:30"}`} {
		if err := json.Unmarshal([]byte(bad), &d); !errors.Is(err, ErrInvalidSpec) {
			t.Errorf("Unmarshal(%s) error %v, want ErrInvalidSpec", bad, err)
		}
	}
	if _, err := json.Marshal(doc{Opens: 1441}); !errors.Is(err, ErrInvalidSpec) {
		t.Errorf("Marshal of Clock 1441: %v", err)
	}
	if _, err := json.Marshal(doc{Hours: []Span{{600, 540}}}); !errors.Is(err, ErrInvalidSpec) {
		t.Errorf("Marshal of an empty span: %v", err)
	}
}
