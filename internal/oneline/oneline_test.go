package oneline

import (
	"errors"
	"testing"
)

func TestJoin(t *testing.T) {
	a, b := errors.New("a: bad"), errors.New("b: worse")
	if Join() != nil || Join(nil, nil) != nil {
		t.Error("Join of nothing is not nil")
	}
	if Join(nil, a) != a {
		t.Error("Join of one error is not that error")
	}
	err := Join(a, nil, b)
	if err.Error() != "a: bad; b: worse" || !errors.Is(err, a) || !errors.Is(err, b) {
		t.Errorf("Join(a, b) = %q", err)
	}
}
