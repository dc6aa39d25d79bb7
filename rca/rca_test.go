package rca_test

import (
	"errors"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/calendar"
	"github.com/casepolicy/casepolicy/internal/rapidgen"
	"github.com/casepolicy/casepolicy/rca"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func mustNamed(t testing.TB, name, zone string) calendar.Calendar {
	t.Helper()
	c, err := calendar.Named(name, zone)
	if err != nil {
		t.Fatalf("calendar.Named(%q, %q): %v", name, zone, err)
	}
	return c
}

func TestStart(t *testing.T) {
	tests := []struct {
		name string
		a    rca.Analysis
		want time.Time
	}{
		{"R1 not requested has no start", rca.Analysis{}, time.Time{}},
		{"R1 a restoration alone is not a request", rca.Analysis{ServiceRestoredAt: utc(2024, 7, 1, 8, 0)}, time.Time{}},
		{"R2 clock starts at the request without a restoration", rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0)}, utc(2024, 7, 1, 10, 0)},
		{"R2 clock starts at the request when restoration is earlier", rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0), ServiceRestoredAt: utc(2024, 7, 1, 8, 0)}, utc(2024, 7, 1, 10, 0)},
		{"R2 clock starts at restoration when it is later", rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0), ServiceRestoredAt: utc(2024, 7, 2, 8, 0)}, utc(2024, 7, 2, 8, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.a.Start()
			if !got.Equal(tt.want) {
				t.Errorf("%+v.Start() = %v, want %v", tt.a, got, tt.want)
			}
			if tt.a.Requested() != !tt.a.RequestedAt.IsZero() {
				t.Errorf("%+v.Requested() = %v", tt.a, tt.a.Requested())
			}
		})
	}
}

func TestDue(t *testing.T) {
	us := calendar.Default()
	ny := mustNamed(t, "US", "America/New_York")
	tests := []struct {
		name   string
		cal    calendar.Calendar
		a      rca.Analysis
		days   int
		want   time.Time
		wantOK bool
	}{
		{"R1 not requested has no due instant", us, rca.Analysis{}, rca.CloudDays, time.Time{}, false},
		{"R2 cloud is 5 business days, skipping Independence Day 2024", us,
			rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0)}, rca.CloudDays, utc(2024, 7, 9, 10, 0), true},
		{"R2 premise is 7 business days, skipping Independence Day 2024", us,
			rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0)}, rca.PremiseDays, utc(2024, 7, 11, 10, 0), true},
		{"R2 premise clock starts at restoration when it is later", us,
			rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0), ServiceRestoredAt: utc(2024, 7, 2, 8, 0)}, rca.PremiseDays, utc(2024, 7, 12, 8, 0), true},
		{"R2 cloud clock starts at restoration when it is later", us,
			rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0), ServiceRestoredAt: utc(2024, 7, 2, 8, 0)}, rca.CloudDays, utc(2024, 7, 10, 8, 0), true},
		{"R2 clock starts at the request when restoration is earlier", us,
			rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0), ServiceRestoredAt: utc(2024, 6, 30, 8, 0)}, rca.CloudDays, utc(2024, 7, 9, 10, 0), true},
		{"R2 skips Juneteenth 2024 in New York", ny,
			rca.Analysis{RequestedAt: time.Date(2024, 6, 17, 9, 0, 0, 0, ny.Location())}, rca.CloudDays, time.Date(2024, 6, 25, 9, 0, 0, 0, ny.Location()), true},
		{"R4 a request on Saturday counts Monday as the first day", us,
			rca.Analysis{RequestedAt: utc(2024, 3, 2, 12, 0)}, rca.CloudDays, utc(2024, 3, 8, 12, 0), true},
		{"R4 keeps the wall-clock time across the DST change in New York", ny,
			rca.Analysis{RequestedAt: time.Date(2024, 3, 8, 9, 30, 0, 0, ny.Location())}, rca.CloudDays, time.Date(2024, 3, 15, 9, 30, 0, 0, ny.Location()), true},
		{"R4 reads the request in the calendar's zone: 02:00 UTC on 5 July is 4 July in New York", ny,
			rca.Analysis{RequestedAt: utc(2024, 7, 5, 2, 0)}, rca.CloudDays, time.Date(2024, 7, 11, 22, 0, 0, 0, ny.Location()), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, err := tt.a.Due(tt.cal, tt.days)
			if err != nil {
				t.Fatalf("%+v.Due(%v, %d) error: %v", tt.a, tt.cal, tt.days, err)
			}
			if ok != tt.wantOK || !got.Equal(tt.want) {
				t.Errorf("%+v.Due(%v, %d) = %v, %v; want %v, %v", tt.a, tt.cal, tt.days, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestDueErrors(t *testing.T) {
	tests := []struct {
		name string
		a    rca.Analysis
		days int
		want error
	}{
		{"R5 a due date after the calendar's last year is an error", rca.Analysis{RequestedAt: utc(calendar.MaxYear, 12, 31, 10, 0)}, rca.CloudDays, calendar.ErrOutOfRange},
		{"R5 a start before the calendar's first year is an error", rca.Analysis{RequestedAt: utc(calendar.MinYear-1, 6, 1, 10, 0)}, rca.CloudDays, calendar.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ok, err := tt.a.Due(calendar.Default(), tt.days)
			if !errors.Is(err, tt.want) || ok {
				t.Errorf("%+v.Due(US, %d) = ok %v, err %v; want an error wrapping %v", tt.a, tt.days, ok, err, tt.want)
			}
			_, err = tt.a.StatusAt(calendar.Default(), tt.days, utc(2300, 1, 1, 0, 0))
			if !errors.Is(err, tt.want) {
				t.Errorf("%+v.StatusAt(US, %d) error = %v; want an error wrapping %v", tt.a, tt.days, err, tt.want)
			}
		})
	}
	var zero calendar.Calendar
	if _, _, err := (rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0)}).Due(zero, rca.CloudDays); !errors.Is(err, calendar.ErrZeroCalendar) {
		t.Errorf("Due on the zero Calendar: err = %v, want ErrZeroCalendar", err)
	}
}

func TestStatusAt(t *testing.T) {
	us := calendar.Default()
	requested := rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0)} // premise due 2024-07-11T10:00Z
	due := utc(2024, 7, 11, 10, 0)
	with := func(delivered time.Time) rca.Analysis { a := requested; a.DeliveredAt = delivered; return a }
	tests := []struct {
		name string
		a    rca.Analysis
		now  time.Time
		want rca.Status
	}{
		{"R3 not requested", rca.Analysis{}, due, rca.Status{State: rca.NotRequested}},
		{"R3 not requested even when a delivery is recorded", rca.Analysis{DeliveredAt: utc(2024, 7, 2, 0, 0)}, due, rca.Status{State: rca.NotRequested}},
		{"R3 in analysis right after the request", requested, utc(2024, 7, 1, 10, 0), rca.Status{State: rca.InAnalysis, Due: due}},
		{"R3 in analysis one nanosecond before the due instant", requested, due.Add(-time.Nanosecond), rca.Status{State: rca.InAnalysis, Due: due}},
		{"R3 status is overdue exactly at the due instant", requested, due, rca.Status{State: rca.Overdue, Due: due}},
		{"R3 overdue long after the due instant", requested, utc(2024, 9, 1, 0, 0), rca.Status{State: rca.Overdue, Due: due}},
		{"R3 delivered early", with(utc(2024, 7, 8, 16, 0)), utc(2024, 7, 9, 0, 0), rca.Status{State: rca.Delivered, Due: due, DeliveredAt: utc(2024, 7, 8, 16, 0)}},
		{"R3 delivered early stays delivered after the due instant", with(utc(2024, 7, 8, 16, 0)), utc(2024, 8, 1, 0, 0), rca.Status{State: rca.Delivered, Due: due, DeliveredAt: utc(2024, 7, 8, 16, 0)}},
		{"R3 delivered late", with(utc(2024, 7, 15, 12, 0)), utc(2024, 7, 16, 0, 0), rca.Status{State: rca.Delivered, Due: due, DeliveredAt: utc(2024, 7, 15, 12, 0)}},
		{"R3 delivered exactly at now counts", with(utc(2024, 7, 15, 12, 0)), utc(2024, 7, 15, 12, 0), rca.Status{State: rca.Delivered, Due: due, DeliveredAt: utc(2024, 7, 15, 12, 0)}},
		{"R3 a delivery after now does not count before the due instant", with(utc(2024, 7, 15, 12, 0)), utc(2024, 7, 5, 0, 0), rca.Status{State: rca.InAnalysis, Due: due}},
		{"R3 a delivery after now does not count after the due instant", with(utc(2024, 7, 15, 12, 0)), utc(2024, 7, 12, 0, 0), rca.Status{State: rca.Overdue, Due: due}},
		{"R3 due follows the later restoration", rca.Analysis{RequestedAt: utc(2024, 7, 1, 10, 0), ServiceRestoredAt: utc(2024, 7, 2, 8, 0)}, utc(2024, 7, 11, 10, 0), rca.Status{State: rca.InAnalysis, Due: utc(2024, 7, 12, 8, 0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.a.StatusAt(us, rca.PremiseDays, tt.now)
			if err != nil {
				t.Fatalf("%+v.StatusAt(US, %d, %v) error: %v", tt.a, rca.PremiseDays, tt.now, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%+v.StatusAt(US, %d, %v) mismatch (-want +got):\n%s", tt.a, rca.PremiseDays, tt.now, diff)
			}
		})
	}
}

func TestPlatformIncidentDue(t *testing.T) {
	tests := []struct {
		name     string
		restored time.Time
		want     time.Time
	}{
		{"R3 five business days after restoration on a Friday", utc(2024, 6, 28, 17, 30), utc(2024, 7, 8, 17, 30)},
		{"R3 restoration on a Saturday counts from Monday", utc(2024, 6, 29, 3, 0), utc(2024, 7, 8, 3, 0)},
		{"R3 restoration on a holiday counts from the next business day", utc(2024, 7, 4, 12, 0), utc(2024, 7, 11, 12, 0)},
		{"R3 keeps nanoseconds", time.Date(2024, 7, 1, 10, 0, 0, 1, time.UTC), time.Date(2024, 7, 9, 10, 0, 0, 1, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rca.PlatformIncidentDue(calendar.Default(), tt.restored)
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("PlatformIncidentDue(US, %v) = %v, %v; want %v", tt.restored, got, err, tt.want)
			}
		})
	}
	if _, err := rca.PlatformIncidentDue(calendar.Default(), utc(calendar.MaxYear, 12, 31, 0, 0)); !errors.Is(err, calendar.ErrOutOfRange) {
		t.Errorf("PlatformIncidentDue at the end of the calendar: err = %v, want ErrOutOfRange", err)
	}
}

func TestStateText(t *testing.T) {
	for _, s := range []rca.State{rca.NotRequested, rca.InAnalysis, rca.Overdue, rca.Delivered} {
		text, err := s.MarshalText()
		if err != nil {
			t.Fatalf("%v.MarshalText(): %v", s, err)
		}
		if string(text) != s.String() {
			t.Errorf("%v.MarshalText() = %q, want String() %q", s, text, s.String())
		}
		var back rca.State
		if err := back.UnmarshalText(text); err != nil || back != s {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, back, err, s)
		}
	}
	for _, bad := range []string{"", "late", "Overdue", " overdue"} {
		if _, err := rca.ParseState(bad); err == nil {
			t.Errorf("ParseState(%q) succeeded, want an error", bad)
		}
	}
	if _, err := rca.State(0).MarshalText(); err == nil {
		t.Errorf("State(0).MarshalText() succeeded, want an error")
	}
}

// TestPropertyStatusSwitchesAtDue: StatusAt is InAnalysis strictly before
// Due and Overdue from Due on, to the nanosecond.
func TestPropertyStatusSwitchesAtDue(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := rapidgen.Location(t, "zone")
		c, err := calendar.Named("US", loc.String())
		if err != nil {
			t.Fatalf("calendar.Named(US, %s): %v", loc, err)
		}
		from, to := utc(2000, 1, 1, 0, 0), utc(2100, 1, 1, 0, 0)
		a := rca.Analysis{RequestedAt: rapidgen.Instant(from, to).Draw(t, "requested")}
		if rapid.Bool().Draw(t, "restored") {
			a.ServiceRestoredAt = a.RequestedAt.Add(time.Duration(rapid.Int64Range(-int64(30*24*time.Hour), int64(30*24*time.Hour)).Draw(t, "restoredOffset")))
		}
		days := rapid.SampledFrom([]int{rca.CloudDays, rca.PremiseDays, rca.PlatformIncidentDays, 1, 20}).Draw(t, "days")

		due, ok, err := a.Due(c, days)
		if err != nil || !ok {
			t.Fatalf("Due = %v, %v, %v", due, ok, err)
		}
		if !due.After(a.Start()) {
			t.Fatalf("due %v is not after the start %v", due, a.Start())
		}
		offset := rapid.OneOf(
			rapid.Int64Range(-3, 3),
			rapid.Int64Range(-int64(10*24*time.Hour), int64(10*24*time.Hour)),
		).Draw(t, "nowOffsetNanos")
		now := due.Add(time.Duration(offset))

		st, err := a.StatusAt(c, days, now)
		if err != nil {
			t.Fatalf("StatusAt(%v): %v", now, err)
		}
		want := rca.Overdue
		if now.Before(due) {
			want = rca.InAnalysis
		}
		if st.State != want || !st.Due.Equal(due) {
			t.Fatalf("StatusAt(%v) = %v due %v; want %v due %v", now, st.State, st.Due, want, due)
		}
		for _, edge := range []struct {
			now  time.Time
			want rca.State
		}{{due.Add(-time.Nanosecond), rca.InAnalysis}, {due, rca.Overdue}} {
			st, err := a.StatusAt(c, days, edge.now)
			if err != nil || st.State != edge.want {
				t.Fatalf("StatusAt(%v) = %v, %v; want %v", edge.now, st.State, err, edge.want)
			}
		}
	})
}

func TestInvalidAnalysis(t *testing.T) {
	us := calendar.Default()
	req := time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC)
	if _, _, err := (rca.Analysis{RequestedAt: req}).Due(us, -1); !errors.Is(err, rca.ErrInvalid) {
		t.Errorf("Due with -1 days: error %v, want rca.ErrInvalid", err)
	}
	a := rca.Analysis{RequestedAt: req, DeliveredAt: req.Add(-time.Hour)}
	if _, err := a.StatusAt(us, rca.CloudDays, req.Add(time.Hour)); !errors.Is(err, rca.ErrInvalid) {
		t.Errorf("StatusAt of an RCA delivered before it was requested: error %v, want rca.ErrInvalid", err)
	}
}
