package audit_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/zajedno/zajedno/backend/internal/audit"
	"github.com/zajedno/zajedno/backend/internal/platform"
	"github.com/zajedno/zajedno/backend/internal/testdb"
)

func mustLog(tb testing.TB, db *gorm.DB, writer string) *audit.Log {
	tb.Helper()
	l, err := audit.Open(context.Background(), db, platform.NewFakeClock(time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)), writer, 64)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(l.Close)
	return l
}

func count(tb testing.TB, db *gorm.DB, where string, args ...any) int64 {
	tb.Helper()
	var n int64
	if err := db.Raw(`SELECT count(*) FROM audit_events WHERE `+where, args...).Scan(&n).Error; err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestRecordConcurrentReadsShareCommitsAndChain(t *testing.T) {
	db := testdb.MustDB(t)
	l := mustLog(t, db, "test")
	ctx := platform.WithRequest(context.Background(), platform.RequestMeta{RequestID: "req-12345678", ClientIP: "10.1.2.3"})
	var wg sync.WaitGroup
	errs := make(chan error, 500)
	for i := 0; i < 500; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- l.Record(ctx, audit.Event{ActorID: platform.NewID(), Action: "user.read", ResourceType: "user", Basis: audit.BasisSelf})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	// Every Record returned after its commit: all 500 rows are there.
	if n := count(t, db, "chain_id = ?", l.ChainID()); n != 500 {
		t.Fatalf("stored %d events, want 500", n)
	}
	if n := count(t, db, "request_id = 'req-12345678' AND client_ip = '10.1.2.3'"); n != 500 {
		t.Fatalf("request metadata on %d events, want 500", n)
	}
	res, err := audit.Verify(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK || res.Checked != 500 {
		t.Fatalf("verify = %+v, want ok over 500", res)
	}
}

func TestRecordTxCommitsAndRollsBackWithTheChange(t *testing.T) {
	db := testdb.MustDB(t)
	l := mustLog(t, db, "test")
	ctx := context.Background()
	err := db.Transaction(func(tx *gorm.DB) error {
		return l.RecordTx(ctx, tx, audit.Event{Action: "kept", Basis: audit.BasisAdmin})
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Transaction(func(tx *gorm.DB) error {
		if err := l.RecordTx(ctx, tx, audit.Event{Action: "rolled_back", Basis: audit.BasisAdmin}); err != nil {
			t.Fatal(err)
		}
		return platform.Errorf(platform.EINVALID, "the change failed")
	})
	if err := l.Record(ctx, audit.Event{Action: "after", Basis: audit.BasisSelf}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "action = 'rolled_back'"); n != 0 {
		t.Fatalf("a rolled-back change left %d audit rows", n)
	}
	if n := count(t, db, "action IN ('kept','after')"); n != 2 {
		t.Fatalf("kept %d rows, want 2", n)
	}
	res, _ := audit.Verify(ctx, db)
	if !res.OK {
		t.Fatalf("chain broken after a rollback: %+v", res.Broken)
	}
}

func TestTriggerRejectsUpdateDeleteTruncate(t *testing.T) {
	db := testdb.MustDB(t)
	l := mustLog(t, db, "test")
	if err := l.Record(context.Background(), audit.Event{Action: "x", Basis: audit.BasisSelf}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`UPDATE audit_events SET action = 'y'`, `DELETE FROM audit_events`, `TRUNCATE audit_events`} {
		err := db.Exec(stmt).Error
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the append-only refusal", stmt, err)
		}
	}
	if n := count(t, db, "action = 'x'"); n != 1 {
		t.Fatalf("the row changed: %d left", n)
	}
}

// tamper runs stmt with triggers off, as someone with direct database access could.
func tamper(t *testing.T, db *gorm.DB, stmt string, args ...any) {
	t.Helper()
	err := db.Connection(func(tx *gorm.DB) error {
		if err := tx.Exec(`SET session_replication_role = replica`).Error; err != nil {
			return err
		}
		defer tx.Exec(`SET session_replication_role = origin`)
		return tx.Exec(stmt, args...).Error
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestVerifyNamesTheFirstBrokenLink(t *testing.T) {
	setup := func(t *testing.T) (*gorm.DB, *audit.Log) {
		db := testdb.MustDB(t)
		l := mustLog(t, db, "test")
		for i := 0; i < 5; i++ {
			if err := l.Record(context.Background(), audit.Event{Action: "user.read", Basis: audit.BasisSelf}); err != nil {
				t.Fatal(err)
			}
		}
		return db, l
	}
	verify := func(t *testing.T, db *gorm.DB) audit.VerifyResult {
		res, err := audit.Verify(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	t.Run("OK", func(t *testing.T) {
		db, _ := setup(t)
		if res := verify(t, db); !res.OK || res.Checked != 5 || res.Broken != nil {
			t.Fatalf("verify = %+v", res)
		}
	})
	t.Run("ErrAltered", func(t *testing.T) {
		db, l := setup(t)
		tamper(t, db, `UPDATE audit_events SET basis = 'emergency' WHERE chain_id = ? AND seq = 3`, l.ChainID())
		res := verify(t, db)
		if res.OK || res.Broken == nil || res.Broken.Seq != 3 || res.Broken.ChainID != l.ChainID() || !strings.Contains(res.Broken.Reason, "altered") {
			t.Fatalf("verify = %+v, want broken at 3 (altered)", res.Broken)
		}
	})
	t.Run("ErrDeletedMiddle", func(t *testing.T) {
		db, l := setup(t)
		tamper(t, db, `DELETE FROM audit_events WHERE chain_id = ? AND seq = 2`, l.ChainID())
		res := verify(t, db)
		if res.OK || res.Broken == nil || res.Broken.Seq != 2 || !strings.Contains(res.Broken.Reason, "missing") {
			t.Fatalf("verify = %+v, want event 2 missing", res.Broken)
		}
	})
	t.Run("ErrDeletedTail", func(t *testing.T) {
		db, l := setup(t)
		tamper(t, db, `DELETE FROM audit_events WHERE chain_id = ? AND seq = 5`, l.ChainID())
		res := verify(t, db)
		if res.OK || res.Broken == nil || res.Broken.Seq != 5 || !strings.Contains(res.Broken.Reason, "deleted") {
			t.Fatalf("verify = %+v, want the deleted tail at 5", res.Broken)
		}
	})
	t.Run("ErrRehashedButRelinked", func(t *testing.T) {
		// Changing a row and its own hash still breaks the next row's link.
		db, l := setup(t)
		tamper(t, db, `UPDATE audit_events SET hash = repeat('0', 64) WHERE chain_id = ? AND seq = 4`, l.ChainID())
		res := verify(t, db)
		if res.OK || res.Broken == nil || res.Broken.Seq != 4 {
			t.Fatalf("verify = %+v, want broken at 4", res.Broken)
		}
	})
}

func TestSeveralWritersKeepTheirOwnChains(t *testing.T) {
	db := testdb.MustDB(t)
	a, b := mustLog(t, db, "a"), mustLog(t, db, "b")
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_ = a.Record(context.Background(), audit.Event{Action: "a", Basis: audit.BasisSelf})
		}()
		go func() {
			defer wg.Done()
			_ = b.Record(context.Background(), audit.Event{Action: "b", Basis: audit.BasisSelf})
		}()
	}
	wg.Wait()
	res, err := audit.Verify(context.Background(), db)
	if err != nil || !res.OK || res.Chains != 4 || res.Checked != 100 { // a read chain and a write chain each
		t.Fatalf("verify = %+v, %v", res, err)
	}
}

func TestListFiltersAndPages(t *testing.T) {
	db := testdb.MustDB(t)
	l := mustLog(t, db, "test")
	actor, caseID := platform.NewID(), platform.NewID()
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		_ = l.Record(ctx, audit.Event{ActorID: actor, Action: "case.read", CaseID: caseID, Basis: audit.BasisMembership})
	}
	_ = l.Record(ctx, audit.Event{ActorID: platform.NewID(), Action: "user.read", Basis: audit.BasisSelf})
	page1, next, err := audit.List(ctx, db, audit.Filter{CaseID: caseID, Limit: 2})
	if err != nil || len(page1) != 2 || next == "" {
		t.Fatalf("page 1 = %d items, next %q, %v", len(page1), next, err)
	}
	page2, next2, err := audit.List(ctx, db, audit.Filter{CaseID: caseID, Limit: 2, Cursor: next})
	if err != nil || len(page2) != 1 || next2 != "" || page2[0].ID == page1[0].ID || page2[0].ID == page1[1].ID {
		t.Fatalf("page 2 = %+v, next %q, %v", page2, next2, err)
	}
	byActor, _, _ := audit.List(ctx, db, audit.Filter{ActorID: actor, Limit: 50})
	if len(byActor) != 3 {
		t.Fatalf("by actor: %d, want 3", len(byActor))
	}
	if _, _, err := audit.List(ctx, db, audit.Filter{CaseID: "nope", Limit: 5}); platform.ErrorCode(err) != platform.EINVALID {
		t.Fatalf("bad case id: %v, want EINVALID", err)
	}
	if _, _, err := audit.List(ctx, db, audit.Filter{Cursor: "!!", Limit: 5}); platform.ErrorCode(err) != platform.EINVALID {
		t.Fatalf("bad cursor: %v, want EINVALID", err)
	}
}

func TestWriterRecoversAfterAFailedBatch(t *testing.T) {
	db := testdb.MustDB(t)
	l := mustLog(t, db, "test")
	ctx := context.Background()
	if err := l.Record(ctx, audit.Event{Action: "before", Basis: audit.BasisSelf}); err != nil {
		t.Fatal(err)
	}
	db.Exec(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END; $$`)
	db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse()`)
	if err := l.Record(ctx, audit.Event{Action: "lost", Basis: audit.BasisSelf}); err == nil {
		t.Fatal("a failed write reported success")
	}
	db.Exec(`DROP TRIGGER refuse ON audit_events`)
	for i := 0; i < 3; i++ {
		if err := l.Record(ctx, audit.Event{Action: "after", Basis: audit.BasisSelf}); err != nil {
			t.Fatalf("after the failure: %v", err)
		}
	}
	res, err := audit.Verify(ctx, db)
	if err != nil || !res.OK || res.Checked != 4 {
		t.Fatalf("verify = %+v, %v; want ok over 4 events", res, err)
	}
	if n := count(t, db, "action = 'lost'"); n != 0 {
		t.Fatalf("the failed event was stored %d times", n)
	}
}

// TestVerifyWhileWriting: verifying during concurrent reads and writes never reports an intact
// chain as broken.
func TestVerifyWhileWriting(t *testing.T) {
	db := testdb.MustDB(t)
	l := mustLog(t, db, "test")
	ctx := context.Background()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				_ = l.Record(ctx, audit.Event{Action: "read", Basis: audit.BasisSelf})
				_ = db.Transaction(func(tx *gorm.DB) error {
					return l.RecordTx(ctx, tx, audit.Event{Action: "write", Basis: audit.BasisAdmin})
				})
			}
		}()
	}
	for i := 0; i < 40; i++ {
		res, err := audit.Verify(ctx, db)
		if err != nil || !res.OK {
			close(stop)
			wg.Wait()
			t.Fatalf("verify %d while writing: %+v %v", i, res.Broken, err)
		}
	}
	close(stop)
	wg.Wait()
}
