// Package fedramp encodes the FedRAMP clauses F1-F11 of the support-case
// policy as pure decisions. Every decision that can fail names a stable reason
// code and the clause it cites.
//
//   - F1, F2: [Route] decides where a submission goes by the organisation's
//     [Offering] and its [Entry] (portal or mobile app).
//   - F3: [VerifyPhone] checks the [PIN] a FedRAMP caller gave.
//   - F4: [Invitation] reports a credential invitation's state at an instant.
//   - F5: [CheckSkill], [MayHandle] and [MayTrack] decide who may work on
//     FedRAMP tickets.
//   - F6: [Redact] and the streaming [Redactor] remove personal data.
//   - F7: [RegionAllowed] and [Region].
//   - F8: [RouteAccessRequest]. F9: [EscalationReady]. F10: [EscalationFeed].
//     F11: [AgentScriptFlag].
//
// No function reads the clock, the environment or the host's time zone: every
// instant is an argument.
//
// # Redaction (F6)
//
// [Redact] replaces each value by "[REDACTED:KIND]" and returns a [Report] of
// the removed spans (kind and byte offsets, end exclusive) and the counts per
// kind, never the values. Where two candidate values overlap the earlier start
// wins, then the longer. Recognised:
//
//   - EMAIL: local@domain.tld (a local part of letters, digits and . _ % + -;
//     a dotted domain whose last label is two or more letters).
//   - PHONE: North American (555) 123-4567, 555-123-4567, 555.123.4567,
//     555 123 4567, 1-800-555-1234; +1 followed by exactly the 3-3-4 North
//     American form (+1 555 123 4567, +1 (555) 123-4567); and any other number
//     written with '+' and 8 to 15 digits, such as +44 20 7946 0958,
//     +44 (0)20 7946 0958, +49 30 1234567.
//   - SSN: 123-45-6789 or 123 45 6789, except area 000, 666 or 900-999, group
//     00 or serial 0000.
//   - CARD: 13 to 19 digits passing the Luhn check, plain or in groups
//     separated by single spaces or hyphens, the first group of 4 digits and
//     no group longer than the one before it (4-4-4-4-3, 4-6-5).
//
// A '+' number or a grouped card never takes the first group of the value
// that follows it: where stopping one group earlier lets the next value
// (card, SSN, phone, IP, e-mail) be matched whole, it stops there, so
// adjacent values are each removed under their own kind.
//   - IP: IPv4 dotted quads with octets 0-255 and no leading zeros; IPv6 in
//     any form net/netip accepts without a zone (2001:db8::1, ::1,
//     ::ffff:192.0.2.1), except text ending in "::".
//
// A value must stand apart from its surroundings: it may not start right after
// a letter, digit, '_', '.' or '-', nor end right before a letter, digit or
// '_', or before a '.' or '-' followed by a digit. Deliberately left alone:
// case numbers (00123456), ten digits without separators, dates (2024-07-05,
// 07/05/2024), clock times (12:00:00, 10:30), ISO timestamps, version strings
// (v2.1.31, 1.2.3.4.5), amounts ($1,234.56), AWS regions (us-east-2),
// card-length numbers that fail Luhn, MAC addresses. A four-part version such
// as 1.2.3.4 cannot be told from an IPv4 address and is redacted as one;
// 10.2.300.4 is not an address.
//
// Redaction is idempotent: no marker, and no text next to a marker, is ever
// recognised. [Redactor] streams: it holds a bounded window of the input
// (about 32 KiB) and produces exactly the output and spans of [Redact].
// Redact runs at about 100 MB/s on one core, linearly in the input size.
//
// # Errors
//
// The Parse functions and UnmarshalText methods return a *[ParseError] that
// reads like `parse offering "x": unknown value` and wraps [ErrUnknownValue].
// MarshalText of a value outside an enumeration returns an error. A
// [Redactor] returns the underlying writer's error, and [ErrClosed] after
// Close. Decisions never return errors: "not allowed" is a result.
package fedramp
