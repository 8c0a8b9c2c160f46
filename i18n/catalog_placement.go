package i18n

func init() {
	for k, v := range placementCatalog {
		catalog[k] = v
	}
}

// placementCatalog holds the sentences of editing and withdrawing drafts on the
// command line.
var placementCatalog = map[string]msg{
	"cli.placement_edited": {"已修改选派草稿 %[1]v", "Draft placement %[1]v changed"},
	"cli.usage_placement_edit": {"用法：secondment placement edit 协议编号 [--platform 平台] [--start 日期] [--end 日期] [--task 任务] [--supervisor 平台导师] [--allowance 月补贴]；secondment placement withdraw 协议编号 --reason 原因",
		"usage: secondment placement edit NO [--platform P] [--start D] [--end D] [--task T] [--supervisor S] [--allowance A]; secondment placement withdraw NO --reason R"},
}
