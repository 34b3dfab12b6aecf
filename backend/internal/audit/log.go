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

// Log appends events to this process's two chains. Reads go through a group-committing
// writer that owns its chain alone: it keeps the chain head in memory and writes each batch in
// one statement, and each Record returns only after the commit that holds its event. Writes
// append inside the caller's transaction with RecordTx, to a second chain whose head row is
// locked, so that a change and its audit row commit (or roll back) together.
type Log struct {
	db        *gorm.DB
	clock     platform.Clock
	chainID   string // the group writer's chain
	txChainID string // the chain of transactional writes
	batchMax  int

	// The group chain's head, touched only by the writer goroutine; known is false after a
	// failed batch, when the head is read again from the database.
	headSeq   int64
	headHash  string
	headKnown bool

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
		db: db, clock: clock, chainID: platform.NewID(), txChainID: platform.NewID(), batchMax: batchMax, headKnown: true,
		in: make(chan *pending, batchMax*4), quit: make(chan struct{}), done: make(chan struct{}),
	}
	err := db.WithContext(ctx).Exec(`INSERT INTO audit_chains (id, started_at, writer) VALUES (?, ?, ?), (?, ?, ?)`,
		l.chainID, clock.Now(), writer+" reads", l.txChainID, clock.Now(), writer+" writes").Error
	if err != nil {
		return nil, fmt.Errorf("start audit chains: %w", err)
	}
	go l.run()
	return l, nil
}

// ChainID names the group writer's chain (reads).
func (l *Log) ChainID() string { return l.chainID }

// TxChainID names the chain of transactional writes.
func (l *Log) TxChainID() string { return l.txChainID }

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
	p := &pending{ev: l.prepare(ctx, ev, l.chainID), done: make(chan error, 1)}
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
		evs[i] = l.prepare(ctx, evs[i], l.txChainID)
	}
	return l.appendTx(tx.WithContext(ctx), evs)
}

func (l *Log) prepare(ctx context.Context, ev Event, chainID string) Event {
	meta := platform.RequestFrom(ctx)
	ev.ID = platform.NewID()
	ev.ChainID = chainID
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
	err := l.appendBatch(ctx, evs)
	if err != nil {
		err = fmt.Errorf("write audit events: %w", err)
	}
	for _, p := range batch {
		p.done <- err
	}
}

// appendBatch links evs after the group chain's head and writes them and the new head in one
// statement (one round trip, one commit).
func (l *Log) appendBatch(ctx context.Context, evs []Event) error {
	sqlDB, err := l.db.DB()
	if err != nil {
		return err
	}
	if !l.headKnown {
		if err := sqlDB.QueryRowContext(ctx, `SELECT last_seq, last_hash FROM audit_chains WHERE id = $1`, l.chainID).Scan(&l.headSeq, &l.headHash); err != nil {
			return err
		}
		l.headKnown = true
	}
	seq, hash, cols := link(evs, l.headSeq, l.headHash)
	res, err := sqlDB.ExecContext(ctx, `WITH ins AS (`+insertEvents+`)
		UPDATE audit_chains SET last_seq = $15, last_hash = $16 WHERE id = $17 AND last_seq = $18`,
		append(cols, seq, hash, l.chainID, l.headSeq)...)
	if err == nil {
		if n, _ := res.RowsAffected(); n != 1 {
			err = fmt.Errorf("the head of audit chain %s moved under its writer", l.chainID)
		}
	}
	if err != nil {
		l.headKnown = false // the outcome is unknown: read the head again next time
		return err
	}
	l.headSeq, l.headHash = seq, hash
	return nil
}

// insertEvents has one shape whatever the batch size, so that it is prepared once.
const insertEvents = `INSERT INTO audit_events (id, chain_id, seq, at, actor_id, action, resource_type,
	resource_id, case_id, basis, request_id, client_ip, prev_hash, hash)
	SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int8[], $4::timestamptz[], $5::uuid[], $6::text[],
	$7::text[], $8::text[], $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])`

// link numbers and hashes evs after (seq, prev) and returns the new head and the insert's
// fourteen array arguments.
func link(evs []Event, seq int64, prev string) (int64, string, []any) {
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
	return seq, prev, []any{ids, chains, seqs, ats, actors, actions, rtypes, rids, cases, bases, reqs, ips, prevs, hashes}
}

// appendTx locks the transactional chain's head, links evs after it, inserts them and moves
// the head, all inside the caller's transaction.
func (l *Log) appendTx(tx *gorm.DB, evs []Event) error {
	if len(evs) == 0 {
		return nil
	}
	ctx := tx.Statement.Context
	conn := tx.Statement.ConnPool // plain SQL: GORM would expand the array arguments
	var seq int64
	var prev string
	if err := conn.QueryRowContext(ctx, `SELECT last_seq, last_hash FROM audit_chains WHERE id = $1 FOR UPDATE`, l.txChainID).Scan(&seq, &prev); err != nil {
		return err
	}
	seq, prev, cols := link(evs, seq, prev)
	if _, err := conn.ExecContext(ctx, insertEvents, cols...); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, `UPDATE audit_chains SET last_seq = $1, last_hash = $2 WHERE id = $3`, seq, prev, l.txChainID)
	return err
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
