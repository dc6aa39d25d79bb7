package fedramp

import "github.com/casepolicy/casepolicy/internal/enum"

// Citizenship is a staff member's citizenship status as it bears on the
// FedRAMP skill (F5). The zero value is OtherCitizenship, which also stands
// for "not established": it never qualifies. Text forms: "other",
// "us_citizen", "green_card_holder".
type Citizenship uint8

// The citizenship statuses.
const (
	OtherCitizenship Citizenship = iota // anything else, or unknown (the zero value)
	USCitizen                           // a U.S. citizen
	GreenCardHolder                     // a U.S. permanent resident (green-card holder)
)

var citizenshipNames = enum.Names{Type: "Citizenship", Kind: "citizenship", Names: []string{"other", "us_citizen", "green_card_holder"}}

// String returns the text form, or "Citizenship(n)" for an unknown value.
func (c Citizenship) String() string { return citizenshipNames.String(uint8(c)) }

// MarshalText implements encoding.TextMarshaler; an unknown value is an error.
func (c Citizenship) MarshalText() ([]byte, error) {
	return citizenshipNames.Marshal(uint8(c))
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly what
// MarshalText writes.
func (c *Citizenship) UnmarshalText(text []byte) error {
	v, err := ParseCitizenship(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ParseCitizenship parses "other", "us_citizen" or "green_card_holder".
func ParseCitizenship(s string) (Citizenship, error) {
	i, err := citizenshipNames.Parse(s)
	return Citizenship(i), err
}

// Reason codes of [CheckSkill], all citing F5.
const (
	CodeSkillNotClaimed  = "FEDRAMP_SKILL_NOT_CLAIMED" // the FedRAMP skill is not claimed
	CodeSkillOutsideUS   = "FEDRAMP_SKILL_OUTSIDE_US"  // claimed, but not located in the U.S.
	CodeSkillCitizenship = "FEDRAMP_SKILL_CITIZENSHIP" // claimed, but neither a U.S. citizen nor a green-card holder
)

// Staff is what F5 needs to know about a support staff member. The zero value
// claims no skill, is not in the U.S. and has OtherCitizenship.
type Staff struct {
	ClaimsFedRAMPSkill bool        // the FedRAMP skill is on the staff member's profile
	LocatedInUS        bool        // the staff member is located in the U.S.
	Citizenship        Citizenship // U.S. citizen, green-card holder or other
}

// Reason is one reason a check failed: a stable code and the clause it cites.
type Reason struct {
	Code   string
	Clause string
}

// Eligibility is the result of [CheckSkill]. Valid is true when the staff
// member holds a valid FedRAMP skill; otherwise Reasons lists every failing
// requirement in the order: claimed, located in the U.S., citizenship. The
// zero value is "not valid" with no reasons.
type Eligibility struct {
	Valid   bool
	Reasons []Reason
}

// CheckSkill reports whether s holds a valid FedRAMP skill (F5): the skill is
// claimed, s is located in the U.S., and s is a U.S. citizen or green-card
// holder. A skill claimed without those is not valid; when the skill is not
// claimed at all, the only reason is FEDRAMP_SKILL_NOT_CLAIMED.
func CheckSkill(s Staff) Eligibility {
	if !s.ClaimsFedRAMPSkill {
		return Eligibility{Reasons: []Reason{{Code: CodeSkillNotClaimed, Clause: "F5"}}}
	}
	var rs []Reason
	if !s.LocatedInUS {
		rs = append(rs, Reason{Code: CodeSkillOutsideUS, Clause: "F5"})
	}
	if s.Citizenship != USCitizen && s.Citizenship != GreenCardHolder {
		rs = append(rs, Reason{Code: CodeSkillCitizenship, Clause: "F5"})
	}
	return Eligibility{Valid: len(rs) == 0, Reasons: rs}
}

// MayHandle reports whether s may handle a ticket with offering ticket (F5):
// anyone may handle a commercial ticket; a FedRAMP ticket (or one with an
// unknown Offering) needs a valid FedRAMP skill.
func MayHandle(s Staff, ticket Offering) bool {
	return ticket == Commercial || CheckSkill(s).Valid
}

// MayTrack reports whether s may track (follow, watch or report on) a ticket
// with offering ticket (F5). The rule is the same as [MayHandle].
func MayTrack(s Staff, ticket Offering) bool { return MayHandle(s, ticket) }
