package audit

import (
	"context"
	"errors"
	"fmt"
	"strings"
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

const eventColumns = 13

// appendTx locks the chain head, links and hashes evs, inserts them and moves the head.
func (l *Log) appendTx(tx *gorm.DB, evs []Event) error {
	if len(evs) == 0 {
		return nil
	}
	var head struct {
		LastSeq  int64
		LastHash string
	}
	if err := tx.Raw(`SELECT last_seq, last_hash FROM audit_chains WHERE id = ? FOR UPDATE`, l.chainID).Scan(&head).Error; err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString(`INSERT INTO audit_events (id, chain_id, seq, at, actor_id, action, resource_type, resource_id, case_id, basis, request_id, client_ip, prev_hash, hash) VALUES `)
	args := make([]any, 0, len(evs)*(eventColumns+1))
	seq, prev := head.LastSeq, head.LastHash
	for i := range evs {
		seq++
		e := &evs[i]
		e.Seq, e.PrevHash = seq, prev
		e.Hash = computeHash(e)
		prev = e.Hash
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
		args = append(args, e.ID, e.ChainID, e.Seq, e.At, nullable(e.ActorID), e.Action, e.ResourceType,
			e.ResourceID, nullable(e.CaseID), e.Basis, e.RequestID, e.ClientIP, e.PrevHash, e.Hash)
	}
	if err := tx.Exec(sb.String(), args...).Error; err != nil {
		return err
	}
	return tx.Exec(`UPDATE audit_chains SET last_seq = ?, last_hash = ? WHERE id = ?`, seq, prev, l.chainID).Error
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
