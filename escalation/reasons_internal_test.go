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
