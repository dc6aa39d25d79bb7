// Package zone loads IANA time zones by name once and shares them.
//
// time.LoadLocation reads the zone database on every call; decisions made
// line by line would pay for that each time. Load caches what it has loaded:
// the cache only grows by valid zone names (a bounded set), and a cached
// *time.Location is immutable, so sharing it is safe.
package zone

import (
	"errors"
	"fmt"
	"sync"
	"time"
	// The embedded zone database: answers must not depend on whether the host
	// has one installed.
	_ "time/tzdata"
)

// ErrUnknown is wrapped by the errors of Load.
var ErrUnknown = errors.New("unknown time zone")

var cache sync.Map // string -> *time.Location

// Load returns the location named by an IANA zone name such as
// "America/New_York" or "UTC". The empty name and "Local" are refused: an
// answer must not depend on the host's own zone.
func Load(name string) (*time.Location, error) {
	if v, ok := cache.Load(name); ok {
		return v.(*time.Location), nil
	}
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("time zone %q: %w (name an IANA zone)", name, ErrUnknown)
	}
	if len(name) > 255 {
		return nil, fmt.Errorf("time zone %.20q...: %w", name, ErrUnknown)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: %w", name, ErrUnknown)
	}
	v, _ := cache.LoadOrStore(name, loc)
	return v.(*time.Location), nil
}
