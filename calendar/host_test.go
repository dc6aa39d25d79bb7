package calendar

import "time"

// hostZone returns the host's own zone, which calendars refuse.
func hostZone() *time.Location { return time.Local }
