# Zajedno — the two commands are `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

GO       ?= go
PG       := deploy/local/postgres.sh
BIN      := bin/zajedno
ADDR     ?= 127.0.0.1:8080
export GOFLAGS ?= -mod=mod

FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/public frontend/vite.config.ts frontend/tsconfig*.json -type f 2>/dev/null)
GO_SRC       := $(shell find backend migrations seeds frontend -name '*.go' -o -name '*.sql' -o -name '*.conf' 2>/dev/null | grep -v node_modules)

.PHONY: run build test stop db db-url deps go-deps node-deps vet go-test web-test e2e bench fuzz clean chromium

## deps: Go modules and the SPA's npm packages (only when the lock file changed)
deps: go-deps node-deps
go-deps:
	@$(GO) mod download
node-deps: frontend/node_modules/.installed
frontend/node_modules/.installed: frontend/package-lock.json
	@echo "==> installing the SPA's npm packages (npm ci)"
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## build: bin/zajedno with the SPA embedded
build: $(BIN)
frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SRC)
	@echo "==> building the SPA"
	cd frontend && npm run build
$(BIN): frontend/dist/index.html $(GO_SRC) go.mod go.sum
	@echo "==> building $(BIN)"
	$(GO) build -tags embedspa -o $(BIN) ./backend/cmd/zajedno

## db: start the project-local PostgreSQL unless DATABASE_URL is set
db:
ifndef DATABASE_URL
	@$(PG) start
endif
db-url:
ifdef DATABASE_URL
	@echo "$(DATABASE_URL)"
else
	@$(PG) url
endif

## run: database, migrations, demo data, SPA, server
run: build db
	@set -e; export DATABASE_URL="$${DATABASE_URL:-$$($(PG) url)}"; \
	export ZAJEDNO_ADDR="$${ZAJEDNO_ADDR:-$(ADDR)}"; \
	$(BIN) migrate; \
	$(BIN) seed demo; \
	exec $(BIN) serve

## stop: stop the local PostgreSQL cluster
stop:
	@$(PG) stop

## test: vet, Go unit and integration tests on real PostgreSQL, SPA tests, end-to-end in Chromium
test: deps vet db
	@$(MAKE) --no-print-directory go-test
	@$(MAKE) --no-print-directory web-test
	@$(MAKE) --no-print-directory e2e

vet:
	@echo "==> go vet"
	$(GO) vet ./...

go-test: db
	@echo "==> Go tests (real PostgreSQL)"
	ZAJEDNO_TEST_DATABASE_URL="$${ZAJEDNO_TEST_DATABASE_URL:-$$($(PG) admin-url)}" \
		$(GO) test -count=1 -p 2 ./...

web-test: node-deps
	@echo "==> SPA unit tests and lint"
	cd frontend && npm run lint && npm test

chromium:
	@deploy/local/chromium.sh

e2e: build db chromium
	@echo "==> end-to-end tests in headless Chromium"
	@deploy/local/e2e.sh

## bench: throughput and latency of the API next to pgbench on the same database
bench: build db
	@deploy/local/bench.sh

## fuzz: longer fuzzing than the seed corpus that `make test` runs (FUZZTIME=5m)
FUZZTIME ?= 2m
fuzz:
	$(GO) test ./backend/internal/httpapi -run '^$$' -fuzz FuzzDecodeJSON -fuzztime $(FUZZTIME)
	$(GO) test ./backend/internal/chat -run '^$$' -fuzz FuzzDecodeClientFrame -fuzztime $(FUZZTIME)

clean:
	rm -rf bin frontend/dist frontend/test-results
