package priority_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/casepolicy/casepolicy/priority"
)

func ExampleParse() {
	l, err := priority.Parse("high")
	fmt.Println(l, err, l > priority.Medium)

	_, err = priority.Parse("urgent")
	fmt.Println(err, errors.Is(err, priority.ErrUnknownLevel))
	// Output:
	// high <nil> true
	// parse priority "urgent": unknown value true
}

// Levels are written as their text form in JSON.
func ExampleLevel_MarshalText() {
	b, _ := json.Marshal(map[string]priority.Level{"priority": priority.Critical})
	fmt.Println(string(b))

	var v struct{ Priority priority.Level }
	err := json.Unmarshal([]byte(`{"Priority": "High"}`), &v)
	fmt.Println(err)
	// Output:
	// {"priority":"critical"}
	// parse priority "High": unknown value
}

func ExampleRequestChange() {
	for _, to := range []priority.Level{priority.Medium, priority.High, priority.Critical} {
		c, _ := priority.RequestChange(priority.Low, to)
		fmt.Println(c.From, "->", c.To, c.Channel, c.Clause)
	}
	c, _ := priority.RequestChange(priority.Critical, priority.Medium)
	fmt.Println(c.From, "->", c.To, c.Channel, c.Clause)
	_, ok := priority.RequestChange(priority.High, priority.High)
	fmt.Println(ok)
	// Output:
	// low -> medium work_note P5
	// low -> high phone_product_support P5
	// low -> critical phone_product_support P5
	// critical -> medium work_note P5
	// false
}
