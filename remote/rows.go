package remote

import (
	"net/http"

	"secondment/dispatch"
	"secondment/model"
)

// pageSize is how many students a view sends at a time: two screens of a
// list window, a few kilobytes.
const pageSize = 100

type viewRequest struct {
	Filter dispatch.StudentFilter `json:"filter"`
	By     string                 `json:"by,omitempty"`
	Desc   bool                   `json:"desc,omitempty"`
}

type viewReply struct {
	View  uint64          `json:"view"`
	Len   int             `json:"len"`
	Rows  []model.Student `json:"rows"`
	Index int             `json:"index"`
}

type rowsRequest struct {
	View uint64 `json:"view"`
	From int    `json:"from"`
	Find string `json:"find,omitempty"`
}

// studentView runs a search and keeps its result for the session, sending
// its length and first page: a keystroke in a list costs one round trip.
func (h *Handler) studentView(w http.ResponseWriter, r *http.Request, s *session) {
	var in struct {
		Args []viewRequest `json:"args"`
	}
	if !h.decode(w, r, maxLoginBody, &in) {
		return
	}
	if len(in.Args) != 1 {
		h.refuse(w, http.StatusBadRequest, model.Errorf(model.EInvalid, "remote.bad_request"))
		return
	}
	v, err := h.api.StudentView(s.sess, in.Args[0].Filter, in.Args[0].By, in.Args[0].Desc)
	if err != nil {
		h.refuse(w, statusOf(err), err)
		return
	}
	h.reply(w, viewReply{View: s.keep(v), Len: v.Len(), Rows: page(v, 0)})
}

// rows sends a page of a kept view, or the position of a student in it.
func (h *Handler) rows(w http.ResponseWriter, r *http.Request, s *session) {
	var in rowsRequest
	if !h.decode(w, r, maxLoginBody, &in) {
		return
	}
	v, ok := s.view(in.View)
	if !ok {
		h.refuse(w, http.StatusGone, model.Errorf(model.EInvalid, "remote.view_gone"))
		return
	}
	if in.Find != "" {
		h.reply(w, viewReply{View: in.View, Len: v.Len(), Index: v.Find(in.Find)})
		return
	}
	h.reply(w, viewReply{View: in.View, Len: v.Len(), Rows: page(v, in.From)})
}

func page(v dispatch.StudentRows, from int) []model.Student {
	if from < 0 {
		from = 0
	}
	end := min(from+pageSize, v.Len())
	out := make([]model.Student, 0, max(end-from, 0))
	for i := from; i < end; i++ {
		out = append(out, v.At(i))
	}
	return out
}
