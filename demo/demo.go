// Package demo makes realistic sample data for trying the program: the
// universities the bureau's reply names and others, a few dozen Wenzhou platforms
// of every kind and level, quotas, dual appointments, and students with valid ID
// numbers and phones, some of them placed in every lifecycle state. The same seed
// gives the same data.
package demo

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"secondment/dispatch"
	"secondment/model"
)

// Password is the password of the sample accounts that Generate adds.
const Password = "demo1234"

type university struct {
	name, code, domain string
	schools            []school
}

type school struct {
	name   string
	majors []string
}

var universities = []university{
	{"温州医科大学", "WMU", "wmu.edu.cn", []school{
		{"第一临床医学院", []string{"内科学", "外科学", "急诊医学"}},
		{"眼视光学院", []string{"眼科学", "眼视光学"}},
		{"药学院", []string{"药理学", "药物化学", "药剂学"}},
		{"检验医学院、生命科学学院", []string{"临床检验诊断学", "生物化学与分子生物学"}},
		{"公共卫生与管理学院", []string{"流行病与卫生统计学", "社会医学与卫生事业管理"}},
		{"生物医学工程学院", []string{"生物医学工程", "生物材料"}},
	}},
	{"温州大学", "WZU", "wzu.edu.cn", []school{
		{"化学与材料工程学院", []string{"化学", "材料科学与工程", "化学工程"}},
		{"机电工程学院", []string{"机械工程", "控制工程"}},
		{"计算机与人工智能学院", []string{"计算机科学与技术", "软件工程", "人工智能"}},
		{"电气与电子工程学院", []string{"电气工程", "电子信息"}},
		{"生命与环境科学学院", []string{"生物学", "环境科学与工程"}},
		{"商学院", []string{"工商管理", "应用经济学"}},
	}},
	{"温州理工学院", "WZIT", "wzut.edu.cn", []school{
		{"数据科学与人工智能学院", []string{"大数据技术与工程", "人工智能"}},
		{"智能制造与电气工程学院", []string{"机械", "电气工程"}},
		{"建筑与能源工程学院", []string{"土木水利", "能源动力"}},
	}},
	{"温州肯恩大学", "WKU", "wku.edu.cn", []school{
		{"理工学院", []string{"计算机科学", "生物技术"}},
		{"商学院", []string{"金融", "管理科学"}},
	}},
	{"浙江工业大学", "ZJUT", "zjut.edu.cn", []school{
		{"机械工程学院", []string{"机械工程", "车辆工程"}},
		{"材料科学与工程学院", []string{"材料科学与工程", "材料与化工"}},
	}},
	{"浙江理工大学", "ZSTU", "zstu.edu.cn", []school{
		{"纺织科学与工程学院", []string{"纺织科学与工程", "服装设计与工程"}},
		{"机械工程学院", []string{"机械工程", "智能制造"}},
	}},
}

type platformSeed struct {
	name, kind, level, host, legal, chain string
}

var platforms = []platformSeed{
	{"瓯江实验室", "key_lab", "provincial", "温州医科大学", "public", "life_health"},
	{"温州市眼视光重点实验室", "key_lab", "municipal", "温州医科大学附属眼视光医院", "public", "life_health"},
	{"浙江省生物材料与再生医学重点实验室", "key_lab", "provincial", "温州医科大学", "public", "life_health"},
	{"温州市新型功能材料重点实验室", "key_lab", "municipal", "温州大学", "public", "new_materials"},
	{"温州市智能低压电器重点实验室", "key_lab", "municipal", "温州大学", "public", "electrical"},
	{"温州市激光与光电子重点实验室", "key_lab", "municipal", "温州大学", "public", "intelligent_equipment"},
	{"国家级眼视光工程技术研究中心", "key_lab", "national", "温州医科大学", "public", "life_health"},
	{"浙江大学温州研究院", "new_rd", "provincial", "浙江大学", "public", "new_materials"},
	{"中国科学院大学温州研究院", "new_rd", "provincial", "中国科学院大学", "public", "life_health"},
	{"温州激光与光电子协同创新中心", "new_rd", "municipal", "温州市人民政府", "public", "intelligent_equipment"},
	{"温州智能装备与制造研究院", "new_rd", "municipal", "温州市瓯海区人民政府", "private_nonprofit", "intelligent_equipment"},
	{"温州数字经济创新研究院", "new_rd", "municipal", "温州市鹿城区人民政府", "private_nonprofit", "digital_economy"},
	{"温州新能源汽车研究院", "new_rd", "municipal", "温州市龙湾区人民政府", "private_nonprofit", "new_energy_vehicle"},
	{"浙南电气产业创新研究院", "new_rd", "provincial", "乐清市人民政府", "private_nonprofit", "electrical"},
	{"正泰集团研究院", "enterprise_rd", "national", "正泰集团股份有限公司", "enterprise", "electrical"},
	{"人民电器集团企业技术中心", "enterprise_rd", "provincial", "人民电器集团有限公司", "enterprise", "electrical"},
	{"康奈集团鞋业研究院", "enterprise_rd", "provincial", "康奈集团有限公司", "enterprise", "footwear"},
	{"瑞立集团汽车零部件研发中心", "enterprise_rd", "provincial", "瑞立集团有限公司", "enterprise", "auto_parts"},
	{"超达阀门集团流体控制研究院", "enterprise_rd", "municipal", "超达阀门集团股份有限公司", "enterprise", "pumps_valves"},
	{"报喜鸟服饰设计研发中心", "enterprise_rd", "municipal", "报喜鸟控股股份有限公司", "enterprise", "apparel"},
	{"森马服饰数字化研发中心", "enterprise_rd", "municipal", "浙江森马服饰股份有限公司", "enterprise", "apparel"},
	{"温州国家大学科技园孵化器", "incubator", "national", "温州国家大学科技园发展有限公司", "enterprise", "digital_economy"},
	{"浙南科技城众创空间", "incubator", "provincial", "温州浙南科技城管理委员会", "public", "digital_economy"},
	{"瓯海生命健康科创园孵化器", "incubator", "municipal", "温州市瓯海区科技局", "public", "life_health"},
	{"温州市校地成果转化办公室", "transfer", "municipal", "温州市科学技术局", "public", "other"},
	{"温州科技大市场", "transfer", "municipal", "温州市科技成果转化服务中心", "public", "other"},
	{"温州医科大学技术转移中心", "transfer", "provincial", "温州医科大学", "public", "life_health"},
	{"温州大学技术转移中心", "transfer", "municipal", "温州大学", "public", "new_materials"},
}

var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓冯韩曹曾彭潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤")
var givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞斌宇浩凯健俊帆帅旭宁琳晨欣怡佳悦雨婷思梦雪琪子涵轩博文睿泽然可馨晓一诗若嘉宏志建国海波亮")

// rare are given-name characters outside GB2312 (生僻字), which documents must print.
var rare = []rune("堃垚淼犇喆昇燊彧翀頔龑")

var tasks = []string{
	"高性能锂电池正极材料的制备与表征", "低压电器智能脱扣器故障诊断算法研究", "近视防控新型光学离焦镜片临床评价",
	"鞋用环保胶粘剂配方优化", "阀门密封面激光熔覆工艺攻关", "汽车制动系统电子控制单元可靠性测试",
	"再生医学用可降解支架的生物相容性研究", "工业互联网平台数据治理与可视化", "服装柔性供应链排产优化模型",
	"肿瘤早筛液体活检标志物筛选", "智能网联汽车域控制器软件测试", "光伏逆变器并网控制策略研究",
	"医用敷料抗菌涂层开发", "揭榜挂帅项目：泵阀数字孪生建模", "科技成果转化评估指标体系研究",
	"眼底影像人工智能辅助诊断模型", "新型钙钛矿太阳能电池稳定性研究", "基于大模型的专利检索与分析工具",
}

var uniPosts = []string{"教授", "副教授", "研究员", "副研究员", "讲师"}
var platformPosts = []string{"首席科学家", "研究室主任", "技术总监", "特聘研究员", "项目负责人"}

// regions are Wenzhou county codes (the first six digits of local ID numbers).
var regions = []string{"330302", "330303", "330304", "330305", "330324", "330326", "330327", "330381", "330382", "330383"}

// Generate makes a dataset with n students as of today.
func Generate(n int, seed uint64, today model.Date) dispatch.Dataset {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), today: today}
	return g.dataset(n)
}

type gen struct {
	r     *rand.Rand
	today model.Date
	names map[string]bool
	ids   map[string]bool // ID numbers given out: the rules refuse one twice
}

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *gen) name() string {
	s := string(surnames[g.r.IntN(len(surnames))])
	k := 1 + g.r.IntN(2)
	for i := 0; i < k; i++ {
		if g.r.IntN(200) == 0 {
			s += string(rare[g.r.IntN(len(rare))])
		} else {
			s += string(givenChars[g.r.IntN(len(givenChars))])
		}
	}
	return s
}

func (g *gen) mobile() string {
	prefixes := []string{"133", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "177", "180", "181", "186", "187", "188", "189", "199"}
	return fmt.Sprintf("%s%08d", g.pick(prefixes), g.r.IntN(100000000))
}

// idNumber draws an ID number no other student of the dataset has: at 100,000
// students, a few hundred draws would otherwise repeat one.
func (g *gen) idNumber(birthYear int, male bool) string {
	if g.ids == nil {
		g.ids = map[string]bool{}
	}
	for {
		birth := model.NewDate(birthYear, time.January, 1).AddDate(0, 0, g.r.IntN(365))
		seq := g.r.IntN(500) * 2
		if male {
			seq++
		}
		first17 := fmt.Sprintf("%s%s%03d", g.pick(regions), birth.Time().Format("20060102"), seq)
		id := first17 + string(model.IDCheckChar(first17))
		if !g.ids[id] {
			g.ids[id] = true
			return id
		}
	}
}

func (g *gen) dataset(n int) dispatch.Dataset {
	var ds dispatch.Dataset
	for _, u := range universities {
		ds.Universities = append(ds.Universities, model.University{Name: u.name})
	}
	for i, p := range platforms {
		status := model.Recognised
		switch i {
		case 12:
			status = model.Rectifying
		case 20:
			status = model.Revoked
		}
		ds.Platforms = append(ds.Platforms, model.Platform{Name: p.name, Kind: p.kind, Level: p.level, Host: p.host,
			LegalType: p.legal, Chain: p.chain, Status: status, Contact: g.name(), Phone: fmt.Sprintf("0577-8%07d", g.r.IntN(10000000))})
	}
	ds.Students = g.students(n)
	ds.Appointments = g.appointments()
	target := n * 3 / 10
	if target > 5000 {
		target = 5000
	}
	ds.Quotas = g.quotas(target)
	ds.Placements = g.placements(ds, target)
	universitySettings(ds.Universities)
	unis := map[string]model.University{}
	for _, u := range ds.Universities {
		unis[u.Name] = u
	}
	for i := range ds.Placements {
		onSite(&ds.Placements[i], i, unis[ds.Placements[i].StudentUniversity], g.today)
	}
	ds.Users = g.users(ds)
	return ds
}

func (g *gen) students(n int) []model.Student {
	out := make([]model.Student, 0, n)
	for i := 0; i < n; i++ {
		u := universities[i%len(universities)]
		sc := u.schools[g.r.IntN(len(u.schools))]
		doctor := g.r.IntN(6) == 0
		year := g.today.Year() - g.r.IntN(3)
		if doctor {
			year = g.today.Year() - g.r.IntN(5)
		}
		if year == g.today.Year() && g.today.Month() < time.September {
			year--
		}
		degree, dtype, age := "master", "academic", 22
		if doctor {
			degree, age = "doctor", 25
		} else if g.r.IntN(2) == 0 {
			dtype = "professional"
		}
		male := g.r.IntN(2) == 0
		gender := "female"
		if male {
			gender = "male"
		}
		number := fmt.Sprintf("%s%d%06d", u.code, year, i/len(universities))
		st := model.Student{
			Number: number, Name: g.name(), Gender: gender, University: u.name, School: sc.name,
			Major: sc.majors[g.r.IntN(len(sc.majors))], Degree: degree, DegreeType: dtype, EnrolmentYear: year,
			Supervisor: g.name(), Mobile: g.mobile(), Email: fmt.Sprintf("%s@stu.%s", lower(number), u.domain),
		}
		if g.r.IntN(10) > 0 {
			st.IDNumber = g.idNumber(year-age, male)
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key() < out[j].Key() })
	return out
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

func (g *gen) appointments() []model.Appointment {
	var out []model.Appointment
	for _, p := range platforms {
		for k := 0; k < 1+g.r.IntN(3); k++ {
			start := model.NewDate(g.today.Year()-2+g.r.IntN(3), time.Month(1+g.r.IntN(12)), 1)
			a := model.Appointment{
				Name: g.name(), Kind: []string{"dual_hire", "dual_post"}[g.r.IntN(2)],
				University: universities[g.r.IntN(3)].name, UniPost: g.pick(uniPosts),
				Platform: p.name, PlatformPost: g.pick(platformPosts),
				Start: start, End: start.AddDate(3, 0, -1), Share: 20 + 10*g.r.IntN(5), Status: model.AppointmentActive,
			}
			switch {
			case start.After(g.today):
				a.Status = model.AppointmentPending
			case a.End.Before(g.today):
				a.Status = model.AppointmentEnded
			}
			a.History = []model.Step{{To: a.Status, By: "demo", At: start.Time()}}
			out = append(out, a)
		}
	}
	return out
}

func (g *gen) quotas(target int) []model.Quota {
	per := target/len(platforms) + 4
	var out []model.Quota
	for _, p := range platforms {
		for y := g.today.Year() - 1; y <= g.today.Year()+1; y++ {
			for _, c := range []string{model.Graduate, model.Dual, model.Filed} {
				total := per + g.r.IntN(per/2+1)
				if c != model.Graduate {
					total = 3 + g.r.IntN(8)
				}
				q := model.Quota{Platform: p.name, Year: y, Category: c, Total: total,
					History: []model.QuotaChange{{To: total, By: "demo", At: model.NewDate(y-1, 12, 15).Time(), Reason: "年度员额核定"}}}
				if c == model.Filed {
					q.Filled = g.r.IntN(total + 1)
				}
				out = append(out, q)
			}
		}
	}
	return out
}

func (g *gen) users(ds dispatch.Dataset) []dispatch.NewUser {
	users := []dispatch.NewUser{{Name: "bureau", Role: model.Bureau, Password: Password}}
	for i, p := range ds.Platforms[:3] {
		users = append(users, dispatch.NewUser{Name: fmt.Sprintf("hr%d", i+1), Role: model.PlatformHR, Platform: p.Name, Password: Password})
	}
	for i, p := range ds.Placements {
		if i >= 2 {
			break
		}
		users = append(users, dispatch.NewUser{Name: fmt.Sprintf("student%d", i+1), Role: model.StudentRole,
			University: p.StudentUniversity, StudentNumber: p.StudentNumber, Password: Password})
	}
	return users
}
