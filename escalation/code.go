package escalation

import (
	"time"

	"github.com/casepolicy/casepolicy/internal/enum"
)

// Code identifies a reason or warning. Programs branch on codes; the text form
// (LOW_PRIORITY, ...) is the stable contract of docs/CONTRACT.md. Codes are
// declared in the order of their clauses in docs/POLICY.md, which is the order a
// Decision lists them in. The zero Code is not valid.
type Code uint8

// Reason codes, in clause order.
const (
	NoCase                      Code = iota + 1 // G1: there is no case
	CaseClosed                                  // G2: the case is closed
	AwaitingCustomer                            // G3: support waits on the customer
	ActiveEscalation                            // G5: an escalation is already active
	NotDesignatedContact                        // G6: only designated contacts escalate
	LowPriority                                 // P1: low-priority cases are not eligible
	HighPriorityRecentlyUpdated                 // P2: 24 hours have not passed since the last update
	NoBusinessImpact                            // P2: no significant business impact
	CriticalUsePhone                            // P4: critical commercial cases escalate by phone
	UsePortal                                   // P5: escalations go through the portal control
	RCANotRequested                             // R1: no RCA was requested on the case
	RCAAnalysisPeriod                           // R2: the RCA's service-level target has not passed
	UrgencyChangeByPhone                        // U1: under 2022 an urgency change is not grounds
	FedRAMPWrongPortal                          // F1: a FedRAMP case came through the commercial portal
	CommercialWrongPortal                       // F1: a commercial case came through the FedRAMP portal
	FedRAMPMobileApp                            // F2: FedRAMP cases are not in the mobile app
	FedRAMPPINRequired                          // F3: a FedRAMP caller must give the FedRAMP PIN
	FedRAMPUnassigned                           // F9: a FedRAMP case escalates once assigned

	// Warnings, in clause order: they never refuse a request.
	UnseenUpdate       // G4: the case changed after the requester last viewed it
	ExternalEngagement // G7: Development, Cloud Operations or a third party is engaged

	numCodes = iota + 1
)

type codeInfo struct {
	text, clause, message, remedy string
}

var codes = [numCodes]codeInfo{
	NoCase: {"NO_CASE", "G1",
		"There is no case to escalate.",
		"Open a case in the support portal first."},
	CaseClosed: {"CASE_CLOSED", "G2",
		"The case is closed, so it cannot be escalated.",
		"Reopen the case in the support portal, or call the customer care team."},
	AwaitingCustomer: {"AWAITING_CUSTOMER", "G3",
		"Product Support is waiting on information from you.",
		"Supply the requested information on the case; support resumes once it arrives."},
	ActiveEscalation: {"ACTIVE_ESCALATION", "G5",
		"An escalation is already active on this case; an open request likely exists.",
		"Follow the active escalation; a new one can be requested after it is closed."},
	NotDesignatedContact: {"NOT_DESIGNATED_CONTACT", "G6",
		"Only a designated contact of the customer can escalate a case.",
		"Ask one of your organisation's designated contacts to escalate the case."},
	LowPriority: {"LOW_PRIORITY", "P1",
		"Low-priority cases are not eligible for escalation.",
		"To raise the priority to medium, add a work note to the case; for high, call Product Support."},
	HighPriorityRecentlyUpdated: {"HIGH_PRIORITY_RECENTLY_UPDATED", "P2",
		"A high-priority case can be escalated only when the policy's wait (24 hours in the built-in policies) has passed since its last update.",
		"Wait until the time given; the case may be escalated then."},
	NoBusinessImpact: {"NO_BUSINESS_IMPACT", "P2",
		"A high-priority case can be escalated only while it is actively causing significant business impact.",
		"Describe the current business impact on the case, or escalate once it has that impact."},
	CriticalUsePhone: {"CRITICAL_USE_PHONE", "P4",
		"Critical (production down) cases are escalated by phone, not through the portal, the mobile app, e-mail, chat or the web.",
		"Call Product Support; the assigned expert engages a Product Support Manager."},
	UsePortal: {"USE_PORTAL", "P5",
		"Escalation requests go through the support portal's escalation control.",
		"Use the escalation control on the case in the support portal. To change the priority instead, add a work note (medium) or call Product Support (high or critical)."},
	RCANotRequested: {"RCA_NOT_REQUESTED", "R1",
		"No root-cause analysis has been requested on this case.",
		"Request an RCA on the case first."},
	RCAAnalysisPeriod: {"RCA_ANALYSIS_PERIOD", "R2",
		"Product Support is still within its service-level target for the root-cause analysis (in the built-in policies, 5 business days for cloud, 7 for premise).",
		"Wait until the time given; if the RCA is still outstanding then, it may be escalated."},
	UrgencyChangeByPhone: {"URGENCY_CHANGE_BY_PHONE", "U1",
		"A change in urgency or impact is not grounds for escalation.",
		"Call the customer care team to raise the case's priority."},
	FedRAMPWrongPortal: {"FEDRAMP_WRONG_PORTAL", "F1",
		"Cases of a FedRAMP organisation are handled in the FedRAMP support portal; this commercial case is to be closed.",
		"Submit the request through the FedRAMP support portal."},
	CommercialWrongPortal: {"COMMERCIAL_WRONG_PORTAL", "F1",
		"Commercial cases are not handled in the FedRAMP support portal.",
		"Submit the request through the commercial support portal."},
	FedRAMPMobileApp: {"FEDRAMP_MOBILE_APP", "F2",
		"FedRAMP cases, organisations and the FedRAMP portal are not available in the mobile app.",
		"Use the FedRAMP support portal."},
	FedRAMPPINRequired: {"FEDRAMP_PIN_REQUIRED", "F3",
		"Phone contact on a FedRAMP case requires the FedRAMP PIN; the commercial PIN is not accepted.",
		"Call again with your FedRAMP PIN."},
	FedRAMPUnassigned: {"FEDRAMP_UNASSIGNED", "F9",
		"A FedRAMP case can be escalated once it has been assigned.",
		"Wait for the case to be assigned, then escalate it through the FedRAMP portal."},
	UnseenUpdate: {"UNSEEN_UPDATE", "G4",
		"The case was updated after you last viewed it.",
		"Read the latest update on the case before escalating."},
	ExternalEngagement: {"EXTERNAL_ENGAGEMENT", "G7",
		"This case needs Development, Cloud Operations or a third party; resolution may take longer pending their analysis.",
		""},
}

var codeNames = func() enum.Names {
	n := enum.Names{Type: "Code", Kind: "reason code", Names: make([]string, numCodes)}
	for c := Code(1); c < numCodes; c++ {
		n.Names[c] = codes[c].text
	}
	return n
}()

// IsValid reports whether c is a defined code.
func (c Code) IsValid() bool { return c > 0 && c < numCodes }

// IsWarning reports whether c is a warning (G4, G7) rather than a refusal.
func (c Code) IsWarning() bool { return c >= UnseenUpdate && c < numCodes }

// String returns the code's text form, such as "LOW_PRIORITY".
func (c Code) String() string { return codeNames.String(uint8(c)) }

// Clause returns the docs/POLICY.md clause the code cites, such as "P1". USE_PORTAL
// cites P5.
func (c Code) Clause() string {
	if !c.IsValid() {
		return ""
	}
	return codes[c].clause
}

// MarshalText implements encoding.TextMarshaler.
func (c Code) MarshalText() ([]byte, error) { return codeNames.Marshal(uint8(c)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Code) UnmarshalText(text []byte) error {
	v, err := ParseCode(string(text))
	if err == nil {
		*c = v
	}
	return err
}

// ParseCode returns the code whose text form is s.
func ParseCode(s string) (Code, error) {
	v, err := codeNames.Parse(s)
	return Code(v), err
}

// Reason is one criterion a request fails, or one warning: data for programs
// (Code, Clause, EligibleAt) and text for people (Message, Remedy). The text
// may be reworded in any release; the code and clause will not change.
type Reason struct {
	Code   Code
	Clause string // the docs/POLICY.md clause, such as "P2"
	// Message says what is wrong; Remedy what the customer should do.
	Message string
	Remedy  string
	// EligibleAt is the earliest instant at which this criterion alone stops
	// failing if nothing but time changes: a 24-hour wait (P2), an RCA target
	// (R2), or the switch to a policy version that drops the criterion (V1).
	// It is the zero time when waiting cannot fix it, and always for warnings.
	EligibleAt time.Time
}
