package fedramp

import "strings"

// Reason codes given by this package. Each cites one clause of docs/POLICY.md.
const (
	CodeWrongPortal           = "FEDRAMP_WRONG_PORTAL"    // F1: FedRAMP org on the commercial portal
	CodeCommercialWrongPortal = "COMMERCIAL_WRONG_PORTAL" // F1: commercial org on the FedRAMP portal
	CodeMobileApp             = "FEDRAMP_MOBILE_APP"      // F2: FedRAMP org in the mobile app
	CodePINRequired           = "FEDRAMP_PIN_REQUIRED"    // F3: FedRAMP call without the FedRAMP PIN
	CodeUnassigned            = "FEDRAMP_UNASSIGNED"      // F9: FedRAMP case not yet assigned
	CodeUnknownPortal         = "UNKNOWN_PORTAL"          // F1: a Portal outside the constants
)

// Routing is the F1/F2 decision on a submission. The zero Routing decides
// nothing: its Outcome is unset.
type Routing struct {
	Outcome RouteOutcome
	// Code is the reason code ("" when accepted) and Clause the clause it cites.
	Code   string
	Clause string
	// CloseCommercialCase is true when the case opened on the commercial
	// portal is to be closed because it was redirected (F1).
	CloseCommercialCase bool
}

// Route decides where a submission of an organisation with offering org
// that arrived through portal p goes (F1):
//
//   - a FedRAMP organisation on the commercial portal is redirected to the
//     FedRAMP portal and its commercial case closed (FEDRAMP_WRONG_PORTAL);
//   - a commercial organisation on the FedRAMP portal is refused
//     (COMMERCIAL_WRONG_PORTAL);
//   - everything else is accepted with no code.
//
// Route fails closed: an Offering outside the constants is routed as FedRAMP,
// and the zero or an unknown Portal is refused with UNKNOWN_PORTAL.
func Route(org Offering, p Portal) Routing {
	fed := org != Commercial
	switch p {
	case CommercialPortal:
		if fed {
			return Routing{Outcome: Redirect, Code: CodeWrongPortal, Clause: "F1", CloseCommercialCase: true}
		}
		return Routing{Outcome: Accept}
	case FedRAMPPortal:
		if !fed {
			return Routing{Outcome: Refuse, Code: CodeCommercialWrongPortal, Clause: "F1"}
		}
		return Routing{Outcome: Accept}
	}
	return Routing{Outcome: Refuse, Code: CodeUnknownPortal, Clause: "F1"}
}

// RouteMobileApp decides a submission through the mobile app, the
// commercial portal's client (F2): a FedRAMP organisation (or an unknown
// offering, failing closed) is refused with FEDRAMP_MOBILE_APP, and that is
// its only reason: it is not also redirected. A commercial one is accepted.
func RouteMobileApp(org Offering) Routing {
	if org != Commercial {
		return Routing{Outcome: Refuse, Code: CodeMobileApp, Clause: "F2"}
	}
	return Routing{Outcome: Accept}
}

// Verification is the result of a yes/no check that cites a clause. The zero
// value is a failure with no reason; a passing check has OK true and empty
// Code and Clause.
type Verification struct {
	OK     bool
	Code   string
	Clause string
}

// VerifyPhone checks the PIN a phone caller gave (F3). A FedRAMP call needs the
// FedRAMP PIN: no PIN or the commercial PIN fails with FEDRAMP_PIN_REQUIRED.
// Commercial calls are not PIN-checked by this library and always pass. An
// Offering outside the constants is checked as FedRAMP.
func VerifyPhone(org Offering, pin PIN) Verification {
	if org == Commercial || pin == FedRAMPPIN {
		return Verification{OK: true}
	}
	return Verification{Code: CodePINRequired, Clause: "F3"}
}

// EscalationReady checks F9: a FedRAMP case can be escalated through the
// FedRAMP portal once it is assigned; before, FEDRAMP_UNASSIGNED. The product
// is not checked. Callers apply it to FedRAMP cases only.
func EscalationReady(assigned bool) Verification {
	if assigned {
		return Verification{OK: true}
	}
	return Verification{Code: CodeUnassigned, Clause: "F9"}
}

// Region is the AWS region that hosts FedRAMP organisations (F7).
const Region = "us-east-2"

// RegionAllowed reports whether a FedRAMP snapshot naming region is valid (F7):
// the empty string (no region given) is allowed; otherwise region must equal
// [Region] ignoring case.
func RegionAllowed(region string) bool {
	return region == "" || strings.EqualFold(region, Region)
}

// AccessRequest says where a request for FedRAMP access for more individuals
// goes (F8). The zero value names no destination.
type AccessRequest struct {
	// CaseType is the kind of case to open: [AdminCase].
	CaseType string
	// Organisation is the support organisation that receives it: FedRAMP.
	Organisation Offering
	// Clause is "F8".
	Clause string
}

// AdminCase is the case type of an access request (F8).
const AdminCase = "admin"

// RouteAccessRequest returns where an organisation with offering org requests
// access for more individuals (F8): an Admin case in the FedRAMP support
// organisation. The policy defines this for FedRAMP organisations only, so a
// commercial org gets ok false.
func RouteAccessRequest(org Offering) (req AccessRequest, ok bool) {
	if org != FedRAMP {
		return AccessRequest{}, false
	}
	return AccessRequest{CaseType: AdminCase, Organisation: FedRAMP, Clause: "F8"}, true
}

// EscalationFeed reports whether direct communication with the escalation
// owner (the escalation feed or tab) exists for a case with offering org
// (F10): commercial cases only.
func EscalationFeed(org Offering) bool { return org == Commercial }

// AgentScriptFlag reports whether an interaction routed to an agent is flagged
// FedRAMP in the agent's script (F11): exactly when the offering is not
// commercial (an unknown Offering is flagged, failing closed).
func AgentScriptFlag(org Offering) bool { return org != Commercial }
