// Package zone loads IANA time zones by name from the zone database embedded
// in this package, once, and shares them.
//
// # Which database decides
//
// time.LoadLocation looks in $ZONEINFO, then the host's zone files, and only
// then in time/tzdata, so the same program could answer differently on two
// hosts. Load never reads the host: it reads zoneinfo.zip, a copy of
// $GOROOT/lib/time/zoneinfo.zip of the Go release that built the module
// (Go 1.26, IANA tzdata 2025c: CODE and DATA in $GOROOT/lib/time/update.bash),
// embedded in the binary. Updating the zone rules is updating that file and
// the version named here (see TZDataVersion).
//
// time.LoadLocation also reads its files on every call; decisions made line by
// line would pay for that each time. Load caches what it has loaded: the cache
// only grows by valid zone names (a bounded set), and a cached *time.Location
// is immutable, so sharing it is safe.
package zone

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// TZDataVersion is the IANA tzdata release of the embedded database.
const TZDataVersion = "2025c"

// ErrUnknown is wrapped by the errors of Load.
var ErrUnknown = errors.New("unknown time zone")

//go:embed zoneinfo.zip
var zoneinfoZip []byte

// files indexes the embedded archive by zone name, read once.
var files = sync.OnceValue(func() map[string]*zip.File {
	r, err := zip.NewReader(bytes.NewReader(zoneinfoZip), int64(len(zoneinfoZip)))
	if err != nil {
		panic("zone: embedded zoneinfo.zip is unreadable: " + err.Error())
	}
	m := make(map[string]*zip.File, len(r.File))
	for _, f := range r.File {
		m[f.Name] = f
	}
	return m
})

var cache sync.Map // string -> *Zone

// Load returns the location named by an IANA zone name such as
// "America/New_York" or "UTC", from the embedded database. The empty name
// and "Local" are refused: an answer must not depend on the host's own zone.
// "UTC" is time.UTC.
func Load(name string) (*time.Location, error) {
	z, err := Get(name)
	if err != nil {
		return nil, err
	}
	return z.loc, nil
}

// Get is Load returning the shared Zone, which also knows the zone's
// transitions.
func Get(name string) (*Zone, error) {
	if v, ok := cache.Load(name); ok {
		return v.(*Zone), nil
	}
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("time zone %q: %w (name an IANA zone)", name, ErrUnknown)
	}
	if len(name) > 255 {
		return nil, fmt.Errorf("time zone %.20q...: %w", name, ErrUnknown)
	}
	var loc *time.Location
	if name == "UTC" {
		loc = time.UTC
	} else {
		f, ok := files()[name]
		if !ok {
			return nil, fmt.Errorf("time zone %q: %w", name, ErrUnknown)
		}
		data, err := readAll(f)
		if err == nil {
			loc, err = time.LoadLocationFromTZData(name, data)
		}
		if err != nil {
			return nil, fmt.Errorf("time zone %q: %w", name, ErrUnknown)
		}
	}
	v, _ := cache.LoadOrStore(name, New(loc))
	return v.(*Zone), nil
}

func readAll(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// For returns the Zone of loc: the shared one when loc is the location Load
// returns for its name; else one shared by every call with the same
// *time.Location, for the first 256 such locations, and a new one after.
func For(loc *time.Location) *Zone {
	if loc == time.UTC {
		z, _ := Get("UTC")
		return z
	}
	if v, ok := cache.Load(loc.String()); ok && v.(*Zone).loc == loc {
		return v.(*Zone)
	}
	if v, ok := others.Load(loc); ok {
		return v.(*Zone)
	}
	if othersCount.Add(1) > 256 {
		return New(loc)
	}
	v, _ := others.LoadOrStore(loc, New(loc))
	return v.(*Zone)
}

var (
	others      sync.Map // *time.Location -> *Zone, for locations not from Load
	othersCount atomic.Int32
)

// Zone is a location with its offset changes between 1969 and 2201 in a
// table, computed on first use: Offset answers without time's own lookup and
// tells how far the nearest change is.
type Zone struct {
	loc  *time.Location
	once sync.Once
	tr   []int64 // Unix seconds of each offset change, ascending
	off  []int32 // off[k]: offset in seconds before tr[k]; off[len(tr)]: after the last
}

// Table range: a little more than the calendar's years 1970-2200.
var (
	tableStart = time.Date(1969, 12, 20, 0, 0, 0, 0, time.UTC).Unix()
	tableEnd   = time.Date(2201, 1, 12, 0, 0, 0, 0, time.UTC).Unix()
)

// New returns the Zone of loc, not shared.
func New(loc *time.Location) *Zone { return &Zone{loc: loc} }

// Location returns the zone's location.
func (z *Zone) Location() *time.Location { return z.loc }

func (z *Zone) init() {
	z.once.Do(func() {
		offAt := func(sec int64) int32 {
			_, o := time.Unix(sec, 0).In(z.loc).Zone()
			return int32(o)
		}
		sec := tableStart
		cur := offAt(sec)
		z.off = append(z.off, cur)
		for sec <= tableEnd {
			_, end := time.Unix(sec, 0).In(z.loc).ZoneBounds()
			if end.IsZero() {
				break
			}
			next := end.Unix()
			if next <= sec {
				// time's ZoneBounds can stop short of the real end (it
				// reports 30 December 19:00 as the end of some leap years
				// past the last transition, again and again): step an hour.
				next = sec + 3600
			}
			if o := offAt(next); o != cur {
				// The change is in (sec, next]: find its first second.
				lo, hi := sec, next
				if offAt(next-1) == cur {
					lo = next - 1
				}
				for hi-lo > 1 {
					mid := lo + (hi-lo)/2
					if offAt(mid) == cur {
						lo = mid
					} else {
						hi = mid
					}
				}
				z.tr = append(z.tr, hi)
				z.off = append(z.off, o)
				cur = o
			}
			sec = next
		}
	})
}

// Offset returns the zone's offset from UTC in seconds at Unix time sec, and
// the span [from, until) of Unix times around sec with that same offset
// (math.MinInt64 and math.MaxInt64 when unbounded; the table ends early in
// 1969 and late in 2201, where no change is known).
func (z *Zone) Offset(sec int64) (off int, from, until int64) {
	z.init()
	// Number of changes at or before sec.
	lo, hi := 0, len(z.tr)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if z.tr[mid] <= sec {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	from, until = -1<<63, 1<<63-1
	if lo > 0 {
		from = z.tr[lo-1]
	}
	if lo < len(z.tr) {
		until = z.tr[lo]
	}
	return int(z.off[lo]), from, until
}
