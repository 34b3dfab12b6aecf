package audit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/platform"
)

// ErrClosed is returned by Record after Close.
var ErrClosed = errors.New("audit log closed")

// Log appends events to this process's chain. Reads go through a group-committing writer:
// many requests share one transaction, and each Record returns only after the commit that
// holds its event. Writes append inside the caller's transaction with RecordTx, so that a
// change and its audit row commit together.
type Log struct {
	db       *gorm.DB
	clock    platform.Clock
	chainID  string
	batchMax int

	in   chan *pending
	quit chan struct{}
	done chan struct{}
}

type pending struct {
	ev   Event
	done chan error
}

// Open starts a new chain for this writer (one per server process) and its writer loop.
func Open(ctx context.Context, db *gorm.DB, clock platform.Clock, writer string, batchMax int) (*Log, error) {
	if batchMax <= 0 {
		batchMax = 512
	}
	l := &Log{
		db: db, clock: clock, chainID: platform.NewID(), batchMax: batchMax,
		in: make(chan *pending, batchMax*4), quit: make(chan struct{}), done: make(chan struct{}),
	}
	err := db.WithContext(ctx).Exec(
		`INSERT INTO audit_chains (id, started_at, writer) VALUES (?, ?, ?)`, l.chainID, clock.Now(), writer).Error
	if err != nil {
		return nil, fmt.Errorf("start audit chain: %w", err)
	}
	go l.run()
	return l, nil
}

// ChainID names this writer's chain.
func (l *Log) ChainID() string { return l.chainID }

// Close stops the writer after the events already queued are written.
func (l *Log) Close() {
	select {
	case <-l.quit:
	default:
		close(l.quit)
	}
	<-l.done
}

// Record writes ev and returns once it is committed. A request that reads personal data must
// not answer before Record returns nil.
func (l *Log) Record(ctx context.Context, ev Event) error {
	p := &pending{ev: l.prepare(ctx, ev), done: make(chan error, 1)}
	select {
	case l.in <- p:
	case <-l.quit:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-p.done:
		return err
	case <-l.done:
		select {
		case err := <-p.done:
			return err
		default:
			return ErrClosed
		}
	}
}

// RecordTx appends events inside tx; they commit or roll back with the caller's change.
func (l *Log) RecordTx(ctx context.Context, tx *gorm.DB, evs ...Event) error {
	for i := range evs {
		evs[i] = l.prepare(ctx, evs[i])
	}
	return l.appendTx(tx.WithContext(ctx), evs)
}

func (l *Log) prepare(ctx context.Context, ev Event) Event {
	meta := platform.RequestFrom(ctx)
	ev.ID = platform.NewID()
	ev.ChainID = l.chainID
	ev.At = l.clock.Now()
	if ev.RequestID == "" {
		ev.RequestID = meta.RequestID
	}
	if ev.ClientIP == "" {
		ev.ClientIP = meta.ClientIP
	}
	return ev
}

func (l *Log) run() {
	defer close(l.done)
	for {
		select {
		case p := <-l.in:
			l.flush(l.collect(p))
		case <-l.quit:
			for {
				select {
				case p := <-l.in:
					l.flush(l.collect(p))
				default:
					return
				}
			}
		}
	}
}

// collect takes what is already waiting, up to batchMax events, without waiting for more.
func (l *Log) collect(first *pending) []*pending {
	batch := []*pending{first}
	for len(batch) < l.batchMax {
		select {
		case p := <-l.in:
			batch = append(batch, p)
		default:
			return batch
		}
	}
	return batch
}

func (l *Log) flush(batch []*pending) {
	evs := make([]Event, len(batch))
	for i, p := range batch {
		evs[i] = p.ev
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := l.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return l.appendTx(tx, evs) })
	if err != nil {
		err = fmt.Errorf("write audit events: %w", err)
	}
	for _, p := range batch {
		p.done <- err
	}
}

// insertEvents has one shape whatever the batch size, so that it is prepared once.
const insertEvents = `INSERT INTO audit_events (id, chain_id, seq, at, actor_id, action, resource_type,
	resource_id, case_id, basis, request_id, client_ip, prev_hash, hash)
	SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int8[], $4::timestamptz[], $5::uuid[], $6::text[],
	$7::text[], $8::text[], $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])`

// appendTx locks the chain head, links and hashes evs, inserts them and moves the head.
func (l *Log) appendTx(tx *gorm.DB, evs []Event) error {
	if len(evs) == 0 {
		return nil
	}
	ctx := tx.Statement.Context
	conn := tx.Statement.ConnPool // plain SQL: GORM would expand the array arguments
	var seq int64
	var prev string
	if err := conn.QueryRowContext(ctx, `SELECT last_seq, last_hash FROM audit_chains WHERE id = $1 FOR UPDATE`, l.chainID).Scan(&seq, &prev); err != nil {
		return err
	}
	n := len(evs)
	ids, chains, actions, rtypes, rids, bases, reqs, ips, prevs, hashes :=
		make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	seqs, ats, actors, cases := make([]int64, n), make([]time.Time, n), make([]*string, n), make([]*string, n)
	for i := range evs {
		seq++
		e := &evs[i]
		e.Seq, e.PrevHash = seq, prev
		e.Hash = computeHash(e)
		prev = e.Hash
		ids[i], chains[i], seqs[i], ats[i], actors[i], actions[i] = e.ID, e.ChainID, e.Seq, e.At, nullable(e.ActorID), e.Action
		rtypes[i], rids[i], cases[i], bases[i], reqs[i], ips[i] = e.ResourceType, e.ResourceID, nullable(e.CaseID), e.Basis, e.RequestID, e.ClientIP
		prevs[i], hashes[i] = e.PrevHash, e.Hash
	}
	if _, err := conn.ExecContext(ctx, insertEvents, ids, chains, seqs, ats, actors, actions, rtypes, rids, cases,
		bases, reqs, ips, prevs, hashes); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, `UPDATE audit_chains SET last_seq = $1, last_hash = $2 WHERE id = $3`, seq, prev, l.chainID)
	return err
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
