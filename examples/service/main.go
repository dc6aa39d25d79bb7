// Command service is a small HTTP JSON service over the escalation package:
// the shape a support portal's backend takes when it embeds casepolicy.
//
//	go run ./examples/service -addr :8080 [-policies FILE]
//
// Endpoints:
//
//	POST /v1/decisions  a request line of docs/CONTRACT.md in the body; the
//	                    decision in the response. A body without "now" is
//	                    decided at the server's clock. Invalid input is 422
//	                    with the contract's error object; a body over 64 KiB
//	                    is 413; another method is 405.
//	GET  /healthz       200 "ok"
//
// The server stops gracefully on SIGINT or SIGTERM: it finishes the requests
// in flight, for at most ten seconds.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/casepolicy/casepolicy/escalation"
)

// maxBody bounds a request body, as the command bounds a line.
const maxBody = 64 << 10

func main() {
	addr := flag.String("addr", "localhost:8080", "address to listen on")
	policies := flag.String("policies", "", "a policy document (docs/CONTRACT.md) replacing the built-in versions")
	flag.Parse()
	set := escalation.DefaultSet()
	if *policies != "" {
		data, err := os.ReadFile(*policies)
		if err != nil {
			fmt.Fprintln(os.Stderr, "service: cannot read the policy document")
			os.Exit(2)
		}
		if set, err = escalation.ParseSetDocument(data); err != nil {
			fmt.Fprintln(os.Stderr, "service: invalid policy document:", err)
			os.Exit(1)
		}
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	srv := &http.Server{
		Addr:              *addr,
		Handler:           newHandler(set, time.Now, log),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, srv, log); err != nil {
		log.Error("serve", "err", err)
		os.Exit(1)
	}
}

// serve runs srv until ctx ends, then shuts it down gracefully.
func serve(ctx context.Context, srv *http.Server, log *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Info("listening", "addr", srv.Addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newHandler returns the service's routes. now is the server's clock.
func newHandler(set escalation.Set, now func() time.Time, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("/v1/decisions", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeProblem(w, http.StatusMethodNotAllowed, "", "method not allowed: use POST")
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeProblem(w, http.StatusRequestEntityTooLarge, "", fmt.Sprintf("body longer than %d bytes", maxBody))
			return
		case err != nil:
			writeProblem(w, http.StatusBadRequest, "", "cannot read the body")
			return
		}
		in, err := set.ParseInputAt(body, now().UTC())
		var d escalation.Decision
		if err == nil {
			d, err = set.EvaluateInput(in)
		}
		if err != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnprocessableEntity)
			w.Write(append(escalation.AppendErrorJSON(nil, err), '\n'))
			return
		}
		log.Info("decided", "decision", d)
		w.Header().Set("Content-Type", "application/json")
		w.Write(append(d.AppendJSON(nil), '\n'))
	})
	return mux
}

// writeProblem writes the contract's error object with one problem.
func writeProblem(w http.ResponseWriter, status int, field, problem string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(escalation.AppendErrorJSON(nil, &escalation.FieldError{Field: field, Problem: problem}), '\n'))
}
