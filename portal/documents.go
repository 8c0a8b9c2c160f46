package portal

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"secondment/dispatch"
	"secondment/model"
)

// agreementPDF sends a placement's agreement (研究生选派三方协议) to HR of its
// platform or to its student. PrintAgreement records the printing in the
// audit log, as every front end's printing is.
func (p *Portal) agreementPDF(w http.ResponseWriter, r *http.Request, s *session) {
	a, err := p.api.PrintAgreement(s.sess, r.PathValue("no"))
	if err != nil {
		p.fail(w, r, s, err, true)
		return
	}
	p.sendPDF(w, r, s, "agreement-"+a.Placement.No+".pdf", func(w io.Writer) error { return p.maker.Agreement(w, a) })
}

// arrivalPDF sends the arrival confirmation (到岗确认函) of an arrived placement.
func (p *Portal) arrivalPDF(w http.ResponseWriter, r *http.Request, s *session) {
	a, err := p.api.Agreement(s.sess, r.PathValue("no"))
	if err == nil && !a.Placement.ArrivedOn.IsZero() {
		a, err = p.api.PrintDocument(s.sess, a.Placement.No, dispatch.DocArrival) // audited
	}
	if err != nil {
		p.fail(w, r, s, err, true)
		return
	}
	if a.Placement.ArrivedOn.IsZero() {
		p.fail(w, r, s, model.Errorf(model.ERule, "cli.not_arrived", a.Placement.No), false)
		return
	}
	p.sendPDF(w, r, s, "arrival-"+a.Placement.No+".pdf", func(w io.Writer) error { return p.maker.ArrivalLetter(w, a) })
}

// sendPDF makes the document in memory first, so a failure shows a page, not
// a broken download.
func (p *Portal) sendPDF(w http.ResponseWriter, r *http.Request, s *session, name string, make func(io.Writer) error) {
	if p.makerErr != nil {
		p.fail(w, r, s, p.makerErr, false)
		return
	}
	var buf bytes.Buffer
	if err := make(&buf); err != nil {
		p.fail(w, r, s, fmt.Errorf("pdf %s: %w", name, err), false)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Content-Length", fmt.Sprint(buf.Len()))
	w.Write(buf.Bytes())
}

// urlPart escapes an agreement number for a path.
func urlPart(s string) string { return url.PathEscape(s) }
