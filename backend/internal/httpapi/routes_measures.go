package httpapi

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/zajedno/zajedno/backend/internal/measures"
	"github.com/zajedno/zajedno/backend/internal/platform"
)

func (s *Server) registerMeasures() {
	s.perm("GET", APIPrefix+"/cases/:id/urgent-measures", "cases", "read", s.listMeasures)
	s.perm("POST", APIPrefix+"/cases/:id/urgent-measures", "urgent_measures", "write", s.createMeasure)
	s.perm("GET", APIPrefix+"/urgent-measures/:id", "cases", "read", s.getMeasure)
	s.perm("PATCH", APIPrefix+"/urgent-measures/:id", "urgent_measures", "write", s.measureStep("serve", "served_at", false))
	s.perm("POST", APIPrefix+"/urgent-measures/:id/proposal", "urgent_measures", "write", s.measureStep("propose", "proposed_at", false))
	s.perm("POST", APIPrefix+"/urgent-measures/:id/decision", "urgent_measures", "write", s.measureStep("decide", "decided_at", true))
	s.perm("POST", APIPrefix+"/urgent-measures/:id/appeals", "urgent_measures", "write", s.measureStep("appeal", "filed_at", false))
	s.perm("POST", APIPrefix+"/urgent-measures/:id/appeal-forward", "urgent_measures", "write", s.measureStep("appeal_forward", "forwarded_at", false))
	s.perm("POST", APIPrefix+"/urgent-measures/:id/appeal-decision", "urgent_measures", "write", s.measureStep("appeal_decide", "decided_at", true))
	s.perm("POST", APIPrefix+"/urgent-measures/:id/breaches", "urgent_measures", "write", s.measureStep("breach", "occurred_at", false))
}

// eventTimes reads the optional RFC 3339 times of a body, naming each malformed one.
func eventTimes(v *platform.Validator, fields map[string]*string) map[string]*time.Time {
	out := map[string]*time.Time{}
	for field, val := range fields {
		if val == nil || *val == "" {
			out[field] = nil
			continue
		}
		t, err := time.Parse(time.RFC3339, *val)
		if err != nil {
			v.Add(field, "Use an RFC 3339 time such as 2026-11-24T02:40:00+01:00.")
			continue
		}
		t = t.UTC()
		out[field] = &t
	}
	return out
}

func (s *Server) createMeasure(c *fiber.Ctx) error {
	var in struct {
		Kind          string  `json:"kind"`
		OrderNumber   *string `json:"order_number"`
		IssuedAt      *string `json:"issued_at"`
		ServedAt      *string `json:"served_at"`
		PerpetratorID *string `json:"perpetrator_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	var v platform.Validator
	t := eventTimes(&v, map[string]*string{"issued_at": in.IssuedAt, "served_at": in.ServedAt})
	if err := v.Err(); err != nil {
		return err
	}
	m, err := s.Measures.Create(c.UserContext(), principal(c), c.Params("id"), measures.NewMeasure{Kind: in.Kind, OrderNumber: deref(in.OrderNumber),
		IssuedAt: t["issued_at"], ServedAt: t["served_at"], PerpetratorID: deref(in.PerpetratorID)})
	if err != nil {
		return err
	}
	return created(c, m)
}

// measureStep records one step of a measure: its event time in timeField, an outcome when
// the step has one, and an optional note.
func (s *Server) measureStep(action, timeField string, outcome bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in map[string]json.RawMessage
		if err := decode(c, &in); err != nil {
			return err
		}
		var v platform.Validator
		str := func(field string) *string {
			raw, ok := in[field]
			delete(in, field)
			if !ok || string(raw) == "null" {
				return nil
			}
			var out string
			if err := json.Unmarshal(raw, &out); err != nil {
				v.Add(field, "must be a string.")
				return nil
			}
			return &out
		}
		when := str(timeField)
		note := str("note")
		var result *string
		if outcome {
			result = str("outcome")
		}
		if len(in) > 0 {
			field := slices.Sorted(maps.Keys(in))[0]
			return &platform.Error{Code: platform.EBADREQUEST, Message: "Unknown field " + strconv.Quote(field) + ".",
				Fields: []platform.FieldError{{Field: field, Message: "is not a field of this request"}}}
		}
		t := eventTimes(&v, map[string]*string{timeField: when})
		if err := v.Err(); err != nil {
			return err
		}
		m, err := s.Measures.Record(c.UserContext(), principal(c), c.Params("id"),
			measures.Change{Action: action, OccurredAt: t[timeField], Outcome: deref(result), Note: deref(note)})
		if err != nil {
			return renameField(err, "occurred_at", timeField)
		}
		return c.JSON(m)
	}
}

// renameField names, in a validation error, the request's own field for the domain's.
func renameField(err error, from, to string) error {
	e, ok := err.(*platform.Error)
	if !ok || e.Code != platform.EINVALID || from == to {
		return err
	}
	out := *e
	out.Fields = make([]platform.FieldError, len(e.Fields))
	for i, f := range e.Fields {
		if f.Field == from {
			f.Field = to
		}
		out.Fields[i] = f
	}
	return &out
}

func (s *Server) listMeasures(c *fiber.Ctx) error {
	items, err := s.Measures.List(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return sendPage(c, items)
}

func (s *Server) getMeasure(c *fiber.Ctx) error {
	m, err := s.Measures.Get(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(m)
}
