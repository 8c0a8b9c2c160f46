package i18n

func init() {
	for k, v := range filesCatalog {
		catalog[k] = v
	}
}

// filesCatalog holds the sentences of the work on files (package files) and
// of the refusals of rosters as offices keep them.
var filesCatalog = map[string]msg{
	// Reading a workbook.
	"import.encrypted":     {"%[1]v 设有打开密码，无法读取：请在 Excel 或 WPS 中打开它，取消密码后另存为 .xlsx 再导入", "%[1]v is protected by a password and cannot be read: open it in Excel or WPS, remove the password, save it as .xlsx and import that"},
	"import.xlsb":          {"这是 Excel 二进制工作簿（.xlsb），无法读取：请在 Excel 中“另存为” Excel 工作簿（.xlsx）后再导入", "this is an Excel binary workbook (.xlsb), which cannot be read: save it as an Excel workbook (.xlsx) and import that"},
	"import.no_such_sheet": {"文件中没有名为“%[1]v”的工作表，可选：%[2]v", "the file has no sheet named %[1]q; its sheets: %[2]v"},
	"import.no_header_sheet": {"在工作表“%[1]v”中找不到表头：前 10 行中应有一行是列名，如：%[2]v",
		"no header row on sheet %[1]q: one of the first 10 rows should name the columns, e.g. %[2]v"},
	"import.no_header_sheets": {"在工作表“%[1]v”中找不到表头（前 10 行中应有一行是列名，如：%[2]v），文件中的其他工作表（%[3]v）也没有",
		"no header row on sheet %[1]q (one of the first 10 rows should name the columns, e.g. %[2]v), nor on the file's other sheets (%[3]v)"},
	"import.no_header_others": {"在工作表“%[1]v”中找不到表头（前 10 行中应有一行是列名，如：%[2]v）；文件中的其他工作表：%[3]v，可选择其中之一",
		"no header row on sheet %[1]q (one of the first 10 rows should name the columns, e.g. %[2]v); the file's other sheets: %[3]v, choose one of them"},
	"import.missing_columns_sheet": {"工作表“%[1]v”缺少必需的列：%[2]v（表头在第 %[3]v 行）", "sheet %[1]q lacks required columns: %[2]v (header on row %[3]v)"},

	// Cells.
	"import.university_unknown": {"找不到高校“%[1]v”：请先在“科创平台/高校”中添加，或运行 secondment university add %[1]v",
		"no university named %[1]q: add it first under Platforms / Universities, or run secondment university add %[1]v"},
	"import.id_lost_digits": {"身份证号末三位是 000，像是被电子表格当作数字保存后丢失了后几位：请核对原始号码，把该列设为“文本”后重新录入",
		"the ID number ends in 000, as one does after a spreadsheet stored it as a number and lost its last digits: check the original, format the column as text and type it again"},
	"import.number_lost_digits": {"这个号码在文件中是数字格式，电子表格只保留 15 位有效数字，后面几位已变成 0：请把该列设为“文本”后按原始号码重新录入",
		"the file holds this number as a number, and a spreadsheet keeps only 15 significant digits: the last ones became 0. Format the column as text and type the original again"},
	"id.fifteen": {"15 位的旧身份证号已停用（缺少出生年份的前两位和校验位，无法核对），请填写 18 位号码",
		"15-digit ID numbers are no longer in use (they lack the century and the check character, so cannot be checked): give the 18-character number"},
	"id.region": {"前六位“%[1]v”不是有效的行政区划代码（已按 GB/T 2260 核对，含已撤销的代码）",
		"%[1]q is not an administrative division code (checked against GB/T 2260, retired codes included)"},
	"id.gender": {"身份证号第 17 位表示的性别（奇数为男，偶数为女）与所填性别不符",
		"the 17th digit of the ID number (odd for men, even for women) does not match the gender given"},

	// The problem workbook and exports.
	"files.quoted":          {"“%[1]v”", " %[1]q"},
	"files.problems_column": {"错误说明", "Problems"},
	"files.problems_sheet":  {"待修改", "To fix"},
	"files.unknown_export":  {"不能导出“%[1]v”", "%[1]q cannot be exported"},

	// The window's import wizard.
	"files.ui_sheet_read":  {"读取的是工作表“%[1]v”", "Read sheet %[1]q"},
	"files.ui_other_sheet": {"改为检查其他工作表…", "Check another sheet…"},

	// The command line's import.
	"cli.import_sheet":       {"读取了工作表“%[1]v”（文件中还有：%[2]v；可用 --sheet 选择）", "Read sheet %[1]q (the file also has: %[2]v; choose with --sheet)"},
	"cli.import_ignored":     {"已略过 %[1]v 行：表尾（合计、制表人、签字等）或没有内容的行", "Skipped %[1]v rows: footer rows (totals, signatures) or rows with nothing in them"},
	"cli.import_update_hint": {"要以文件中的内容更新已有记录，请加 --update 重新导入", "To update the stored records with the file's values, import again with --update"},
}
