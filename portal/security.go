package portal

import (
	"net/http"
	"time"

	"secondment/i18n"
)

// maxBody bounds a request body: the largest form (a departure with its note)
// is well under a kilobyte.
const maxBody = 64 << 10

// securityHeaders go on every response. The pages need no script, no frame,
// no third party: the policy says so, and a bug that lets markup in cannot
// run it.
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " +
		"frame-ancestors 'none'; base-uri 'none'",
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy":        "no-referrer",
	"X-Frame-Options":        "DENY",
	// Every page but the stylesheet may carry personal data: none is kept by
	// the browser or a proxy, so the back button on a shared computer after a
	// logout shows nothing.
	"Cache-Control":                "no-store",
	"Cross-Origin-Opener-Policy":   "same-origin",
	"Cross-Origin-Resource-Policy": "same-origin",
}

// guard wraps the portal: security headers, only GET and POST, a bounded
// body, cross-origin POSTs refused (by Sec-Fetch-Site and Origin, before any
// CSRF token is looked at), and the language choice remembered.
func (p *Portal) guard(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.render(w, r, nil, http.StatusForbidden, "error.html", "portal.error_title", nil, "", i18n.T(langOf(r), "portal.bad_form"))
	}))
	protected := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range securityHeaders {
			h.Set(k, v)
		}
		if p.opt.Secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			h.Set("Allow", "GET, POST")
			http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if r.Method == http.MethodPost {
			if err := r.ParseForm(); err != nil {
				http.Error(w, http.StatusText(http.StatusRequestEntityTooLarge), http.StatusRequestEntityTooLarge)
				return
			}
		}
		if l := r.URL.Query().Get("lang"); l != "" {
			http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(i18n.Parse(l)), Path: "/",
				MaxAge: int((365 * 24 * time.Hour).Seconds()), HttpOnly: true, Secure: p.opt.Secure, SameSite: http.SameSiteStrictMode})
		}
		protected.ServeHTTP(w, r)
	})
}
