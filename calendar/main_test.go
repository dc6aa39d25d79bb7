package calendar

import (
	"os"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
)

// TestMain builds every shipped table under the host's own zone first (CI
// runs the tests under TZ=UTC and TZ=America/Sao_Paulo, whose DST once began
// at midnight), and only then points rickar/cal at UTC for the reference
// answers. Agreement afterwards proves the tables did not move with the
// host's zone.
func TestMain(m *testing.M) {
	for i := range shipped {
		shippedTable(i)
	}
	cal.DefaultLoc = time.UTC
	os.Exit(m.Run())
}

// reference returns rickar/cal's own business calendar for a shipped list:
// Monday to Friday, no cache, no locations.
func reference(name string) *cal.BusinessCalendar {
	i, ok := lookup(name)
	if !ok {
		panic("no calendar " + name)
	}
	c := cal.NewBusinessCalendar()
	c.AddHoliday(shipped[i].holidays...)
	return c
}

// fataler is what testing.TB and *rapid.T share.
type fataler interface {
	Helper()
	Fatal(args ...any)
}

func mustNamed(t fataler, name, zone string) Calendar {
	t.Helper()
	c, err := Named(name, zone)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustZone(t fataler, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
