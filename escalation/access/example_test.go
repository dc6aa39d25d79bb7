package access_test

import (
	"fmt"

	"github.com/casepolicy/casepolicy/escalation/access"
)

func ExampleAllowed() {
	for _, a := range []access.Action{access.Escalate, access.ViewCase, access.SearchKnowledgeBase} {
		fmt.Println(a, access.Allowed(access.DesignatedContact, a), access.Allowed(access.ReadOnly, a))
	}
	// Output:
	// escalate true false
	// view_case true true
	// search_knowledge_base true true
}

func ExampleCanView() {
	user := access.User{Role: access.ReadOnly, Company: "acme"}
	fmt.Println(access.CanView(user, access.CaseRef{Company: "acme", OpenedByDesignatedContact: true}))
	fmt.Println(access.CanView(user, access.CaseRef{Company: "globex", OpenedByDesignatedContact: true}))
	// Output:
	// true
	// false
}
