package i18n

func init() {
	for k, v := range accountsCatalog {
		catalog[k] = v
	}
}

// accountsCatalog holds the sentences of accounts, sign-in, the password policy
// and the limits of scope.
var accountsCatalog = map[string]msg{
	// Sign-in.
	"login.locked":     {"连续登录失败次数过多，账户已锁定，请 %[1]v 分钟后再试，或请研究生院管理员解锁", "too many failed logins: the account is locked; try again in %[1]v minutes or ask the graduate office to unlock it"},
	"session.disabled": {"您的账户已被停用，操作未执行", "your account has been disabled: nothing was done"},
	"login.disabled":   {"该账户已停用，请联系研究生院管理员", "this account is disabled: ask the graduate office"},

	// Personal data at rest: the data key.
	"login.no_key":           {"账户“%[1]v”尚未取得数据密钥：请另一位研究生院管理员重置该账户的密码后再登录", "account %[1]q holds no copy of the data key: another graduate-office account must reset its password first"},
	"key.password_needs_key": {"此处无法修改密码：本程序尚未由研究生院管理员登录解锁。请在选派工作台的网页（服务器）上修改，或请研究生院为您重置密码", "the password cannot be changed here: no graduate-office login has unlocked this program. Change it on the Secondment Desk web pages (the server), or ask the graduate office to reset it"},
	"key.locked":             {"本程序尚未解锁个人信息（需研究生院管理员登录），操作未执行", "personal data is locked in this program (a graduate-office login unlocks it): nothing was done"},
	"key.unwrap":             {"账户“%[1]v”的数据密钥无法解开：数据文件可能在程序外被改动，请用 check 检查或从备份恢复", "the data key of account %[1]q does not unwrap: the data file may have been changed outside the program; check it or restore a backup"},
	"key.account_altered":    {"账户“%[1]v”的记录在程序外被改动，拒绝登录：请用 check 检查或从备份恢复", "account %[1]q was changed outside the program: login refused; check the file or restore a backup"},
	"key.record_altered":     {"个人信息无法解密（记录在程序外被改动）：%[1]v", "personal data does not decrypt (changed outside the program): %[1]v"},
	"user.last_key":          {"“%[1]v”是最后一个持有数据密钥的研究生院管理员账户，不能停用", "%[1]q is the last graduate-office account holding the data key: it cannot be disabled"},

	// Password policy.
	"password.is_name": {"密码不能与用户名相同", "the password cannot be the user name"},
	"password.common":  {"这是常见密码，容易被猜中，请换一个", "this is a common password, easily guessed: choose another"},
	"password.same":    {"新密码不能与当前密码相同", "the new password must differ from the current one"},

	// Accounts.
	"user.not_found":        {"找不到账户“%[1]v”", "no account named %[1]q"},
	"user.reset_self":       {"不能重置自己的密码，请用“修改密码”（passwd）", "you cannot reset your own password: change it (passwd)"},
	"user.disable_self":     {"不能停用自己的账户", "you cannot disable your own account"},
	"user.already_disabled": {"账户“%[1]v”已是停用状态", "account %[1]q is already disabled"},
	"user.already_enabled":  {"账户“%[1]v”未停用", "account %[1]q is not disabled"},
	"user.last_office":      {"“%[1]v”是最后一个不限高校的研究生院管理员账户，不能停用", "%[1]q is the last graduate-office account for all universities: it cannot be disabled"},
	"user.not_locked":       {"账户“%[1]v”没有登录失败记录，无需解锁", "account %[1]q has no failed logins: nothing to unlock"},

	// Scope.
	"forbidden.user_scope":     {"您的账户只能管理本校的研究生院和学生账户", "your account manages its own university's office and student accounts only"},
	"forbidden.shared":         {"平台、认定状态和员额由各高校共用，只有不限高校的研究生院管理员可以修改", "platforms, their status and quotas are shared by all universities: only a graduate-office account for all universities changes them"},
	"forbidden.reassign":       {"只有研究生院管理员可以查看待重新安排的选派", "only the graduate office sees the placements to reassign"},
	"forbidden.platform_scope": {"您的账户只能查看本平台的记录", "your account covers your own platform only"},

	// Students.
	"student.id_taken":           {"该身份证号已登记在 %[1]v 学号 %[2]v 的学生名下", "this ID number is already recorded for student %[2]v of %[1]v"},
	"student.id_taken_elsewhere": {"该身份证号已登记在其他高校的学生名下", "this ID number is already recorded for a student of another university"},

	// Command line.
	"cli.university_added":     {"已添加高校 %[1]v", "Added university %[1]v"},
	"cli.usage_university":     {"用法：secondment university add 高校名称；university weights 高校名称 --university 权重 --platform 权重 --defence 权重；university logs 高校名称 weekly|monthly", "usage: secondment university add NAME; university weights NAME --university W --platform W --defence W; university logs NAME weekly|monthly"},
	"cli.usage_user_manage":    {"用法：secondment user reset-password|disable|enable|unlock 用户名", "usage: secondment user reset-password|disable|enable|unlock NAME"},
	"cli.user_reset":           {"已重置账户 %[1]v 的密码；下次登录时须改为自己的密码", "Reset the password of %[1]v; they must choose their own at the next login"},
	"cli.user_disabled":        {"已停用账户 %[1]v", "Disabled account %[1]v"},
	"cli.user_enabled":         {"已启用账户 %[1]v", "Enabled account %[1]v"},
	"cli.user_unlocked":        {"已解锁账户 %[1]v", "Unlocked account %[1]v"},
	"cli.must_change_password": {"提示：您的密码不符合现行密码规则或已被重置，请用 secondment passwd 修改", "note: your password no longer meets the password rules or was reset: change it with secondment passwd"},
	"cli.init_university":      {"已添加本校：%[1]v", "Added your university: %[1]v"},
	"cli.enabled":              {"正常", "enabled"},
	"cli.disabled":             {"已停用", "disabled"},
	"cli.locked_short":         {"已锁定", "locked"},
	"cli.never":                {"从未登录", "never"},

	"col.role":       {"角色", "Role"},
	"col.scope":      {"范围", "Scope"},
	"col.state":      {"状态", "State"},
	"col.last_login": {"最近登录", "Last login"},
	"col.failures":   {"连续失败", "Failures"},
	"col.students":   {"学生数", "Students"},
}
