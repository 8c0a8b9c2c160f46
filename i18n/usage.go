package i18n

func init() {
	catalog["cli.usage"] = msg{usageZh, usageEn}
}

const usageZh = `研究生选派工作台 secondment

用法：secondment [--db 数据文件 | --server 地址 [--fingerprint 指纹]] [--lang zh|en] [--user 用户名] 命令 ...
不带命令时打开桌面窗口。密码取自环境变量 SECONDMENT_PASSWORD，或在终端中输入；
用户名也可由 SECONDMENT_USER 给出，服务器地址由 SECONDMENT_SERVER 给出。
--server 让命令经服务器（secondment serve）执行，输出与退出状态与本地相同；
数据文件正被本机的窗口或 serve 打开时，--db 的命令交由它执行。

  init --admin 用户名 [--university 本校]
                                       新建数据文件和第一个研究生院管理员账户（可同时登记本校）
  university add 高校名称               登记高校
  demo [--students N]                  向新数据文件装入演示数据
  user add --name 用户名 --role 角色 [--platform 平台] [--student 学号] [--university 高校]
                                       添加账户（角色：office、platform-hr、student、bureau）
  user reset-password|disable|enable|unlock 用户名
                                       重置密码、停用、启用账户，或解除登录锁定
  passwd                               修改自己的密码
  list students|platforms|placements|quotas|appointments|universities|users [--q 文字] [--json]
       [--status 状态] [--platform 平台] [--university 高校] [--year 年度] [--reassign]
                                       列出当前用户可见的记录
  quota set --platform 平台 --year 年度 --category graduate|dual|filed --total N --reason 原因
                                       设定或调整员额（记录在案）
  placement new --student 学号 --platform 平台 --start 日期 --end 日期 --task 任务
                [--supervisor 平台导师] [--allowance 月补贴]
                                       新建选派草稿，输出协议编号
  placement approve|dispatch|arrive|complete|terminate 协议编号 [--date 日期] [--reason 原因]
                [--assessment 优秀|良好|合格|不合格]
                                       选派流程的一步
  placement supervisor 协议编号 --supervisor 姓名   记录平台导师
  placement edit 协议编号 [--platform 平台] [--start 日期] [--end 日期] [--task 任务] [--supervisor 平台导师] [--allowance 月补贴]
                                       修改选派草稿
  placement withdraw 协议编号 --reason 原因   作废从未审批的草稿（编号不再使用）
  placement insurance 协议编号 --insurer 保险公司 --policy 保单号 --from 日期 --to 日期
  placement pledge|acceptance 协议编号 --date 日期   派出条件：保险、安全承诺书、接收函
  attendance set 协议编号 --month 月份 --present 天数 [--absent 天数] [--leave 天数]
                                       登记月度考勤（平台人事或研究生院），显示当月补助扣减
  attendance list 协议编号 [--json]     各月考勤与补助
  leave request 协议编号 --from 日期 --to 日期 --reason 事由   学生请假申请
  leave approve|refuse 协议编号 --id 编号 [--note 意见]   审批请假（平台人事或研究生院）
  log add 协议编号 --period 2026-W48|2026-11 --text 内容   学生填写工作日志（每周或每月，由高校设定）
  log read 协议编号 --id 编号 [--comment 意见]   导师批阅日志（研究生院代校内导师，平台人事代平台导师）
  log list 协议编号 [--json] / log stats [--platform 平台] [--json]   日志、缺漏与批阅率
  placement midterm 协议编号 --progress 进展 --problems 问题 --university-opinion 意见
                --platform-opinion 意见 --result 合格|需改进|不合格 [--date 日期]
                                       登记中期检查（选派期过半后）
  placement marks 协议编号 [--university-mark M] [--platform-mark M] [--defence-mark M]
                                       登记评分（平台人事只登记平台导师评分）
  placement assess 协议编号 --university-mark M --platform-mark M --defence-mark M [--date 日期]
                                       按高校权重评定考核结果并结束选派（缺勤超过三分之一为不合格）
  placement override-absence 协议编号 --reason 原因   缺勤超过三分之一的认定（研究生院）
  placement returned 协议编号 --date 日期 [--copies N] [--received-by 接收人]   登记协议交回
  university weights 高校 --university 权重 --platform 权重 --defence 权重   考核权重（合计 100，默认 30/30/40）
  university logs 高校 weekly|monthly  工作日志周期（默认每周）
  reminders [--json]                   提醒：选派期满、保险到期、中期检查、日志逾期、双聘双挂期满、协议未交回
  platform status 平台 recognised|rectifying|revoked --reason 原因   变更平台认定状态
  appointment activate|end|revoke 编号                双聘双挂生效、期满或解除
  import students|platforms|appointments 文件 [--dry-run] [--update] [--errors 问题.xlsx] [--sheet 工作表]
                                       导入 .xlsx/.csv 名册：逐行检查，全部无误才写入
  export students|placements|quotas|appointments|platforms 文件.xlsx|.csv
                                       导出当前用户可见的记录
  template students|platforms|appointments 文件.xlsx   空白导入模板（带下拉列表和填写说明）
  agreement 协议编号 -o 文件.pdf        打印选派三方协议
  agreement --all [--platform 平台] -o 文件夹|文件.pdf
                                       批量打印（文件夹：每份一个文件；.pdf：合并为一个文件）
  arrival 协议编号 -o 文件.pdf          打印到岗确认函
  roster --platform 平台|--university 高校 -o 文件.pdf   打印选派花名册
  quota-report --year 年度 -o 文件.pdf  打印员额使用情况表
  allowance-list --month 月份 [--platform 平台 | --university 高校] -o 文件.pdf|文件.xlsx
                                       研究生科研补助发放表（按考勤核减）
  pledge 协议编号 -o 文件.pdf           打印安全承诺书
  midterm-form 协议编号 -o 文件.pdf     打印中期检查表
  verify 验证码                        核对打印协议上的验证码
  stats [--year 年度] [--json]         各平台选派和员额汇总（市科技局、研究生院）
  evaluation scheme export|import 文件.xlsx [--year 年度]   年度评价方案（权重合计 100）
  evaluation rules --year 年度 [--excellent 90 --good 70 --pass 60 --excellent-cap 百分比 --rectify-days 天数]
  evaluation figures set|list|template --year 年度 ...   平台填报评价数据（佐证说明），市科技局审核
  import indicators 文件.xlsx [--year 年度]   导入评价数据表（全部无误才写入）
  evaluation accept|reject --year 年度 (--platform 平台 --code 指标 | --all) [--reason 原因]
  evaluation run|results --year 年度 [--json]   运行评价 / 查看结果（类别内排名）
  evaluation finalize --year 年度       确定结果：不合格平台转为整改中并定整改期限
  evaluation recheck --platform 平台 --year 年度 --passed|--failed --reason 原因   整改复查
  evaluation rechecks                 待复查的整改平台（期限与是否到期）
  evaluation report --year 年度 -o 文件.pdf|文件.xlsx   年度评价结果表
  evaluation sheet --platform 平台 --year 年度 -o 文件.pdf   平台绩效评价表
  notice --platform 平台 --year 年度 -o 文件.pdf   整改通知书
  audit [--q 文字] [--limit N] [--no-logins]   操作记录（--no-logins 不列登录与退出）
  serve [--listen 地址:端口] [--tls-cert 证书 --tls-key 私钥] [--idle 15m]
                                       提供数据文件：供窗口、命令行（--server）和浏览器门户（平台人事、学生、
                                       市科技局）使用；默认只在本机 127.0.0.1:8620，其他地址一律加密
                                       （无证书时自动生成自签名证书，并显示其指纹）；须研究生院管理员登录
  backup 文件 / restore 文件 / check   备份（与恢复时相同的完整校验）、恢复、完整性检查
                                       每天第一次修改前自动备份到数据文件旁的 backups 文件夹
                                       （保留最近 7 天，另保留最近 5 次导入前的备份）；恢复时原文件保留在旁

退出状态：0 完成；1 被拒绝（输入有误、规则或权限不允许），数据未改变；2 用法错误。
`

const usageEn = `Secondment Desk (secondment)

usage: secondment [--db FILE | --server URL [--fingerprint FP]] [--lang zh|en] [--user NAME] COMMAND ...
With no command it opens the desktop window. The password comes from
SECONDMENT_PASSWORD or is typed at the terminal; SECONDMENT_USER may name the user,
SECONDMENT_SERVER the server. --server runs the command through a server (secondment
serve) with the same output and exit status; while a window or serve on this computer
holds the data file, a command with --db is carried out by it.

  init --admin NAME [--university U]   make a new data file and its first graduate-office account
                                       (and record the office's own university)
  university add NAME                  record a university
  demo [--students N]                  fill a new data file with sample data
  user add --name N --role ROLE [--platform P] [--student NO] [--university U]
                                       add an account (office, platform-hr, student, bureau)
  user reset-password|disable|enable|unlock NAME
                                       reset a password, disable or enable an account, lift a lockout
  passwd                               change your own password
  list students|platforms|placements|quotas|appointments|universities|users [--q TEXT] [--json]
       [--status S] [--platform P] [--university U] [--year Y] [--reassign]
                                       what the user may see
  quota set --platform P --year Y --category graduate|dual|filed --total N --reason R
                                       set or raise a quota (recorded)
  placement new --student NO --platform P --start D --end D --task T [--supervisor S] [--allowance A]
                                       a draft placement; prints its agreement number
  placement approve|dispatch|arrive|complete|terminate NO [--date D] [--reason R] [--assessment A]
                                       one lifecycle step
  placement supervisor NO --supervisor S             record the platform supervisor
  placement edit NO [--platform P] [--start D] [--end D] [--task T] [--supervisor S] [--allowance A]
                                       change a draft placement
  placement withdraw NO --reason R     withdraw a never-approved draft (its number is not reused)
  placement insurance NO --insurer I --policy P --from D --to D
  placement pledge|acceptance NO --date D   before departure: insurance, safety pledge, acceptance letter
  attendance set NO --month YYYY-MM --present N [--absent N] [--leave N]
                                       record a month's attendance (platform HR or office); shows the deduction
  attendance list NO [--json]          the months' attendance and allowance
  leave request NO --from D --to D --reason R   a student's leave request
  leave approve|refuse NO --id N [--note T]   decide a leave request (platform HR or office)
  log add NO --period 2026-W48|2026-11 --text T   a student's work log (weekly or monthly, as the university chose)
  log read NO --id N [--comment T]     mark a log read (office for the university supervisor, HR for the platform's)
  log list NO [--json] / log stats [--platform P] [--json]   logs, gaps and review rates
  placement midterm NO --progress T --problems T --university-opinion T --platform-opinion T
                --result pass|improve|fail [--date D]
                                       record the mid-term check (from the halfway point)
  placement marks NO [--university-mark M] [--platform-mark M] [--defence-mark M]
                                       record marks (platform HR: the platform supervisor's only)
  placement assess NO --university-mark M --platform-mark M --defence-mark M [--date D]
                                       weighted result, completing the placement (away over a third: fail)
  placement override-absence NO --reason R   override the one-third absence rule (office)
  placement returned NO --date D [--copies N] [--received-by NAME]   the signed agreement came back
  university weights NAME --university W --platform W --defence W   assessment weights (total 100; 30/30/40)
  university logs NAME weekly|monthly  work log cadence (weekly by default)
  reminders [--json]                   due soon or overdue: placement end, insurance end, mid-term, logs,
                                       dual appointment end, agreement not returned
  platform status P recognised|rectifying|revoked --reason R   change a platform's recognition
  appointment activate|end|revoke ID                 dual appointment status
  import students|platforms|appointments FILE [--dry-run] [--update] [--errors FILE.xlsx] [--sheet NAME]
                                       import an .xlsx/.csv roster: every row checked, all or nothing
  export students|placements|quotas|appointments|platforms FILE.xlsx|.csv
                                       export what the user may see
  template students|platforms|appointments FILE.xlsx   an empty import sheet with drop-downs and notes
  agreement NO -o FILE.pdf             print a placement agreement
  agreement --all [--platform P] -o DIR|FILE.pdf
                                       batch (a folder: one file each; .pdf: one combined file)
  arrival NO -o FILE.pdf               print the arrival confirmation letter
  roster --platform P|--university U -o FILE.pdf   print a placement roster
  quota-report --year Y -o FILE.pdf    print the quota use table
  allowance-list --month YYYY-MM [--platform P | --university U] -o FILE.pdf|FILE.xlsx
                                       the monthly allowance list (研究生科研补助发放表), deductions applied
  pledge NO -o FILE.pdf                print the safety pledge to sign
  midterm-form NO -o FILE.pdf          print the mid-term check form
  verify CODE                          check a printed agreement's verification code
  stats [--year Y] [--json]            per-platform figures (bureau, graduate office)
  evaluation scheme export|import FILE.xlsx [--year Y]   the year's evaluation schemes (weights total 100)
  evaluation rules --year Y [--excellent 90 --good 70 --pass 60 --excellent-cap PERCENT --rectify-days DAYS]
  evaluation figures set|list|template --year Y ...   figures platforms report (with evidence), reviewed by the bureau
  import indicators FILE.xlsx [--year Y]   import an indicator sheet (all rows or none)
  evaluation accept|reject --year Y (--platform P --code CODE | --all) [--reason R]
  evaluation run|results --year Y [--json]   run the evaluation / see the results (ranked within each kind)
  evaluation finalize --year Y         fix the results: failing platforms turn rectifying, with a deadline
  evaluation recheck --platform P --year Y --passed|--failed --reason R   re-check after rectification
  evaluation rechecks                 platforms awaiting a re-check (deadline, due or not)
  evaluation report --year Y -o FILE.pdf|FILE.xlsx   the year's results table
  evaluation sheet --platform P --year Y -o FILE.pdf   a platform's evaluation sheet
  notice --platform P --year Y -o FILE.pdf   rectification notice (整改通知书)
  audit [--q TEXT] [--limit N] [--no-logins]   the audit log (--no-logins leaves out sign-ins)
  serve [--listen HOST:PORT] [--tls-cert CERT --tls-key KEY] [--idle 15m]
                                       serve the data file to windows, commands (--server) and the browser
                                       portal (platform HR, students, the bureau); this computer only
                                       (127.0.0.1:8620) by default, TLS on any other address (a self-signed
                                       certificate, with its fingerprint shown, when none is given);
                                       a graduate-office login starts it
  backup FILE / restore FILE / check   verified copy (the check restore applies), restore, integrity check
                                       the day's first change makes an automatic backup in the backups
                                       folder beside the data file (the last 7 days, and the last 5
                                       made before an import); restore keeps the replaced file beside it

Exit status: 0 done; 1 refused (bad input, a rule, a role's limit), nothing written; 2 wrong usage.
`
