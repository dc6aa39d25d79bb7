// Package fedramp encodes the FedRAMP clauses F1-F11 of the support-case
// policy as pure decisions. Every decision that can fail names a stable reason
// code and the clause it cites.
//
//   - F1, F2: [Route] decides where a submission goes by the organisation's
//     [Offering] and its [Portal] (RouteMobileApp for the mobile app).
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
// kind, never the values. [AppendRedact] does the same into a caller's
// output buffer and Report, reusing their room. Where two candidate values
// overlap the earlier start wins, then the longer. Fullwidth digits (U+FF10-U+FF19) count as digits and no-break
// spaces (U+00A0) as spaces in every kind below. Recognised:
//
//   - EMAIL: local@domain.tld: a local part of 1 to 64 bytes of letters of
//     any script, digits and . _ % + -, with ' between two letters
//     (o'brien); a dotted domain of letters of any script, digits and
//     hyphens whose last label is two or more letters (josé@exämple.de). An
//     address may be glued to '_' or '-' on either side
//     (log_jane.doe@example.com_2024.txt, id-jane@example.com). A local part
//     of 65 bytes or more is not an address (RFC 5321) and is left alone.
//   - PHONE: North American (555) 123-4567, (555)-123-4567, 555-123-4567,
//     555.123.4567, 555 123 4567, 1-800-555-1234; +1 (or 001) followed by
//     exactly the 3-3-4 North American form (+1 555 123 4567,
//     +1 (555) 123-4567, 001 555 123 4567); and any other number written with
//     '+' and 8 to 15 digits, such as +44 20 7946 0958, +44 (0)20 7946 0958,
//     +49 30 1234567, or with the 00 prefix, an assigned two- or
//     three-digit country code and 8 more digits in groups separated by
//     spaces (0044 20 7946 0958; not 0012 3456 7890). An extension goes with the number: x89, ext12,
//     ext. 12, extension 12, with or without a space before it.
//   - SSN: 123-45-6789 or 123 45 6789, except area 000, 666 or 900-999, group
//     00 or serial 0000.
//   - CARD: 13 to 19 digits passing the Luhn check, plain or in groups
//     separated by single spaces, hyphens or no-break spaces, the first group
//     of 4 digits and no group longer than the one before it (4-4-4-4-3,
//     4-6-5); the separator may change before a group of four
//     (4111 1111-1111 1111). A card does not start right after a number
//     printed in groups of four with the same separator: such a card would be
//     a window of a longer number (the tracking number
//     9400 1000 0000 0000 0000 00 has 14 zeros that pass Luhn).
//   - IP: IPv4 dotted quads with octets 0-255, without leading zeros or all
//     written with three digits (010.001.002.003); a range 10.0.0.1-10.0.0.5
//     is two addresses, each its own span. IPv6 in any form net/netip accepts
//     without a zone (2001:db8::1, ::1, ::ffff:192.0.2.1); text ending in
//     "::" only when it has a decimal digit and a hex letter (fe80::,
//     2001:db8::), so that "::" and 12:00:00:: are left alone.
//
// A '+' number or a grouped card never takes the first group of the value
// that follows it: where stopping one group earlier lets the next value
// (card, SSN, phone, IP, e-mail) be matched whole, it stops there, so
// adjacent values are each removed under their own kind.
//
// A value must stand apart from its surroundings: it may not start right after
// a letter, digit (fullwidth included), '_', '.' or '-', nor end right before
// a letter, digit or '_', or before a '.' or '-' followed by a digit (the
// exceptions are the e-mail address and IP range above). Deliberately left
// alone: case numbers (00123456), ten digits without separators, dates
// (2024-07-05, 07/05/2024), clock times (12:00:00, 10:30), ISO timestamps,
// version strings (v2.1.31, 1.2.3.4.5, v10.2.300.4) and ranges of them
// (1.2.3-1.2.9), ZIP+4 codes (12345-6789), amounts ($1,234.56), AWS regions
// (us-east-2), card-length numbers that fail Luhn, MAC addresses, UUIDs, git
// hashes. A four-part version such as 1.2.3.4 cannot be told from an IPv4
// address and is redacted as one; 10.2.300.4 is not an address.
//
// Redaction is idempotent: no marker, and no text next to a marker, is ever
// recognised. [Redactor] streams: it holds a bounded window of the input
// (about 35 KiB) and produces exactly the output and spans of [Redact].
// Every value contains a digit, '@', ':' or a fullwidth digit, so the
// scanner skips eight bytes at a time to the next one and tries the
// recognisers only where a value containing it can start; prose without
// personal data costs little more than reading it, and redaction is linear
// in the input size (BENCHMARKS.md has the figures).
//
// # Errors
//
// The Parse functions and UnmarshalText methods return a *[ParseError] that
// reads like `parse offering "x": unknown value` and wraps [ErrUnknownValue].
// MarshalText of a value outside an enumeration returns an error. A
// [Redactor] returns the underlying writer's error, and [ErrClosed] after
// Close. Decisions never return errors: "not allowed" is a result.
package fedramp
