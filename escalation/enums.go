package escalation

import "github.com/casepolicy/casepolicy/internal/enum"

// The enums below share one shape, after slog.Level: String, MarshalText,
// UnmarshalText (which accepts exactly what MarshalText writes) and a Parse
// function. The text forms are the stable contract of docs/CONTRACT.md; the
// integer values are not. The zero value of each is not a valid value, so a
// field left unset is reported as missing.

// Status is the status of a case.
type Status uint8

// The values of Status.
const (
	// Open means the case is open.
	Open Status = iota + 1
	// Closed means the case is closed (G2).
	Closed
)

var statusNames = enum.Names{Type: "Status", Kind: "case status", Names: []string{"", "open", "closed"}}

// IsValid reports whether v is one of the named values.
func (v Status) IsValid() bool { return v >= Open && v <= Closed }

// String returns the text form of v.
func (v Status) String() string { return statusNames.String(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Status) MarshalText() ([]byte, error) { return statusNames.Marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *Status) UnmarshalText(text []byte) error {
	p, err := ParseStatus(string(text))
	if err == nil {
		*v = p
	}
	return err
}

// ParseStatus returns the case status whose text form is s.
func ParseStatus(s string) (Status, error) {
	v, err := statusNames.Parse(s)
	return Status(v), err
}

// Deployment is where the customer's product runs; it sets the RCA target (R2).
type Deployment uint8

// The values of Deployment.
const (
	// Cloud means a cloud deployment: 5 business days for an RCA.
	Cloud Deployment = iota + 1
	// Premise means an on-premises deployment: 7 business days for an RCA.
	Premise
)

var deploymentNames = enum.Names{Type: "Deployment", Kind: "deployment", Names: []string{"", "cloud", "premise"}}

// IsValid reports whether v is one of the named values.
func (v Deployment) IsValid() bool { return v >= Cloud && v <= Premise }

// String returns the text form of v.
func (v Deployment) String() string { return deploymentNames.String(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Deployment) MarshalText() ([]byte, error) { return deploymentNames.Marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *Deployment) UnmarshalText(text []byte) error {
	p, err := ParseDeployment(string(text))
	if err == nil {
		*v = p
	}
	return err
}

// ParseDeployment returns the deployment whose text form is s.
func ParseDeployment(s string) (Deployment, error) {
	v, err := deploymentNames.Parse(s)
	return Deployment(v), err
}

// Product is the product a case is about. It is optional on a case: the zero Product means none was given. No decision depends on it (F9 applies to every FedRAMP case).
type Product uint8

// The values of Product.
const (
	// CloudCX means Cloud CX.
	CloudCX Product = iota + 1
	// Engage means Engage.
	Engage
	// PureConnect means PureConnect.
	PureConnect
)

var productNames = enum.Names{Type: "Product", Kind: "product", Names: []string{"", "cloud_cx", "engage", "pureconnect"}}

// IsValid reports whether v is one of the named values.
func (v Product) IsValid() bool { return v >= CloudCX && v <= PureConnect }

// String returns the text form of v.
func (v Product) String() string { return productNames.String(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Product) MarshalText() ([]byte, error) { return productNames.Marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *Product) UnmarshalText(text []byte) error {
	p, err := ParseProduct(string(text))
	if err == nil {
		*v = p
	}
	return err
}

// ParseProduct returns the product whose text form is s.
func ParseProduct(s string) (Product, error) {
	v, err := productNames.Parse(s)
	return Product(v), err
}

// RequestReason is why the customer asks for an escalation.
type RequestReason uint8

// The values of RequestReason.
const (
	// ReasonRCA means escalate an outstanding root-cause analysis (R1, R2).
	ReasonRCA RequestReason = iota + 1
	// ReasonNoRecentUpdate means the case has not been updated recently.
	ReasonNoRecentUpdate
	// ReasonUrgencyImpactChanged means the urgency or impact changed (U1, U2).
	ReasonUrgencyImpactChanged
	// ReasonCaseUpdate means an update to the case (C1).
	ReasonCaseUpdate
	// ReasonOther means any other reason.
	ReasonOther
)

var requestReasonNames = enum.Names{Type: "RequestReason", Kind: "request reason", Names: []string{"", "rca", "no_recent_update", "urgency_impact_changed", "case_update", "other"}}

// IsValid reports whether v is one of the named values.
func (v RequestReason) IsValid() bool { return v >= ReasonRCA && v <= ReasonOther }

// String returns the text form of v.
func (v RequestReason) String() string { return requestReasonNames.String(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v RequestReason) MarshalText() ([]byte, error) { return requestReasonNames.Marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *RequestReason) UnmarshalText(text []byte) error {
	p, err := ParseRequestReason(string(text))
	if err == nil {
		*v = p
	}
	return err
}

// ParseRequestReason returns the request reason whose text form is s.
func ParseRequestReason(s string) (RequestReason, error) {
	v, err := requestReasonNames.Parse(s)
	return RequestReason(v), err
}

// Channel is how a request reaches support.
type Channel uint8

// The values of Channel.
const (
	// Portal means the support portal's escalation control.
	Portal Channel = iota + 1
	// Phone means a phone call.
	Phone
	// Email means e-mail.
	Email
	// Chat means chat.
	Chat
	// Web means a web form other than the portal control.
	Web
	// MobileApp means the mobile client of the commercial portal.
	MobileApp
)

var channelNames = enum.Names{Type: "Channel", Kind: "channel", Names: []string{"", "portal", "phone", "email", "chat", "web", "mobile_app"}}

// IsValid reports whether v is one of the named values.
func (v Channel) IsValid() bool { return v >= Portal && v <= MobileApp }

// String returns the text form of v.
func (v Channel) String() string { return channelNames.String(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Channel) MarshalText() ([]byte, error) { return channelNames.Marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *Channel) UnmarshalText(text []byte) error {
	p, err := ParseChannel(string(text))
	if err == nil {
		*v = p
	}
	return err
}

// ParseChannel returns the channel whose text form is s.
func ParseChannel(s string) (Channel, error) {
	v, err := channelNames.Parse(s)
	return Channel(v), err
}

// Engagement is who else a case needs (G7).
type Engagement uint8

// The values of Engagement.
const (
	// Development means Development.
	Development Engagement = iota + 1
	// CloudOperations means Cloud Operations.
	CloudOperations
	// ThirdParty means a third party.
	ThirdParty
)

var engagementNames = enum.Names{Type: "Engagement", Kind: "engagement", Names: []string{"", "development", "cloud_operations", "third_party"}}

// IsValid reports whether v is one of the named values.
func (v Engagement) IsValid() bool { return v >= Development && v <= ThirdParty }

// String returns the text form of v.
func (v Engagement) String() string { return engagementNames.String(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Engagement) MarshalText() ([]byte, error) { return engagementNames.Marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *Engagement) UnmarshalText(text []byte) error {
	p, err := ParseEngagement(string(text))
	if err == nil {
		*v = p
	}
	return err
}

// ParseEngagement returns the engagement whose text form is s.
func ParseEngagement(s string) (Engagement, error) {
	v, err := engagementNames.Parse(s)
	return Engagement(v), err
}
