package escalation

import (
	"math/rand/v2"
	"testing"
	"time"
)

// Codes added in any order read back with their own instants, whether the
// list keeps them in itself or, past inlineTimed, in memory of its own.
func TestReasonsAddInAnyOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		var rs Reasons
		want := map[Code]time.Time{}
		for _, i := range r.Perm(numRefusals) {
			c := Code(i + 1)
			if r.IntN(3) == 0 {
				continue
			}
			var at time.Time
			if r.IntN(2) == 0 {
				at = time.Unix(r.Int64N(1<<40)-1<<39, r.Int64N(1e9)).UTC()
			}
			rs.add(c, at)
			want[c] = at
		}
		if rs.Len() != len(want) {
			t.Fatalf("Len() = %d, want %d", rs.Len(), len(want))
		}
		for c, at := range want {
			if got, ok := rs.Get(c); !ok || !got.EligibleAt.Equal(at) {
				t.Fatalf("Get(%v) = %v, %v; want %v", c, got.EligibleAt, ok, at)
			}
		}
	}
}

// addInstant names the instant t.Add(d) names, and before orders instants
// as time.Time.Before does, for every nanosecond carry either way.
func TestAddInstantIsTimeAdd(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		base := time.Unix(r.Int64N(1<<38)-1<<37, r.Int64N(1e9))
		d := time.Duration(r.Int64N(1<<62) - 1<<61)
		if r.IntN(2) == 0 {
			d = time.Duration(r.Int64N(4e9) - 2e9)
		}
		if got, want := addInstant(base, d), instantOf(base.Add(d)); got != want {
			t.Fatalf("addInstant(%v, %v) = %v, want %v", base, d, got, want)
		}
		other := base.Add(time.Duration(r.Int64N(3) - 1))
		if got, want := instantOf(base).before(instantOf(other)), base.Before(other); got != want {
			t.Fatalf("before(%v, %v) = %v, want %v", base, other, got, want)
		}
	}
}
