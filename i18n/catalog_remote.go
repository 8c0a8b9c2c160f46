package i18n

func init() {
	for k, v := range remoteCatalog {
		catalog[k] = v
	}
}

// remoteCatalog holds the sentences of a served data file: reaching the
// server, trusting it, and its sessions.
var remoteCatalog = map[string]msg{
	"remote.secret":               {"本机的数据文件由另一个程序打开，但无法验证本用户的身份", "another program holds the data file, but this user could not be verified to it"},
	"remote.bad_request":          {"服务器无法理解此请求（客户端与服务器的版本可能不一致）", "the server did not understand the request (the client and the server may be different versions)"},
	"remote.too_large":            {"请求的数据过大，服务器拒绝接收", "the request is too large for the server"},
	"remote.view_gone":            {"列表已过期，请重新搜索", "the list has expired: search again"},
	"remote.bad_url":              {"服务器地址 %[1]v 无效，应形如 https://主机名:端口", "the server address %[1]v is not valid; it looks like https://host:port"},
	"remote.plain_http":           {"服务器地址 %[1]v 未加密：只有本机地址可以用 http://，其他地址请用 https://", "the server address %[1]v is not encrypted: http:// is for this computer only; use https://"},
	"remote.unreachable":          {"无法连接服务器 %[1]v：请确认服务器已启动、地址和端口正确、网络畅通", "cannot reach the server %[1]v: check that it is running, that the address and port are right, and the network"},
	"remote.bad_reply":            {"服务器的答复无法读取（%[1]v）", "the server's reply could not be read (%[1]v)"},
	"remote.unknown_server":       {"首次连接此服务器：其证书指纹为\n  %[1]v\n请与服务器启动时显示的指纹核对", "first contact with this server: its certificate fingerprint is\n  %[1]v\ncompare it with the one the server showed when it started"},
	"remote.changed_server":       {"服务器证书与此前信任的不一致，已拒绝连接（可能有人冒充服务器）。\n  此前：%[1]v\n  现在：%[2]v\n若服务器确实更换了证书，请向管理员核实新指纹", "the server's certificate differs from the one trusted before; refused (someone may be impersonating the server).\n  before: %[1]v\n  now:    %[2]v\nif the server's certificate really changed, check the new fingerprint with its administrator"},
	"record.stale.placement":      {"选派 %[1]v 刚被其他人修改过，未保存。请刷新后查看最新情况再操作", "placement %[1]v was just changed by someone else; nothing was saved. Refresh to see it as it is now, then try again"},
	"remote.fingerprint_mismatch": {"给出的指纹与服务器证书不符，已拒绝连接（是否抄错，或连错了服务器？）。\n  给出：%[1]v\n  服务器：%[2]v", "the fingerprint given is not the server's certificate; refused (mistyped, or the wrong server?).\n  given:  %[1]v\n  server: %[2]v"},
	"remote.bad_fingerprint":      {"指纹 %[1]v 格式不对：应为 64 位十六进制数字（可带冒号或空格）", "the fingerprint %[1]v is not one: 64 hexadecimal digits (colons or spaces allowed)"},
	"remote.use_https":            {"服务器 %[1]v 使用加密连接：请把地址改为 https:// 开头", "the server %[1]v uses an encrypted connection: start the address with https://"},
	"session.expired":             {"登录已超时，请重新登录", "the session has expired: log in again"},
	"remote.trust_prompt":         {"首次连接服务器 %[1]v\n证书指纹：%[2]v\n请与服务器启动时显示的指纹核对。信任此服务器吗？[y/N] ", "first contact with the server %[1]v\ncertificate fingerprint: %[2]v\ncompare it with the one the server showed when it started. Trust this server? [y/N] "},
	"remote.not_trusted":          {"未信任服务器，未做任何操作", "the server was not trusted; nothing was done"},
	"remote.local_only":           {"%[1]v 只能在保存数据文件的电脑上执行（请先停止 secondment serve）", "%[1]v runs only on the computer that keeps the data file (stop secondment serve first)"},
}

func init() {
	for k, v := range serveCatalog {
		catalog[k] = v
	}
}

// serveCatalog holds the command line's sentences of serve and --server.
var serveCatalog = map[string]msg{
	"cli.usage_serve":       {"用法：secondment serve [--listen 地址:端口] [--tls-cert 证书文件 --tls-key 私钥文件] [--idle 时长，至少 1m]", "usage: secondment serve [--listen HOST:PORT] [--tls-cert CERT --tls-key KEY] [--idle DURATION, at least 1m]"},
	"cli.serve_office":      {"只有研究生院管理员可以启动服务（其登录为本次服务解开个人信息的密钥）", "only a graduate-office account may start the server (its login unlocks the personal data for the server)"},
	"cli.serve_listen":      {"无法在 %[1]v 上提供服务：%[2]v", "cannot listen on %[1]v: %[2]v"},
	"cli.serve_port_busy":   {"端口 %[1]v 已被占用（可能已有 secondment serve 在运行）：请停止它，或用 --listen 换一个端口", "the port %[1]v is in use (secondment serve may be running already): stop it, or choose another port with --listen"},
	"cli.locked_held":       {"数据文件 %[1]v 正由本机的 secondment serve 或窗口使用；命令会交由它执行，但恢复须先停止它", "the data file %[1]v is held by secondment serve or a window on this computer; commands go through it, but restore needs it stopped first"},
	"cli.serve_cert":        {"证书 %[1]v 无法使用：%[2]v", "the certificate %[1]v cannot be used: %[2]v"},
	"cli.serve_started":     {"正在提供数据文件 %[1]v\n地址：%[2]v\n按 Ctrl+C 停止。", "serving the data file %[1]v\naddress: %[2]v\npress Ctrl+C to stop."},
	"cli.serve_fingerprint": {"证书指纹（SHA-256，请告知连接的用户以便核对）：\n  %[1]v", "certificate fingerprint (SHA-256; give it to those who connect, to compare):\n  %[1]v"},
	"cli.serve_stopped":     {"已停止提供 %[1]v", "stopped serving %[1]v"},
	"cli.fingerprint_hint":  {"核对一致后，用 --fingerprint 指纹 再运行一次（或在终端中运行，按提示确认）", "once they match, run again with --fingerprint FP (or at a terminal, and confirm when asked)"},
}
