package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
)

var clock = time.Date(2024, 3, 4, 15, 0, 0, 0, time.UTC)

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(newHandler(escalation.DefaultSet(), func() time.Time { return clock }, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return srv
}

const body = `{"case":{"id":"1","status":"open","priority":"high","deployment":"cloud","offering":"commercial","business_impact":true,"last_updated_at":"2024-03-04T10:00:00Z"},"request":{"reason":"no_recent_update","channel":"portal","portal":"commercial","role":"designated_contact"}}`

func post(t *testing.T, srv *httptest.Server, b string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Post(srv.URL+"/v1/decisions", "application/json", strings.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, string(out)
}

func TestDecisionAtTheServersClock(t *testing.T) {
	resp, out := post(t, newTestServer(t), body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, out)
	}
	var d escalation.Decision
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("decision %s does not decode: %v", out, err)
	}
	// Last update 10:00, server clock 15:00: P2's 24 hours end at 10:00 next day.
	if d.Allowed || !d.Has(escalation.HighPriorityRecentlyUpdated) || !d.NextEligibleAt.Equal(time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("decision %s, want P2 until 2024-03-05T10:00:00Z", out)
	}
}

func TestBodyNowWinsOverTheServersClock(t *testing.T) {
	b := strings.Replace(body, `{"case"`, `{"now":"2024-03-05T10:00:00Z","case"`, 1)
	_, out := post(t, newTestServer(t), b)
	if !strings.Contains(out, `"allowed":true`) {
		t.Errorf("decision %s, want allowed at the body's now", out)
	}
}

func TestInvalidInputIsTheContractsErrorObject(t *testing.T) {
	resp, out := post(t, newTestServer(t), strings.Replace(body, `"high"`, `"urgent"`, 1))
	if resp.StatusCode != http.StatusUnprocessableEntity || out != `{"error":{"problems":[{"field":"case.priority","problem":"unknown value"}]}}`+"\n" {
		t.Errorf("status %d, body %s", resp.StatusCode, out)
	}
}

func TestBodySizeLimit(t *testing.T) {
	resp, out := post(t, newTestServer(t), `{"details":"`+strings.Repeat("x", maxBody)+`"}`)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(out, `"problems"`) {
		t.Errorf("status %d, body %s", resp.StatusCode, out)
	}
}

func TestMethodAndHealth(t *testing.T) {
	srv := newTestServer(t)
	resp, err := http.Get(srv.URL + "/v1/decisions")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET /v1/decisions: %d", resp.StatusCode)
	}
	resp, err = http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(b) != "ok\n" {
		t.Errorf("GET /healthz: %d %q", resp.StatusCode, b)
	}
}

// TestGracefulShutdown: cancelling the context stops the server cleanly.
func TestGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := &http.Server{Addr: addr, Handler: newHandler(escalation.DefaultSet(), func() time.Time { return clock }, slog.New(slog.DiscardHandler))}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, srv, slog.New(slog.DiscardHandler)) }()
	for i := 0; i < 100; i++ {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return after cancel")
	}
}
