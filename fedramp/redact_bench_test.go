package fedramp

import (
	"bytes"
	"io"
	"testing"
)

// proseText returns about n bytes of ticket prose without personal data: no
// digits at all, as in most of a ticket's description.
func proseText(n int) []byte {
	const para = "The customer reports that calls drop shortly after the agent answers, mostly in the afternoon. " +
		"They restarted the softphone, cleared the browser cache and tried another headset without any change. " +
		"Our engineer reviewed the logs with them and found repeated media timeouts on the edge; " +
		"we asked for a packet capture and the name of the network team's contact, and will follow up tomorrow.\n"
	var b bytes.Buffer
	for b.Len() < n {
		b.WriteString(para)
	}
	return b.Bytes()[:n]
}

// scanFloor is the cheapest pass that looks at every byte of the input: a
// byte-class loop counting the bytes that can be part of a match.
func scanFloor(in []byte) int {
	n := 0
	for _, c := range in {
		if classes[c]&cTrig != 0 {
			n++
		}
	}
	return n
}

var sinkInt int

// BenchmarkRedactText compares, on 1 MB of prose without personal data and
// on 1 MB of ticket text dense with it, AppendRedact into a reused buffer
// and Report, Redact, the streaming Redactor and two floors over the same
// bytes: a byte-class loop and bytes.IndexAny for the bytes every match
// contains.
func BenchmarkRedactText(b *testing.B) {
	for _, in := range []struct {
		name string
		text []byte
	}{{"prose", proseText(1 << 20)}, {"dense", ticketText(1 << 20)}} {
		b.Run(in.name+"/AppendRedact", func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			dst := make([]byte, 0, 2*len(in.text))
			var rep Report
			for b.Loop() {
				dst = AppendRedact(dst[:0], in.text, &rep)
			}
		})
		b.Run(in.name+"/Redact", func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				Redact(in.text)
			}
		})
		b.Run(in.name+"/Redactor", func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				r := NewRedactor(io.Discard, func(Span) {})
				r.Write(in.text)
				r.Close()
			}
		})
		b.Run(in.name+"/floor_byte_class_loop", func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			for b.Loop() {
				sinkInt += scanFloor(in.text)
			}
		})
		b.Run(in.name+"/floor_bytes.IndexAny", func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			for b.Loop() {
				rest := in.text
				for {
					i := bytes.IndexAny(rest, "0123456789:@\xef")
					if i < 0 {
						break
					}
					sinkInt++
					rest = rest[i+1:]
				}
			}
		})
	}
}
