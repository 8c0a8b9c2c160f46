package i18n

func init() {
	for k, v := range windowRemoteCatalog {
		catalog[k] = v
	}
}

// windowRemoteCatalog holds the window's sentences on a served file: the
// server it works through, trusting it, and reloading what others changed.
var windowRemoteCatalog = map[string]msg{
	"ui.server":              {"服务器 %[1]v", "Server %[1]v"},
	"ui.server_title":        {"研究生选派工作台 — 服务器 %[1]v", "Secondment Desk — server %[1]v"},
	"ui.trust_title":         {"首次连接此服务器", "First contact with this server"},
	"ui.trust_text":          {"服务器 %[1]v 使用自签名证书，其指纹（SHA-256）为：", "The server %[1]v uses a self-signed certificate. Its fingerprint (SHA-256) is:"},
	"ui.trust_compare":       {"请与服务器启动时显示的指纹逐字核对（或向服务器管理员询问）。\n一致才信任；信任后本机会记住它，证书以后若有变化将拒绝连接。", "Compare it, character by character, with the one the server showed when it started (or ask its administrator).\nTrust it only if they match: this computer then remembers it and refuses the server if its certificate ever changes."},
	"ui.trust":               {"信任", "Trust"},
	"ui.trust_pending":       {"尚未信任此服务器，未连接。核对指纹后点“登录”重新连接。", "The server is not trusted yet, so nothing was sent. Compare the fingerprint, then press Log in to connect again."},
	"ui.trust_failed":        {"无法记住此服务器的指纹：%[1]v", "cannot remember the server's fingerprint: %[1]v"},
	"ui.refreshed":           {"已从服务器重新读取", "Reloaded from the server"},
	"ui.refreshed_local":     {"已重新读取", "Reloaded"},
	"ui.session_ended_title": {"登录已结束", "Signed out"},
}
