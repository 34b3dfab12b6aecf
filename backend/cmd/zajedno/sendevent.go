package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/zajedno/zajedno/backend/internal/inbound"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

// sampleEvent is what send-event sends without -file: a police intervention in Kikinda for
// the demo case Babić.
const sampleEvent = `{"type":"police_intervention","occurred_at":"%s","municipality":"Kikinda","urgent_measure":true,
 "person":{"jmbg":"0305994805024"},"note":"Intervencija po prijavi komšija."}`

// sendEvent signs an event as a partner system does and posts it to a Zajedno server, so a
// partner can test its side: zajedno send-event -url http://127.0.0.1:8080 -system <id>
// [-file event.json] [-key idempotency-key], with the secret in ZAJEDNO_SYSTEM_SECRET.
func sendEvent(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("send-event", flag.ContinueOnError)
	fs.SetOutput(stdout)
	url := fs.String("url", "http://127.0.0.1:8080", "the Zajedno server")
	system := fs.String("system", "", "the system's id (shown when it was registered)")
	file := fs.String("file", "", "the event as JSON (default: a sample police intervention)")
	key := fs.String("key", "", "the Idempotency-Key (default: a new one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	secret := getenv("ZAJEDNO_SYSTEM_SECRET")
	if *system == "" || secret == "" {
		return errors.New("give -system <id> and the secret in ZAJEDNO_SYSTEM_SECRET (not on the command line, where it would stay in the shell's history)")
	}
	body := []byte(fmt.Sprintf(sampleEvent, time.Now().UTC().Format(time.RFC3339)))
	if *file != "" {
		b, err := os.ReadFile(*file)
		if err != nil {
			return err
		}
		body = b
	}
	if *key == "" {
		*key = platform.NewID()
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequestWithContext(ctx, "POST", *url+"/api/v1/inbound/events", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Zajedno-System", *system)
	req.Header.Set("X-Zajedno-Timestamp", ts)
	req.Header.Set("X-Zajedno-Signature", inbound.Sign(secret, ts, *key, body))
	req.Header.Set("Idempotency-Key", *key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(res.Body)
	fmt.Fprintf(stdout, "%s\n%s\n", res.Status, answer)
	if res.StatusCode != http.StatusAccepted {
		return fmt.Errorf("the server refused the event (%d)", res.StatusCode)
	}
	return nil
}
