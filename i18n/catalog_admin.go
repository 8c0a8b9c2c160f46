package i18n

import (
	"strings"

	"secondment/model"
)

func init() {
	for k, v := range adminCatalog {
		if _, ok := catalog[k]; !ok { // another catalogue's wording stands
			catalog[k] = v
		}
	}
}

// adminCatalog holds the sentences of the data file's safety: damage, empty
// files, full disks, backup targets and generations, progress, and the names
// of audited operations.
var adminCatalog = map[string]msg{
	"cli.seals_unverified": {"未核验账户与操作记录的防篡改印记：需研究生院管理员登录后核验（运行 check 时加 --user）", "account and audit seals not verified: an office account must log in (run check with --user)"},
	"storage.empty": {"数据文件为空（0 字节）：%[1]v\n它可能在复制或保存时被清空。程序不会把它当作新文件使用：请从备份恢复（secondment restore 备份文件；数据文件旁的 backups 文件夹里有自动备份），或确认不再需要后删除它，再用 secondment init 新建。",
		"The data file is empty (0 bytes): %[1]v\nIt may have been emptied while being copied or saved. The program will not use it as a new file: restore a backup (secondment restore BACKUP; automatic backups are in the backups folder beside the data file), or delete it if it is not needed and make a new one with secondment init."},
	"storage.unreadable": {"系统不允许本程序读写数据文件：%[1]v\n请检查文件和文件夹的权限，或换用有权限的账户运行。",
		"The system does not let the program read or write the data file: %[1]v\nCheck the permissions of the file and its folder, or run as a user who has them."},
	"storage.disk_full": {"磁盘已满，未能写入，数据未改变。请清理磁盘空间后重试。",
		"The disk is full: nothing was written and the data is unchanged. Free some space and try again."},
	"storage.damaged": {"数据文件已损坏：%[1]v\n（%[2]v）\n为防止丢失数据，已禁止写入，直到从备份恢复：secondment restore 备份文件（数据文件旁的 backups 文件夹里有自动备份）。secondment check 可查看详情。",
		"The data file is damaged: %[1]v\n(%[2]v)\nTo keep what it holds, nothing more is written to it until a backup is restored: secondment restore BACKUP (automatic backups are in the backups folder beside the data file). secondment check gives the details."},
	"storage.target_is_data": {"不能写入 %[1]v：它是正在使用的数据文件（或它的锁、正在写入的备份）。请另选文件名。",
		"Cannot write %[1]v: it is the data file in use (or its lock, or a backup being written). Choose another name."},
	"storage.no_folder": {"文件夹不存在：%[1]v\n请先创建该文件夹，或另选位置。",
		"The folder does not exist: %[1]v\nCreate it first, or choose another place."},
	"backup.auto_failed": {"自动备份未能完成", "the automatic backup failed"},

	"cli.damaged_read_only": {"注意：数据文件已损坏，已以只读方式打开，显示的可能是较早的内容：%[1]v\n请从备份恢复（secondment restore 备份文件），secondment check 可查看详情。",
		"Note: the data file is damaged and was opened read-only; what is shown may be an older state: %[1]v\nRestore a backup (secondment restore BACKUP); secondment check gives the details."},
	"cli.auto_backup_failed": {"注意：今天的自动备份未能完成（操作照常进行）：%[1]v", "Note: today's automatic backup failed (the command goes on): %[1]v"},
	"cli.restore_by_backup": {"当前数据文件缺失或已损坏，已按备份中的研究生院账户授权恢复（已记入操作记录）。",
		"The current data file is missing or damaged: the restore was authorised by an office account of the backup (recorded in the audit log)."},
	"cli.progress_check":   {"正在检查 %[1]v / %[2]v 条记录……", "Checking %[1]v of %[2]v records…"},
	"cli.progress_backup":  {"正在校验备份 %[1]v / %[2]v 条记录……", "Verifying the backup: %[1]v of %[2]v records…"},
	"cli.progress_restore": {"正在检查备份 %[1]v / %[2]v 条记录……", "Checking the backup: %[1]v of %[2]v records…"},
	"cli.flag_unknown":     {"%[1]v：没有选项 %[2]v", "%[1]v: there is no option %[2]v"},
	"cli.flag_bad_value":   {"%[1]v：选项 %[2]v 的值“%[3]v”无效", "%[1]v: the value %[3]q of option %[2]v is invalid"},
	"cli.flag_syntax":      {"%[1]v：选项写法有误：%[2]v", "%[1]v: malformed option %[2]v"},
	"cli.no_display": {"无法打开桌面窗口：找不到图形显示（%[1]v）。请在桌面环境中运行，或使用命令行（secondment help 查看命令）。",
		"Cannot open the desktop window: no graphical display (%[1]v). Run it in a desktop session, or use the command line (secondment help lists the commands)."},

	// Audited operations the window's catalogue (catalog_ui.go) does not name.
	"op:agreement.print":     {"打印协议", "print agreement"},
	"op:document.print":      {"打印选派文书", "print placement document"},
	"document.unknown":       {"没有名为 %[1]v 的文书", "there is no document called %[1]v"},
	"op:export":              {"导出", "export"},
	"op:file.backup":         {"备份", "backup"},
	"op:placement.edit":      {"修改选派草稿", "edit draft placement"},
	"op:placement.withdrawn": {"作废选派草稿", "withdraw draft placement"},
	"op:user.login":          {"登录", "log in"},
	"op:key.reseal":          {"更新账户校验", "renew account seals"},
	"op:file.encrypt":        {"加密个人信息", "encrypt personal data"},
	"op:user.login_failed":   {"登录失败", "failed login"},
	"op:user.login_refused":  {"拒绝登录", "login refused"},
	"op:user.logout":         {"退出登录", "log out"},
	"op:user.reset_password": {"重置密码", "reset password"},
	"op:user.enable":         {"启用账户", "enable account"},
	"op:user.disable":        {"停用账户", "disable account"},
	"op:user.unlock":         {"解除锁定", "unlock account"},
	"op:placement.step":      {"选派：%[1]v", "placement: %[1]v"},
	"op:appointment.step":    {"双聘双挂：%[1]v", "dual appointment: %[1]v"},
}

// OpName is the name of an audited operation code (placement.approved,
// user.login …) in lang, followed by the code itself so that the log can be
// searched by it; an operation without a name shows as its code.
func OpName(lang Lang, op string) string {
	name := ""
	kind, rest, _ := strings.Cut(op, ".")
	switch {
	case Has("op:" + op):
		name = T(lang, "op:"+op)
	case kind == "placement" && model.PlacementStatuses.Has(rest):
		name = T(lang, "op:placement.step", model.PlacementStatuses.Name(rest, string(lang)))
	case kind == "appointment" && model.AppointmentStatuses.Has(rest):
		name = T(lang, "op:appointment.step", model.AppointmentStatuses.Name(rest, string(lang)))
	}
	if name == "" {
		return op
	}
	if lang == Zh {
		return name + "（" + op + "）"
	}
	return name + " (" + op + ")"
}
