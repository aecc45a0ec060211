<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../ui/accounts_dialog.py" line="+41"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Everyone who works at this seat logs in with an account of their own. A password opens the seat on this computer only.</source>
        <translation>在本席位工作的每个人都用自己的账户登录。密码只能在这台电脑上打开本席位。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Accounts of this seat</source>
        <translation>本席位的账户</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;name…</source>
        <translation>改名(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;role…</source>
        <translation>更改角色(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set &amp;password…</source>
        <translation>设置密码(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Enable…</source>
        <translation>启用(&amp;E)…</translation>
    </message>
    <message numerus="yes">
        <location line="+76"/>
        <source>%n account(s) cannot log in on this computer yet (the seat was restored here): %1. Give each a new password with Set password.</source>
        <translation>
            <numerusform>%n 个账户还不能在这台电脑上登录（本席位是在这里恢复的）：%1。请用“设置密码”为每个账户设置新密码。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Disable %1? The account can no longer log in at this seat; its calls and the audit log stay. Enabling it again needs a new password.</source>
        <translation>停用 %1？该账户将无法再登录本席位；其通话记录和审计日志保留。再次启用需要设置新密码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is your own account: once you log out, you cannot log in again.</source>
        <translation>这是您自己的账户：退出后您将无法再登录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+10"/>
        <source>Disable an account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 was disabled.</source>
        <translation>%1 已停用。</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <location filename="../../ui/accounts_model.py" line="+60"/>
        <source>Staff code</source>
        <translation>工号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password on this computer</source>
        <translation>本机密码</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Whether the account can log in here. After a backup is restored on another computer, every account needs a new password.</source>
        <translation>该账户能否在这里登录。备份在另一台电脑上恢复后，每个账户都需要新密码。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No (disabled)</source>
        <translation>无（已停用）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Missing: set one</source>
        <translation>缺少：请设置</translation>
    </message>
</context>
<context>
    <name>AddAccountForm</name>
    <message>
        <location filename="../../ui/account_forms.py" line="+191"/>
        <source>Add an account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Staff &amp;code</source>
        <translation>工号(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>letters and digits</source>
        <translation>字母和数字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Password (8 or more characters)</source>
        <translation>密码(&amp;P)（至少 8 个字符）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;peat the password</source>
        <translation>再次输入密码(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tell the password to the person yourself; they can change it after logging in.</source>
        <translation>请当面把密码告诉本人；对方登录后可以自行修改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 was added as %2.</source>
        <translation>已添加 %1，角色：%2。</translation>
    </message>
</context>
<context>
    <name>AmendmentDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="+19"/>
        <source>Add an amendment</source>
        <translation>添加补充记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amendment</source>
        <translation>补充记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Identifiers are hidden when the amendment is saved.</source>
        <translation>保存补充记录时，其中的身份信息会被隐藏。</translation>
    </message>
</context>
<context>
    <name>BoardWindow</name>
    <message>
        <location filename="../../ui/center_board.py" line="+160"/>
        <source>Line board</source>
        <translation>值班看板</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Refresh now</source>
        <translation>立即刷新</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seats of the line</source>
        <translation>本热线的席位</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>State only, never the content of a call. A seat marked SILENT has not been heard from: it stands out in red. Refreshed every 30 seconds.</source>
        <translation>只显示状态，从不显示通话内容。标为“失联”的席位已有一段时间没有消息，以红色突出显示。每 30 秒刷新一次。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Asking the centre…</source>
        <translation>正在询问中心…</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>%n seat(s), updated %1</source>
        <translation>
            <numerusform>%n 个席位，更新于 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n seat(s) silent</source>
        <translation>
            <numerusform>%n 个席位失联</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No centre shift is open: calls go to the centre&apos;s automatic shift.</source>
        <translation>中心没有开着的班次：通话归入中心的自动班次。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Centre shift led by %1 (opened at %2, since %3)</source>
        <translation>中心班次，班长 %1（在%2开班，自 %3 起）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>On duty: %1</source>
        <translation>值班：%1</translation>
    </message>
</context>
<context>
    <name>CallForm</name>
    <message>
        <location filename="../../ui/call_form.py" line="+74"/>
        <source>Call time</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended at</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Call kind</source>
        <translation>来电类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+91"/>
        <source>Age band</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <location line="-90"/>
        <location line="+91"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City (optional)</source>
        <translation>城市（选填）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First call or repeat</source>
        <translation>首次来电或重复来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not known</source>
        <translation>不详</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>first call</source>
        <translation>首次来电</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>repeat</source>
        <translation>重复来电</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+93"/>
        <source>Case code</source>
        <translation>个案编号</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>as the caller quotes it</source>
        <translation>按来电者报出的填写</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New code</source>
        <translation>新编号</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+88"/>
        <source>Emotions</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location line="-87"/>
        <location line="+89"/>
        <source>Interventions</source>
        <translation>干预措施</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>One line for the handover</source>
        <translation>一句话交班摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Call and caller</source>
        <translation>通话与来电者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>来电类型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Province / city</source>
        <translation>省份 / 城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First call?</source>
        <translation>是否首次来电</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Concerns, emotions, interventions, keywords</source>
        <translation>来电问题、情绪、干预措施、关键词</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Concerns</source>
        <translation>来电问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk assessment</source>
        <translation>风险评估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crisis protocol</source>
        <translation>危机处置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referrals and follow-ups</source>
        <translation>转介与随访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety plan</source>
        <translation>安全计划</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Summary for the handover</source>
        <translation>交班摘要</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk: %1</source>
        <translation>风险：%1</translation>
    </message>
</context>
<context>
    <name>CallImport</name>
    <message>
        <location filename="../../ui/import_calls.py" line="+36"/>
        <location line="+30"/>
        <source>Import calls</source>
        <translation>导入来电记录</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Exchange files (*.jsonl);;All files (*)</source>
        <translation>交换文件 (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>Checking the file: %n line(s) checked…</source>
        <translation>
            <numerusform>正在检查文件：已检查 %n 行…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Importing %n call(s)…</source>
        <translation>
            <numerusform>正在导入 %n 条来电记录…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Calls imported: %1</source>
        <translation>已导入来电：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already here, skipped: %1</source>
        <translation>已存在、跳过：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifiers hidden: %1</source>
        <translation>已隐去的身份信息：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The import is complete.</source>
        <translation>导入已完成。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>导入已取消，没有导入任何记录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+4"/>
        <location line="+5"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>The file was not imported; nothing was written.</source>
        <translation>文件未导入，没有写入任何内容。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The import failed (%1); nothing was written.</source>
        <translation>导入失败（%1），没有写入任何内容。</translation>
    </message>
</context>
<context>
    <name>CallList</name>
    <message>
        <location filename="../../ui/call_list.py" line="+131"/>
        <source>Search notes and summaries (e.g. 失眠)</source>
        <translation>搜索记录和摘要（如：失眠）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+64"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>来电类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Concern</source>
        <translation>来电问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all concerns</source>
        <translation>全部问题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all risk levels</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow-up due</source>
        <translation>随访到期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only my calls</source>
        <translation>只看我的通话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Untick to see your colleagues&apos; calls of the current shift too.</source>
        <translation>取消勾选，可同时查看同事在本班次的通话。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Calls</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open the menu of the selected call</source>
        <translation>打开所选通话的菜单</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Newer</source>
        <translation>较新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older</source>
        <translation>较早</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>%1–%2 of more than %3 calls</source>
        <translation>第 %1–%2 条，共超过 %3 条来电</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1–%2 of %n call(s)</source>
        <translation>
            <numerusform>第 %1–%2 条，共 %n 通来电</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lift the legal hold</source>
        <translation>解除法律保留</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Place under legal hold</source>
        <translation>设为法律保留</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove supervision flag</source>
        <translation>取消督导标记</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Flag for supervision</source>
        <translation>标记为需督导</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Supervision notes…</source>
        <translation>督导记录…</translation>
    </message>
</context>
<context>
    <name>CallReadDialog</name>
    <message>
        <location filename="../../ui/call_view.py" line="+51"/>
        <source>Call %1</source>
        <translation>通话 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save as PDF…</source>
        <translation>保存为 PDF…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add amendment</source>
        <translation>添加补充说明</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Save call as PDF</source>
        <translation>将通话保存为 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Saving to %1…</source>
        <translation>正在保存到 %1…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The PDF was not saved.</source>
        <translation>PDF 没有保存。</translation>
    </message>
</context>
<context>
    <name>CallReadView</name>
    <message>
        <location filename="../../ui/call_view_html.py" line="+36"/>
        <source>1. Warning signs</source>
        <translation>1. 危险信号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2. What I can do on my own to cope</source>
        <translation>2. 自己能做的应对方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3. People and places that distract me</source>
        <translation>3. 能分散注意力的人和地方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4. People I can ask for help</source>
        <translation>4. 可以求助的人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5. Professionals and services to contact</source>
        <translation>5. 可以联系的专业人员和机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6. Making my surroundings safe</source>
        <translation>6. 让周围环境更安全</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+193"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>not known</source>
        <translation>不详</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first call</source>
        <translation>首次来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>repeat</source>
        <translation>再次来电</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call and caller</source>
        <translation>通话与来电者</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+109"/>
        <location line="+73"/>
        <location line="+12"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>Counselor</source>
        <translation>咨询员</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+127"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Caller</source>
        <translation>来电者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First call?</source>
        <translation>首次来电？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case code</source>
        <translation>个案编码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Concerns, emotions, interventions, keywords</source>
        <translation>困扰、情绪、干预与关键词</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Concerns</source>
        <translation>主要困扰</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emotions</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Interventions</source>
        <translation>干预</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes and summary</source>
        <translation>记录与摘要</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The retention period has passed; this call&apos;s free text was shredded.</source>
        <translation>保留期限已过，本通话的文字记录已销毁。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Risk assessment</source>
        <translation>风险评估</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This call was saved without a risk assessment.</source>
        <translation>本通话保存时没有进行风险评估（并非“无风险”）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Computed level</source>
        <translation>系统计算等级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Final level</source>
        <translation>最终等级</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason for the change</source>
        <translation>调整理由</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assessed at</source>
        <translation>评估时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decided by</source>
        <translation>决定等级的条目</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scale (0–10)</source>
        <translation>量表（0–10）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Group</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Crisis actions</source>
        <translation>危机处置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Action</source>
        <translation>措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+45"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Service</source>
        <translation>机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow-ups</source>
        <translation>随访</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>done %1 by %2</source>
        <translation>%1 由 %2 完成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>完成情况</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Safety plan</source>
        <translation>安全计划</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Supervision</source>
        <translation>督导</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flagged for supervision</source>
        <translation>已标记为需要督导</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not flagged</source>
        <translation>未标记督导</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+12"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Supervision note</source>
        <translation>督导记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Amendments</source>
        <translation>补充说明</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Amendment</source>
        <translation>补充说明</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Legal hold</source>
        <translation>法律保全</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Under legal hold: kept whole past the retention period.</source>
        <translation>处于法律保全之下：保留期限届满后仍完整保留。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No legal hold.</source>
        <translation>无法律保全。</translation>
    </message>
</context>
<context>
    <name>CallTableModel</name>
    <message>
        <location filename="../../ui/call_list.py" line="-233"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counselor</source>
        <translation>咨询员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case code</source>
        <translation>个案编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concerns</source>
        <translation>来电问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legal hold</source>
        <translation>法律保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision</source>
        <translation>督导</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Under legal hold: kept whole past the retention period.</source>
        <translation>法律保留：超过保存期限也完整保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flagged for supervision by a lead.</source>
        <translation>班长已标记为需督导。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Held</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved without a risk assessment.</source>
        <translation>保存时未做风险评估。</translation>
    </message>
</context>
<context>
    <name>CaseTimeline</name>
    <message>
        <location filename="../../ui/case_timeline.py" line="+32"/>
        <source>lead on shift</source>
        <translation>当班班长</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (computed: %2)</source>
        <translation>%1（系统计算：%2）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Concerns: %1</source>
        <translation>困扰：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Crisis actions: %1</source>
        <translation>危机处置：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Referrals: %1</source>
        <translation>转介：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow-up due %1 (%2): %3 — done: %4</source>
        <translation>随访 %1（%2）：%3 —— 已完成：%4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow-up due %1 (%2): %3 — open</source>
        <translation>随访 %1（%2）：%3 —— 未完成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Summary: %1</source>
        <translation>摘要：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Earlier calls with this case code</source>
        <translation>此个案编码的来电记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter or double-click opens the call.</source>
        <translation>按回车或双击打开该通话。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No earlier calls with this code that you may see.</source>
        <translation>没有您可以查看的此编码的来电记录。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n call(s) with this case code:</source>
        <translation>
            <numerusform>此个案编码共有 %n 次来电：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This call: %1</source>
        <translation>本通话：%1</translation>
    </message>
</context>
<context>
    <name>CenterLine</name>
    <message>
        <location filename="../../ui/center_line.py" line="+75"/>
        <source>Not connected to the centre; nothing known from it yet</source>
        <translation>未连接中心；尚未从中心得到任何情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Showing the state as of %1 (not connected to the centre)</source>
        <translation>显示的是 %1 时的情况（未连接中心）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
</context>
<context>
    <name>CenterPage</name>
    <message>
        <location filename="../../ui/center_settings.py" line="+47"/>
        <source>Centre host</source>
        <translation>中心主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+25"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>TLS check</source>
        <translation>TLS 校验</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Certificate and host name (verify-full)</source>
        <translation>证书和主机名（verify-full）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate only (verify-ca)</source>
        <translation>仅证书（verify-ca）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+95"/>
        <source>The centre&apos;s CA file</source>
        <translation>中心的 CA 文件</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+9"/>
        <source>Enrolment code</source>
        <translation>登记码</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Enrol with this code</source>
        <translation>用此登记码登记</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CA file</source>
        <translation>CA 文件</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>This seat is enrolled at the centre below as &apos;%1&apos; since %2. Its calls go there as codes and times with the summary sealed; notes never leave the seat.</source>
        <translation>本席位自 %2 起以“%1”登记在下面的中心。来电以编码和时间送往中心，摘要加密封存；笔记从不离开本席位。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Removing a seat from the centre needs the centre&apos;s superuser, which no seat keeps: the centre&apos;s admin runs `main.py center remove-seat %1 --dsn …` at an enrolled seat. This seat then says it is no longer enrolled and keeps working alone; its calls stay here.</source>
        <translation>把席位移出中心需要中心的超级用户，任何席位都不保存它：由中心管理员在已登记的席位上运行 `main.py center remove-seat %1 --dsn …`。之后本席位会显示已不在中心登记，并继续单独工作；来电记录仍留在这里。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A line with several seats gathers its calls and statistics at one centre database (PostgreSQL). Give where it is, without user or password, and the one-time code the centre&apos;s admin made with `main.py center add-seat`. The seat keeps working when the centre cannot be reached.</source>
        <translation>有多个席位的热线把来电和统计汇集到一个中心数据库（PostgreSQL）。请填写它的位置（不含用户名和密码），以及中心管理员用 `main.py center add-seat` 生成的一次性登记码。连不上中心时，本席位照常工作。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The centre removed this seat; it works alone. To enrol it again, ask for a new code.</source>
        <translation>中心已移除本席位，本席位单独工作。如需重新登记，请向中心管理员索取新的登记码。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>证书 (*.crt *.pem *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Give the centre&apos;s host and database.</source>
        <translation>请填写中心的主机和数据库。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the enrolment code the centre&apos;s admin gave you.</source>
        <translation>请输入中心管理员给你的登记码。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Enrolling…</source>
        <translation>正在登记…</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>This seat is enrolled; %n record(s) wait to be sent to the centre.</source>
        <translation>
            <numerusform>本席位已登记；%n 条记录等待发送到中心。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The centre&apos;s address is incomplete: give its host and database.</source>
        <translation>中心地址不完整：请填写主机和数据库。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address must not carry a user or password; the code gives the login.</source>
        <translation>地址中不能包含用户名或密码；登录信息由登记码提供。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The centre must be reached over TLS: choose a TLS check and its CA file.</source>
        <translation>必须通过 TLS 连接中心：请选择 TLS 校验方式和中心的 CA 文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The centre did not prove who it is with this CA file: choose the centre&apos;s own CA certificate and check that the host name matches its certificate.</source>
        <translation>用这个 CA 文件无法证实中心的身份：请选择中心自己的 CA 证书，并核对主机名与其证书是否一致。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The centre has no database of this name: check the database.</source>
        <translation>中心没有这个名称的数据库：请检查数据库名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not answer as a PostgreSQL server: check host and port.</source>
        <translation>该服务器没有以 PostgreSQL 服务器的方式应答：请检查主机和端口。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The centre&apos;s PostgreSQL does not offer TLS; its admin must turn it on.</source>
        <translation>中心的 PostgreSQL 未开启 TLS；需由其管理员开启。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The centre&apos;s PostgreSQL does not let this computer in; ask its admin.</source>
        <translation>中心的 PostgreSQL 不允许这台电脑连接；请联系其管理员。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not an enrolment code (25 letters and digits in five groups): it was mistyped; type it again.</source>
        <translation>这不是登记码（登记码是分成五组的 25 个字母和数字）：输入有误，请重新输入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This code does not open the centre: it was already used or replaced, its seat was removed, or it belongs to another centre. Ask the centre&apos;s admin for a new code.</source>
        <translation>这个登记码打不开中心：它已被使用或已被新码取代、对应的席位已被移除，或属于另一个中心。请向中心管理员索取新的登记码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This enrolment code was already used; ask the centre&apos;s admin for a new one.</source>
        <translation>这个登记码已被使用；请向中心管理员索取新的登记码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This enrolment code has expired; ask the centre&apos;s admin for a new one.</source>
        <translation>这个登记码已过期；请向中心管理员索取新的登记码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This code was made for another seat; ask for this seat&apos;s code.</source>
        <translation>这个登记码是为另一个席位生成的；请索取本席位的登记码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This seat is already enrolled at a centre.</source>
        <translation>本席位已经登记在一个中心。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 Nothing changed.</source>
        <translation>%1没有做任何更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The centre cannot be reached now: check the network, the host and port, and that the centre&apos;s PostgreSQL runs. Nothing changed; the code can be used later.</source>
        <translation>现在连不上中心：请检查网络、主机和端口，以及中心的 PostgreSQL 是否在运行。没有做任何更改；登记码稍后仍可使用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The centre runs a newer version: update Hotline Log here first. The code was not used.</source>
        <translation>中心运行的是更新的版本：请先在本席位更新热线记录。登记码未被使用。</translation>
    </message>
</context>
<context>
    <name>CenterScope</name>
    <message>
        <location filename="../../ui/center_stats.py" line="+31"/>
        <source>This seat</source>
        <translation>本席位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole centre</source>
        <translation>全中心</translation>
    </message>
</context>
<context>
    <name>CenterStatus</name>
    <message numerus="yes">
        <location filename="../../ui/center_status.py" line="+176"/>
        <source>%n waiting to sync, since %1</source>
        <translation>
            <numerusform>%n 条待同步，自 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No longer enrolled at the centre: this seat works alone</source>
        <translation>已不在中心登记：本席位单独工作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The centre needs a newer program: update Hotline Log</source>
        <translation>中心需要更新版本的程序：请更新热线记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The centre refused this seat&apos;s audit head: run verify</source>
        <translation>中心拒绝了本席位的审计链头：请运行 verify</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not connected to the centre</source>
        <translation>未连接中心</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The centre&apos;s disk is full: its admin must free space</source>
        <translation>中心的磁盘已满：请中心管理员腾出空间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In sync with the centre</source>
        <translation>同步正常</translation>
    </message>
</context>
<context>
    <name>CentreHandover</name>
    <message>
        <location filename="../../ui/center_handover.py" line="+99"/>
        <source>%1 not synced since %2: its calls may be missing</source>
        <translation>%1 自 %2 未同步：其通话可能不全</translation>
    </message>
</context>
<context>
    <name>CentreShift</name>
    <message>
        <location filename="../../ui/center_shift.py" line="+61"/>
        <source>Centre shift: the centre cannot be reached.</source>
        <translation>中心班次：无法连接中心。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Centre shift: none is open; calls of every seat go to the centre&apos;s automatic shift.</source>
        <translation>中心班次：没有开着的班次；各席位的通话归入中心的自动班次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Centre shift: led by %1, opened at %2 at %3.</source>
        <translation>中心班次：班长 %1，%3 在%2开班。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The centre&apos;s shift is already open: %1 opened it at %2 at %3. Calls at this seat belong to that shift; nothing was opened.</source>
        <translation>中心的班次已经开着：%1 于 %3 在%2开班。本席位的通话归入这个班次；这次没有再开班。</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+3"/>
        <location line="+3"/>
        <source>Open a shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The centre cannot be reached: the shift opens at this seat only. Its calls join the centre&apos;s shift of their start when this seat syncs again; a lead at a seat that reaches the centre can open the centre&apos;s shift meanwhile.</source>
        <translation>无法连接中心：班次只在本席位开启。本席位再次同步时，它的通话会归入开始时刻所在的中心班次；在此期间，能连上中心的席位上的班长可以开中心的班次。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The centre&apos;s shift is closed.</source>
        <translation>中心的班次已关闭。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The centre cannot be reached: its shift stays open until a lead closes it from a seat that reaches the centre. This seat&apos;s calls reach the centre when it syncs again.</source>
        <translation>无法连接中心：中心的班次仍开着，直到班长在能连上中心的席位关班。本席位的通话在再次同步时送到中心。</translation>
    </message>
</context>
<context>
    <name>ChangeForm</name>
    <message>
        <location filename="../../ui/account_forms.py" line="-79"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/accounts_dialog.py" line="+11"/>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Account: %1</source>
        <translation>账户：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Current password</source>
        <translation>当前密码(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New password (8 or more characters)</source>
        <translation>新密码(&amp;N)（至少 8 个字符）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;peat the new password</source>
        <translation>再次输入新密码(&amp;P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The seat was opened with the recovery code; log in with your account first.</source>
        <translation>本席位是用恢复码打开的；请先用您的账户登录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type your current password.</source>
        <translation>请输入当前密码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new password is the same as the current one.</source>
        <translation>新密码与当前密码相同。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your password was changed. Use the new one from the next log-in.</source>
        <translation>密码已修改。下次登录请使用新密码。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The current password is not right; nothing was changed.</source>
        <translation>当前密码不正确；未做任何修改。</translation>
    </message>
</context>
<context>
    <name>ConcernPicker</name>
    <message>
        <location filename="../../ui/widgets/concern_picker.py" line="+20"/>
        <source>Search concerns (e.g. 考 or exam)</source>
        <translation>搜索来电问题（如：考 或 exam）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search concerns</source>
        <translation>搜索来电问题</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Concerns</source>
        <translation>来电问题</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Ticked concerns</source>
        <translation>已勾选的来电问题</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Untick %1</source>
        <translation>取消勾选 %1</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/crash_dialog.py" line="+26"/>
        <source>Hotline Log: something went wrong</source>
        <translation>热线记录：出现了错误</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The program ran into an error it did not expect. This is a fault in the program, not something you did.</source>
        <translation>程序遇到了一个意外错误。这是程序本身的问题，不是您的操作造成的。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No call was open, so nothing of a call was lost.</source>
        <translation>当时没有打开的来电记录，因此没有丢失任何来电内容。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your call was kept as a draft (encrypted) and will be offered at the next log-in.</source>
        <translation>您的来电记录已作为草稿（加密）保存，下次登录时会提示恢复。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The call on screen could not be kept as a draft. Keep working and save it (Ctrl+S), or write down what you need before closing.</source>
        <translation>屏幕上的来电记录未能保存为草稿。请继续工作并保存（Ctrl+S），或在关闭前记下需要的内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You can keep working: what is saved is safe. If the error comes back, close the program and start it again. To report it, copy the details below: they hold no call content.</source>
        <translation>您可以继续工作：已保存的内容是安全的。如果错误再次出现，请关闭程序后重新启动。如需报告，请复制下面的详细信息：其中不含任何来电内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Technical details</source>
        <translation>技术细节</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Technical details</source>
        <translation>技术细节(&amp;T)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>C&amp;lose the program</source>
        <translation>关闭程序(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep working</source>
        <translation>继续工作(&amp;K)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The details are on the clipboard.</source>
        <translation>详细信息已复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>CrisisPanel</name>
    <message>
        <location filename="../../ui/crisis_panel.py" line="+20"/>
        <source>Keep the caller talking. Ask for consent and where they are, and pass the location to 110/120 by voice: never type it here. Tick each step when it happens; its time is recorded.</source>
        <translation>请与来电者保持通话。征得其同意并询问所在位置，位置只能口头转告 110/120，切勿录入本程序。每完成一步即勾选，系统会记录时间。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Outcome: %1</source>
        <translation>结果：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>— outcome —</source>
        <translation>— 结果 —</translation>
    </message>
</context>
<context>
    <name>DamagedSeatDialog</name>
    <message>
        <location filename="../../ui/start.py" line="+85"/>
        <source>Hotline Log</source>
        <translation>热线记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This seat cannot be opened.</source>
        <translation>无法打开本席位。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What to do: fix what the message says (free space, make the folder writable, close the program that holds the files), then start Hotline Log again. Restoring a backup would not help: the seat&apos;s files are not damaged.</source>
        <translation>怎么办：按上面的提示处理（腾出磁盘空间、让文件夹可写、关闭占用文件的程序），然后重新启动热线记录。恢复备份无济于事：本席位的文件并没有损坏。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What to do: an admin restores the seat from its latest backup now, with an admin password of the seat or its recovery code; the files that cannot be read are moved to the folder %1, not deleted. Otherwise quit, leave the files as they are, and tell the admin.</source>
        <translation>处理办法：请管理员现在用最近的备份恢复本席位（凭本席位的管理员密码或恢复码）；无法读取的文件不会被删除，而是移到文件夹 %1 中。否则请退出，不要动这些文件，并告知管理员。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This is the demo seat, with sample calls only. Delete its folder %1 and start Hotline Log again to make a new demo seat.</source>
        <translation>这是演示席位，只有示例通话。删除它的文件夹 %1，再重新启动热线记录，即可生成新的演示席位。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the unreadable seat with its backup (it is kept aside)</source>
        <translation>用备份替换无法读取的席位（原文件会另外保留）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>DirectoryDialog</name>
    <message>
        <location filename="../../ui/directory_dialog.py" line="+90"/>
        <location line="+62"/>
        <source>Referral directory</source>
        <translation>转介资源目录</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Directory entries</source>
        <translation>目录条目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hours</source>
        <translation>服务时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show retired entries</source>
        <translation>显示已停用的条目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>national</source>
        <translation>全国</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>example</source>
        <translation>示例</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+8"/>
        <location line="+6"/>
        <source>Import directory</source>
        <translation>导入目录</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The file cannot be read as UTF-8 text; nothing was imported.</source>
        <translation>无法按 UTF-8 文本读取该文件，没有导入任何内容。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n entry(ies) added.</source>
        <translation>
            <numerusform>已添加 %n 个条目。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Export directory</source>
        <translation>导出目录</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../ui/drafts.py" line="+82"/>
        <source>The database did not take the draft just now; it is kept in the encrypted file beside it.</source>
        <translation>数据库刚才未能保存草稿；草稿已保存在数据库旁的加密文件中。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Your call is back as you left it.</source>
        <translation>通话已恢复，可以接着记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You have an unsaved call from %1, kept in the encrypted file beside the database because the database could not take it then. Restore it?</source>
        <translation>您有一通 %1 未保存的通话，因当时数据库无法写入，已保存在数据库旁的加密文件中。要恢复吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You have an unsaved call from %1. Restore it?</source>
        <translation>您有一通 %1 未保存的通话。要恢复吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unsaved call</source>
        <translation>未保存的通话</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The unsaved call was restored.</source>
        <translation>未保存的通话已恢复。</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../ui/directory_dialog.py" line="-164"/>
        <source>Directory entry</source>
        <translation>目录条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>national</source>
        <translation>全国</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Public phone number</source>
        <translation>公开电话号码</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>Hours</source>
        <translation>服务时间</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Example entry (not a real service)</source>
        <translation>示例条目（非真实服务）</translation>
    </message>
</context>
<context>
    <name>FollowUpHistory</name>
    <message>
        <location filename="../../ui/center_followups.py" line="+99"/>
        <source>lead on shift</source>
        <translation>当班班长</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Follow-up history</source>
        <translation>回访记录的变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case %1 · from %2 · due %3</source>
        <translation>个案 %1 · 来自%2 · 到期 %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Changes of this follow-up</source>
        <translation>这条回访的变更</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>谁</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seat</source>
        <translation>席位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>做了什么</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>When two seats change it at once, the latest change wins; every change is kept here.</source>
        <translation>两个席位同时更改时，以最新的更改为准；每一次更改都保留在这里。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawn</source>
        <translation>撤回</translation>
    </message>
</context>
<context>
    <name>FollowUpQueue</name>
    <message>
        <location filename="../../ui/followup_queue.py" line="+40"/>
        <source>Follow-ups due</source>
        <translation>到期随访</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+17"/>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+17"/>
        <location line="+9"/>
        <source>Case code</source>
        <translation>个案编号</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+17"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+17"/>
        <source>What to do</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>History…</source>
        <translation>变更记录…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Seat</source>
        <translation>席位</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mark done…</source>
        <translation>标记为已完成…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open referrals</source>
        <translation>未完结的转介</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Referred to</source>
        <translation>转介至</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set status</source>
        <translation>更新状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open follow-ups (overdue first, then those due within 12 hours)</source>
        <translation>待完成的随访（已逾期的在前，其次是 12 小时内到期的）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Referrals still open</source>
        <translation>尚未完结的转介</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>lead on shift</source>
        <translation>当班班长</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+50"/>
        <source>OVERDUE</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Follow-up done</source>
        <translation>完成随访</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What came of it?</source>
        <translation>随访结果如何？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Follow-up</source>
        <translation>随访</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Referral</source>
        <translation>转介</translation>
    </message>
</context>
<context>
    <name>GuardedNotes</name>
    <message>
        <location filename="../../ui/widgets/guarded_text.py" line="+201"/>
        <source>Hide as an identifier</source>
        <translation>作为身份信息隐藏</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Notes of the call. Numbers, accounts, full names and addresses are hidden when you save; select anything else and press Ctrl+Shift+H to hide it too.</source>
        <translation>本次来电的记录。号码、账号、全名和地址在保存时会被隐藏；其他需要隐藏的内容可选中后按 Ctrl+Shift+H。</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>(%n possible, shown dashed: you may un-tick them on save)</source>
        <translation>
            <numerusform>（其中 %n 处为可能项，以虚线标出：保存时可取消勾选）</numerusform>
        </translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Will be hidden on save: %1</source>
        <translation>保存时将隐藏：%1</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../ui/handover_dialog.py" line="+62"/>
        <source>Handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Shift</source>
        <translation>班次(&amp;S)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Working</source>
        <translation>工作中</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Summary size</source>
        <translation>摘要大小</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Preview of the handover summary</source>
        <translation>交接班摘要预览</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Save P&amp;DF…</source>
        <translation>保存 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Make this seat&apos;s own summary instead</source>
        <translation>改为生成本席位自己的交班摘要</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>There is no shift on this seat yet: nothing to hand over.</source>
        <translation>此席位还没有任何班次：没有需要交接的内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Asking the centre…</source>
        <translation>正在询问中心…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The centre cannot be reached, so the centre&apos;s handover cannot be made now. This seat&apos;s own summary can be printed instead: it holds this seat&apos;s calls only.</source>
        <translation>无法连接中心，现在不能生成全中心的交班摘要。可以改为打印本席位自己的交班摘要：其中只有本席位的通话。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The centre&apos;s handover could not be made.</source>
        <translation>未能生成全中心的交班摘要。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This seat&apos;s own summary, not the centre&apos;s: it holds this seat&apos;s calls only.</source>
        <translation>这是本席位自己的交班摘要，不是全中心的：其中只有本席位的通话。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>automatic shift</source>
        <translation>自动班次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Preparing the summary…</source>
        <translation>正在生成摘要…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The summary could not be prepared.</source>
        <translation>无法生成摘要。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The summary could not be shown.</source>
        <translation>无法显示摘要。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n 个来电</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n 页</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save handover summary</source>
        <translation>保存交接班摘要</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Saving to %1…</source>
        <translation>正在保存到 %1…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The summary was not saved.</source>
        <translation>摘要未保存。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Print handover summary</source>
        <translation>打印交接班摘要</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Handover summary</source>
        <translation>交接班摘要</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The chosen pages are not in the summary (pages 1–%1).</source>
        <translation>所选页码不在摘要范围内（第 1–%1 页）。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Sent %n page(s) to the printer.</source>
        <translation>
            <numerusform>已向打印机发送 %n 页。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file %1 could not be written: check that its folder exists and can be written to.</source>
        <translation>无法写入文件 %1：请检查其所在文件夹是否存在且可写。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The printer did not take the summary: check that it is switched on and connected, or choose another printer.</source>
        <translation>打印机未能接收摘要：请检查打印机是否开机并已连接，或选择其他打印机。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was recorded as printed.</source>
        <translation>未记录为已打印。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The summary was printed, but the audit log could not record it.</source>
        <translation>摘要已打印，但审计日志未能记录此次打印。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The summary was not printed.</source>
        <translation>摘要未打印。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Something went wrong (%1).</source>
        <translation>出现了问题（%1）。</translation>
    </message>
</context>
<context>
    <name>HandoverNoteDialog</name>
    <message>
        <location filename="../../ui/shift_dialog.py" line="+124"/>
        <location line="+6"/>
        <source>Handover note</source>
        <translation>交接说明</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>What the next shift must know. Phone numbers, ID numbers and accounts are hidden on saving.</source>
        <translation>下一班需要知道的事项。保存时会隐去电话号码、身份证号和账号。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For example: calls to follow up, open referrals, the line.</source>
        <translation>例如：需要回访的来电、未完成的转介、线路情况。</translation>
    </message>
</context>
<context>
    <name>HandoverScope</name>
    <message>
        <location filename="../../ui/center_handover.py" line="-56"/>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Today, every seat of the line</source>
        <translation>今天，全线所有席位</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../ui/help_overlay.py" line="+24"/>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lists</source>
        <translation>列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seat</source>
        <translation>席位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next / previous field, in the order of the form</source>
        <translation>下一个 / 上一个字段，按表单顺序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the concern search: tick the best match</source>
        <translation>在来电问题搜索中：勾选最匹配的一项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick a box or press the button that has the focus</source>
        <translation>勾选复选框，或按下当前焦点所在的按钮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose in a list; in the call list, Enter opens the call</source>
        <translation>在列表中选择；在通话记录中按 Enter 打开该来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next / previous tab</source>
        <translation>下一个 / 上一个标签页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With the underlined letter: that button or menu</source>
        <translation>配合带下划线的字母：对应的按钮或菜单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In a text field: hide the selected text as an identifier on save</source>
        <translation>在文本框中：保存时把选中的文字作为身份信息隐藏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close a dialog (and this help)</source>
        <translation>关闭对话框（包括本帮助）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Keyboard help</source>
        <translation>键盘帮助</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything can be done from the keyboard. These keys work anywhere in the window:</source>
        <translation>所有操作都可以用键盘完成。以下按键在窗口中任何位置都有效：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What</source>
        <translation>功能</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(after log-in)</source>
        <translation>（登录后）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In forms and lists</source>
        <translation>在表单和列表中</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>IdentifierHighlighter</name>
    <message>
        <location filename="../../ui/widgets/guarded_text.py" line="-100"/>
        <source>Possible %1: hidden on save unless you un-tick it</source>
        <translation>可能是%1：保存时会隐藏，除非您取消勾选</translation>
    </message>
</context>
<context>
    <name>KeywordTags</name>
    <message>
        <location filename="../../ui/widgets/keywords.py" line="+16"/>
        <source>Add a keyword and press Enter</source>
        <translation>输入关键词后按回车</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keywords (Delete removes the selected one)</source>
        <translation>关键词（按 Delete 删除选中项）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From the notes:</source>
        <translation>记录中提到：</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Add keyword %1</source>
        <translation>添加关键词“%1”</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <location filename="../../ui/login.py" line="+39"/>
        <source>Hotline Log</source>
        <translation>热线记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+18"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+81"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Switch counselor</source>
        <translation>切换咨询员</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace this seat with a backup (the current seat is kept aside)</source>
        <translation>用备份替换本席位（当前席位会另外保留）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forgot the admin password…</source>
        <translation>忘记管理员密码…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give an admin a new password with the seat&apos;s recovery code</source>
        <translation>凭本席位的恢复码为管理员设置新密码</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>DEMO SEAT — sample calls only. Demo passwords:</source>
        <translation>演示席位——仅含示例通话。演示密码：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Seat: %1</source>
        <translation>席位：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Locked. The call on screen is hidden and its draft is kept.</source>
        <translation>已锁定。屏幕上的通话已隐藏，草稿已保留。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Log in to the seat as it is now.</source>
        <translation>请登录现在的席位。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose your account. The previous counselor&apos;s draft stays theirs.</source>
        <translation>请选择您的账号。上一位咨询员的草稿仍归其本人所有。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose your account first.</source>
        <translation>请先选择你的账号。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unlocking…</source>
        <translation>正在解锁…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Updating the database for this version of Hotline Log. On a seat with many calls this can take a few minutes; please keep the program open.</source>
        <translation>正在为此版本的热线记录更新数据库。来电记录较多的席位可能需要几分钟，请不要关闭程序。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>You can try again now.</source>
        <translation>现在可以重试了。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>失败次数过多，请 %n 秒后重试。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+98"/>
        <source>Hotline Log</source>
        <translation>热线记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DEMO</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>No system keyring: this seat is not bound to this computer.</source>
        <translation>没有系统密钥环：本席位未与这台电脑绑定。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Start call</source>
        <translation>开始通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End call</source>
        <translation>结束通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New call</source>
        <translation>新建通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find calls</source>
        <translation>查找通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard help</source>
        <translation>键盘帮助</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Log a call of this kind at once</source>
        <translation>一键记录此类来电</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Referral directory…</source>
        <translation>转介资源目录…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Statistics…</source>
        <translation>统计…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shift…</source>
        <translation>班次…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handover…</source>
        <translation>交接班…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import calls…</source>
        <translation>导入来电记录…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back up…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accounts…</source>
        <translation>账户…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line board…</source>
        <translation>值班看板…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Seat</source>
        <translation>席位(&amp;S)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message numerus="yes">
        <location line="+162"/>
        <source>Follow-ups: %n due</source>
        <translation>
            <numerusform>随访：%n 项到期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> (%n of them overdue)</source>
        <translation>
            <numerusform>（其中 %n 项逾期）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+160"/>
        <location line="+20"/>
        <source>Unsaved call</source>
        <translation>未保存的通话</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>The call on screen is not saved. It is kept as a draft for your next log-in. Log out?</source>
        <translation>屏幕上的通话尚未保存，会作为草稿留到你下次登录。要注销吗？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Logged out. The call on screen, if any, is kept as your draft.</source>
        <translation>已注销。屏幕上如有通话，已作为你的草稿保存。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The call on screen is not saved. It is kept as a draft for your next log-in. Close?</source>
        <translation>屏幕上的通话尚未保存，将作为草稿保留到您下次登录。确定关闭吗？</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <location filename="../../ui/shift_dialog.py" line="-64"/>
        <location line="+47"/>
        <source>Open a shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location line="-45"/>
        <location line="+11"/>
        <source>Counselors on duty</source>
        <translation>值班咨询员</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>Planned end</source>
        <translation>计划结束时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seat time. A shift is planned for at most 24 hours.</source>
        <translation>席位时间。一个班次最长计划 24 小时。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <location filename="../../ui/account_forms.py" line="+140"/>
        <source>Enable an account</source>
        <translation>启用账户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set a password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 can log in again with a new password. Tell it to them yourself.</source>
        <translation>%1 可以用新密码再次登录。请当面告诉本人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The new password of %1 replaces the old one at once. Tell it to them yourself; they can change it after logging in.</source>
        <translation>%1 的新密码立即取代旧密码。请当面告诉本人；对方登录后可以自行修改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;New password (8 or more characters)</source>
        <translation>新密码(&amp;N)（至少 8 个字符）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;peat the password</source>
        <translation>再次输入密码(&amp;P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 was enabled with a new password.</source>
        <translation>%1 已用新密码启用。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 has a new password.</source>
        <translation>%1 的密码已更新。</translation>
    </message>
</context>
<context>
    <name>RecoverAdminDialog</name>
    <message>
        <location filename="../../ui/seat_care_dialogs.py" line="+263"/>
        <source>Forgot the admin password</source>
        <translation>忘记管理员密码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set the new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With the seat&apos;s recovery code (on the sheet printed at the set-up), an admin account gets a new password on this computer. The other accounts keep their passwords, unless those were made on another computer.</source>
        <translation>凭本席位的恢复码（设置席位时打印的那张纸上），可以在这台电脑上为一个管理员账户设置新密码。其他账户的密码不变，除非它们是在另一台电脑上设置的。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Admin staff code</source>
        <translation>管理员工号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recovery code</source>
        <translation>恢复码(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin &amp;staff code</source>
        <translation>管理员工号(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New password (8 or more characters)</source>
        <translation>新密码(&amp;N)（至少 8 个字符）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;peat new password</source>
        <translation>再次输入新密码(&amp;P)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type the recovery code from the printed sheet.</source>
        <translation>请按打印的纸输入恢复码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Setting the new password…</source>
        <translation>正在设置新密码…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrong recovery code: check it against the printed sheet (24 characters in groups of 4).</source>
        <translation>恢复码不对：请对照打印的纸核对（24 个字符，每 4 个一组）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not an admin account of this seat.</source>
        <translation>%1 不是本席位的管理员账户。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No password was changed.</source>
        <translation>没有修改任何密码。</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <location filename="../../ui/start.py" line="+101"/>
        <location line="+13"/>
        <location line="+35"/>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>This is the seat&apos;s recovery code. It is shown only now. With it, a backup opens on another computer and lost admin passwords can be replaced. Print it and lock it away.</source>
        <translation>这是本席位的恢复码，只显示这一次。凭它可以在另一台电脑上打开备份，也可以重设遗失的管理员密码。请打印出来并锁好保管。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I have kept it</source>
        <translation>我已妥善保管</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Hotline Log — recovery code of seat %1</source>
        <translation>热线记录——席位 %1 的恢复码</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The code will not be shown again. Have you printed or written it down?</source>
        <translation>恢复码不会再次显示。您已打印或抄下了吗？</translation>
    </message>
</context>
<context>
    <name>RedactionDialog</name>
    <message>
        <location filename="../../ui/redaction_dialog.py" line="+67"/>
        <source>Hide identifiers before saving</source>
        <translation>保存前隐藏身份信息</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for the risk level</source>
        <translation>风险等级的理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up note</source>
        <translation>随访说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety plan</source>
        <translation>安全计划</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What will be hidden, field by field</source>
        <translation>各栏将被隐藏的内容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The field as typed: select text to hide it</source>
        <translation>所输入的原文：选中文字即可隐藏</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hide the selected text (Ctrl+Shift+H)</source>
        <translation>隐藏选中的文字（Ctrl+Shift+H）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every field as it will be stored</source>
        <translation>各栏保存后的内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide and save</source>
        <translation>隐藏并保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the call</source>
        <translation>返回通话</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The field as typed:</source>
        <translation>所输入的原文：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>As it will be stored:</source>
        <translation>保存后的内容：</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>These will be replaced by a placeholder naming their kind: %1</source>
        <translation>以下内容将被替换为标明类别的占位符：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Un-tick a possible name or address that is not one; select any other text below to hide it.</source>
        <translation>如果“可能的姓名或地址”其实不是，请取消勾选；其他需要隐藏的文字可在下方选中后隐藏。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>possible %1</source>
        <translation>可能的%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+28"/>
        <source>Hidden on save</source>
        <translation>保存时隐藏</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+28"/>
        <source>Kept as typed</source>
        <translation>按原文保留</translation>
    </message>
</context>
<context>
    <name>ReferralPanel</name>
    <message>
        <location filename="../../ui/referral_panel.py" line="+54"/>
        <source>Referrals of this call</source>
        <translation>本次通话的转介</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Directory entry</source>
        <translation>目录条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>— by kind only —</source>
        <translation>— 仅按类型 —</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Referral kind</source>
        <translation>转介类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Urgency:</source>
        <translation>紧急程度(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add referral</source>
        <translation>添加转介</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Remove the selected referral</source>
        <translation>删除所选转介</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow-ups of this call</source>
        <translation>本次通话的随访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the lead on shift</source>
        <translation>当班班长</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What to do (no names or numbers)</source>
        <translation>待办事项（勿写姓名或号码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up note</source>
        <translation>随访说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add follow-up</source>
        <translation>添加随访</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected follow-up</source>
        <translation>删除所选回访</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Follow-ups</source>
        <translation>随访</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Phone: %1</source>
        <translation>电话：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours: %1</source>
        <translation>服务时间：%1</translation>
    </message>
</context>
<context>
    <name>RenameForm</name>
    <message>
        <location filename="../../ui/account_forms.py" line="-71"/>
        <source>Rename an account</source>
        <translation>账户改名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The name shown for %1 in lists, on the log-in page and in handovers.</source>
        <translation>%1 在列表、登录页和交接班摘要中显示的名字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is now called %2.</source>
        <translation>%1 已改名为 %2。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/seat_care_dialogs.py" line="-141"/>
        <source>Restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Backup of the seat “%1”, made on %2 (seat time), from the file %3.</source>
        <translation>席位“%1”的备份，制作于 %2（席位时间），文件：%3。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>With a staff code and password of that seat (on its own computer)</source>
        <translation>用该席位的工号和密码（在它原来的电脑上）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With the seat&apos;s recovery code (on any computer)</source>
        <translation>用该席位的恢复码（在任何电脑上）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the backup with a staff code and password</source>
        <translation>用工号和密码打开备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the backup with the recovery code</source>
        <translation>用恢复码打开备份</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Admin staff code</source>
        <translation>管理员工号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Admin &amp;staff code</source>
        <translation>管理员工号(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Recovery code</source>
        <translation>恢复码(&amp;R)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Type the staff code and password of an admin of the backed-up seat.</source>
        <translation>请输入被备份席位的一位管理员的工号和密码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the recovery code from the printed sheet.</source>
        <translation>请按打印的纸输入恢复码。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Checking and restoring the backup… this can take a minute.</source>
        <translation>正在检查并恢复备份…可能需要一分钟。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrong recovery code: check it against the printed sheet (24 characters in groups of 4).</source>
        <translation>恢复码不对：请对照打印的纸核对（24 个字符，每 4 个一组）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was restored: the seat on this computer is as it was.</source>
        <translation>没有恢复任何内容：这台电脑上的席位保持原样。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The backup may be only partly in place. The seat it replaced is kept in %1.</source>
        <translation>备份可能只恢复了一部分。被替换的席位保留在 %1。</translation>
    </message>
</context>
<context>
    <name>RetentionRunner</name>
    <message numerus="yes">
        <location filename="../../ui/retention_runner.py" line="+89"/>
        <source>The free text of %n call(s) past the retention period was shredded.</source>
        <translation>
            <numerusform>已粉碎 %n 条超过保存期限的来电的文字内容。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Old call text could not be shredded this time; it is tried again at the next log-in and daily.</source>
        <translation>这次未能粉碎过期来电的文字内容；下次登录时和每天都会再试。</translation>
    </message>
</context>
<context>
    <name>RiskPanel</name>
    <message>
        <location filename="../../ui/risk_panel.py" line="+44"/>
        <source>Computed risk level</source>
        <translation>系统计算的风险等级</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>not asked</source>
        <translation>未询问</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Counselor&apos;s level</source>
        <translation>咨询员评定的等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep the computed level</source>
        <translation>沿用系统计算的等级</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why the level differs (required)</source>
        <translation>调整等级的原因（必填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for the different level</source>
        <translation>调整等级的原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counselor&apos;s judgement:</source>
        <translation>咨询员判断：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>(computed: %1)</source>
        <translation>（系统计算：%1）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Because: %1</source>
        <translation>依据：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The notes mention %1. Please assess the suicide risk now.</source>
        <translation>记录中提到“%1”，请立即评估自杀风险。</translation>
    </message>
</context>
<context>
    <name>RoleForm</name>
    <message>
        <location filename="../../ui/account_forms.py" line="+11"/>
        <source>Change a role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What %1 may do at this seat.</source>
        <translation>%1 在本席位可以做什么。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is your own account: a new role applies from your next log-in.</source>
        <translation>这是您自己的账户：新角色从下次登录起生效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is now: %2.</source>
        <translation>%1 现在是：%2。</translation>
    </message>
</context>
<context>
    <name>SafetyPlanEditor</name>
    <message>
        <location filename="../../ui/safety_plan.py" line="+16"/>
        <source>1. Warning signs</source>
        <translation>1. 预警信号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2. What I can do on my own to cope</source>
        <translation>2. 自我应对方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3. People and places that distract me</source>
        <translation>3. 能转移注意力的人和场所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4. People I can ask for help</source>
        <translation>4. 可以求助的人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5. Professionals and services to contact</source>
        <translation>5. 可联系的专业人员和机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6. Making my surroundings safe</source>
        <translation>6. 让周围环境更安全</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agreed with the caller, in their words. No names or numbers: they are hidden.</source>
        <translation>与来电者共同商定，尽量用其原话记录。请勿填写姓名或号码，否则会被隐藏。</translation>
    </message>
</context>
<context>
    <name>SeatAlarm</name>
    <message>
        <location filename="../../ui/seat_alarm.py" line="+35"/>
        <source>This seat&apos;s database is damaged</source>
        <translation>本席位的数据库已损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database %1 failed its integrity check.</source>
        <translation>数据库 %1 未通过完整性检查。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No backup is recorded on this seat.</source>
        <translation>本席位没有备份记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The last backup recorded here is “%1”, made %2.</source>
        <translation>这里记录的最近一次备份是 %2 的“%1”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the admin to run “python main.py verify” and then to restore the last backup of this seat.</source>
        <translation>请管理员运行“python main.py verify”，然后恢复本席位最近的备份。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This seat&apos;s database files were changed under the program</source>
        <translation>程序运行期间，本席位的数据库文件被改动了</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database %1 or its write-ahead log was removed or replaced while Hotline Log was running.</source>
        <translation>热线记录运行期间，数据库 %1 或其预写日志被删除或替换。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close Hotline Log and start it again; then ask the admin to run “python main.py verify”.</source>
        <translation>请关闭热线记录并重新打开，然后请管理员运行“python main.py verify”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing more is written to it: saving is refused.</source>
        <translation>不再向其写入任何内容：保存将被拒绝。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The call on screen is kept as an encrypted draft beside the database; the next log-in offers it back.</source>
        <translation>屏幕上的通话已作为加密草稿保存在数据库旁，下次登录时会提示恢复。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The call on screen could not be kept elsewhere either: leave this window open and call the admin.</source>
        <translation>屏幕上的通话也未能另行保存：请不要关闭此窗口，并联系管理员。</translation>
    </message>
</context>
<context>
    <name>SeatBackup</name>
    <message>
        <location filename="../../ui/seat_care.py" line="+59"/>
        <location line="+15"/>
        <source>Back up the seat</source>
        <translation>备份席位</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Hotline Log backups (*.hlbak);;All files (*)</source>
        <translation>热线记录备份 (*.hlbak);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Writing the backup of seat “%1”…</source>
        <translation>正在写入席位“%1”的备份…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The backup of seat “%1” is written to:</source>
        <translation>席位“%1”的备份已写入：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The audit log records it as entry %1.</source>
        <translation>审计日志第 %1 条记录了这次备份。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep the file away from this computer, locked away like the recovery code. It opens only with a password of this seat on this computer, or with the recovery code.</source>
        <translation>请把备份文件存放在这台电脑以外的地方，并像恢复码一样锁好保管。它只能在这台电脑上用本席位的密码打开，或者用恢复码打开。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Backup written</source>
        <translation>备份已写入</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The folder refused the file, or its disk is full. Choose another folder (a USB drive or another disk) or free some space, then back up again.</source>
        <translation>该文件夹拒绝写入，或磁盘已满。请换一个文件夹（U 盘或另一块磁盘），或腾出空间后再备份。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Something unexpected stopped it (%1); the log has the details.</source>
        <translation>发生了意外情况（%1）；详情见日志。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backup not written</source>
        <translation>备份未写入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup was not written. Nothing was lost: the seat and its calls are as they were.</source>
        <translation>备份未写入。没有丢失任何内容：席位及其通话保持原样。</translation>
    </message>
</context>
<context>
    <name>SeatCare</name>
    <message>
        <location line="+48"/>
        <source>Restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hotline Log backups (*.hlbak);;All files (*)</source>
        <translation>热线记录备份 (*.hlbak);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot restore this file</source>
        <translation>无法恢复此文件</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This file is a backup of the seat “%1”, made on %2 (seat time).</source>
        <translation>此文件是席位“%1”的备份，制作于 %2（席位时间）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restoring it replaces the seat on this computer (“%1”): its accounts, calls and drafts become those of the backup. The current seat is not deleted; it is moved to the folder:</source>
        <translation>恢复会替换这台电脑上的席位（“%1”）：账户、通话和草稿都将变成备份中的内容。当前席位不会被删除，而是移到以下文件夹：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replace the current seat with this backup?</source>
        <translation>用这份备份替换当前席位？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replace this seat?</source>
        <translation>替换本席位？</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The seat “%1” is restored from the backup.</source>
        <translation>席位“%1”已从备份恢复。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The seat it replaced is kept in %1.</source>
        <translation>被替换的席位保留在 %1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The passwords in the backup belong to another computer, so these accounts cannot log in here yet: %1.</source>
        <translation>备份中的密码属于另一台电脑，因此这些账户暂时不能在这里登录：%1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next, give an admin a new password with the recovery code (the form opens now); that admin then sets the other accounts&apos; passwords.</source>
        <translation>下一步：凭恢复码为一位管理员设置新密码（表单现在打开）；然后由这位管理员为其他账户设置密码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Log in with an account of the backup.</source>
        <translation>请用备份中的账户登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 has a new password on this computer. Log in with it.</source>
        <translation>%1 在这台电脑上有了新密码。请用它登录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These accounts cannot log in here until an admin gives them a new password: %1.</source>
        <translation>在管理员为以下账户设置新密码之前，它们不能在这里登录：%1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New admin password set</source>
        <translation>管理员新密码已设置</translation>
    </message>
</context>
<context>
    <name>SeatWorkDialog</name>
    <message>
        <location filename="../../ui/seat_care_dialogs.py" line="-167"/>
        <source>Working</source>
        <translation>正在处理</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Working… this can take a minute.</source>
        <translation>正在处理…可能需要一分钟。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>It failed (%1); the log has the details.</source>
        <translation>操作失败（%1）；详情见日志。</translation>
    </message>
</context>
<context>
    <name>SeatsModel</name>
    <message>
        <location filename="../../ui/center_board.py" line="-216"/>
        <source>Seat</source>
        <translation>席位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged in</source>
        <translation>登录者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On a call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls</source>
        <translation>通话数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk time</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High risk</source>
        <translation>高危</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due a break</source>
        <translation>该休息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue follow-ups</source>
        <translation>逾期回访</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>SILENT since %1</source>
        <translation>失联（自 %1 无消息）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline since %1</source>
        <translation>离线（自 %1 起）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No word from this seat since %1: call the site.</source>
        <translation>该席位自 %1 起没有消息：请联系该站点。</translation>
    </message>
</context>
<context>
    <name>SectionPanel</name>
    <message>
        <location filename="../../ui/charts.py" line="+221"/>
        <source>The chart shows the top %1 of %2 rows; the table shows them all.</source>
        <translation>图表显示 %2 项中的前 %1 项；表格列出全部。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="+42"/>
        <location line="+2"/>
        <location line="+194"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This seat</source>
        <translation>本席位</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+20"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Minutes before the screen locks</source>
        <translation>自动锁定前的分钟数</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+117"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="-116"/>
        <location line="+21"/>
        <source>Look</source>
        <translation>外观</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+6"/>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark, for night shifts</source>
        <translation>深色（适合夜班）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location line="-19"/>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The language changes at the next start.</source>
        <translation>界面语言在下次启动时生效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock after idle</source>
        <translation>闲置后锁定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The window locks itself after this many minutes without input.</source>
        <translation>无任何操作达到该分钟数后，窗口会自动锁定。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Light, dark (easier on the eyes at night) or as the system is set.</source>
        <translation>浅色、深色（夜间更护眼）或跟随系统设置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The size of all text in the program; it changes at once.</source>
        <translation>程序中所有文字的大小；立即生效。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The same for everyone who works on this seat; every change is audited.</source>
        <translation>对在本席位工作的所有人都一样；每次修改都记入审计日志。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minutes that count as a break</source>
        <translation>算作休息的分钟数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minutes of calls before a break is suggested</source>
        <translation>连续通话多少分钟后建议休息</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Suggest a break after</source>
        <translation>连续通话多久后建议休息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Of calls without a pause; a break is also suggested right after a high or imminent risk call.</source>
        <translation>指中间没有休息的连续通话；接完高危或紧急风险来电后也会立即建议休息。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A break is a pause of</source>
        <translation>多长的间隔算休息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A shorter pause between calls does not count as a break.</source>
        <translation>通话之间更短的间隔不算休息。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Minutes without input before the window locks during a call</source>
        <translation>通话中无操作多少分钟后锁屏</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lock during a call after</source>
        <translation>通话中锁屏时限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>While a call is running the idle lock waits, because a counselor may listen for a long time without typing; after this many quiet minutes it locks anyway. Ctrl+L always locks at once.</source>
        <translation>通话计时进行中，空闲锁屏会等待，因为咨询员可能长时间倾听而不打字；无操作达到这个分钟数后仍会锁屏。Ctrl+L 随时立即锁屏。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keep call text for this many days</source>
        <translation>来电文字内容保存天数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The free text of calls older than this is shredded; their codes stay for statistics. At least %1 days (3 years).</source>
        <translation>超过这个天数的来电，其文字内容将被粉碎；分类代码保留用于统计。至少 %1 天（3 年）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refuse to log in without the system keyring</source>
        <translation>没有系统密钥环时拒绝登录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Require the system keyring</source>
        <translation>要求系统密钥环</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Then a copied vault and database cannot be opened with a password alone. The keyring here is usable.</source>
        <translation>这样，被复制走的密钥库和数据库仅凭密码无法打开。这台电脑的密钥环可用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No usable system keyring on this computer (%1), so it cannot be required.</source>
        <translation>这台电脑没有可用的系统密钥环（%1），因此不能设为必需。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System keyring</source>
        <translation>系统密钥环</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no keyring backend is available</source>
        <translation>没有可用的密钥环后端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the keyring is switched off (null backend)</source>
        <translation>密钥环已关闭（null 后端）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the only keyring keeps secrets in a plain file</source>
        <translation>唯一的密钥环以明文文件保存机密</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Keep call text for</source>
        <translation>来电文字保存</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/start.py" line="-100"/>
        <source>Set up this seat</source>
        <translation>设置本席位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 12356-01</source>
        <translation>如：12356-01</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <source>Seat name</source>
        <translation>席位名称</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>Admin staff code</source>
        <translation>管理员工号</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>Admin name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Password (8 or more characters)</source>
        <translation>密码（至少 8 个字符）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <location filename="../../ui/shift_dialog.py" line="+69"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open shift…</source>
        <translation>开班…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handover note…</source>
        <translation>交接说明…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+169"/>
        <location line="+12"/>
        <location line="+16"/>
        <source>Close shift</source>
        <translation>结班</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>Counselor workload</source>
        <translation>咨询员工作量</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No calls in this shift yet.</source>
        <translation>本班次还没有来电。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workload this shift</source>
        <translation>本班工作量</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Handover note: %1</source>
        <translation>交接说明：%1</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>A break is suggested after %1 min of calls without a pause of %2 min, and right after a high or imminent risk call. Leads change this in Settings.</source>
        <translation>连续通话 %1 分钟且中间没有 %2 分钟的休息时，或接完高危、紧急风险来电后，会建议休息。班长可在“设置”中修改。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No shift is open: calls go to the automatic shift %1–%2.</source>
        <translation>当前没有开班：来电归入自动班次 %1–%2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lead: %1</source>
        <translation>班长：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since: %1</source>
        <translation>开始：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Planned end: %1</source>
        <translation>计划结束：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On duty: %1</source>
        <translation>值班：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Open a shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The shift is open.</source>
        <translation>已开班。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Handover note</source>
        <translation>交接说明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The handover note was saved.</source>
        <translation>交接说明已保存。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n identifier(s) hidden: %1.</source>
        <translation>
            <numerusform>已隐去 %n 处身份信息：%1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close the shift led by %1? Calls after this go to the automatic shift until the next is opened.</source>
        <translation>结束由 %1 带领的班次？之后的来电将归入自动班次，直到下一班开班。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The shift is closed.</source>
        <translation>已结班。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close the centre&apos;s shift led by %1 (opened at %2)?</source>
        <translation>关闭班长 %1 的中心班次（在%2开班）？</translation>
    </message>
</context>
<context>
    <name>ShiftStatus</name>
    <message>
        <location filename="../../ui/shift_status.py" line="+41"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your talk time and breaks</source>
        <translation>您的通话时长与休息</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Automatic shift %1–%2</source>
        <translation>自动班次 %1–%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shift: %1 since %2</source>
        <translation>班次：%1，%2 起</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No shift is open: calls go to the automatic shift of their time.</source>
        <translation>当前没有开班：来电按时间归入自动班次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On duty: %1</source>
        <translation>值班：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Talk time this shift: %1</source>
        <translation>本班通话：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Break suggested: %1</source>
        <translation>建议休息：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 since a break</source>
        <translation>距上次休息 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>on a break</source>
        <translation>休息中</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time for a short break when you can.</source>
        <translation>有空时请短暂休息一下。</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <location filename="../../ui/start.py" line="-147"/>
        <source>Hotline Log</source>
        <translation>热线记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No seat is set up in %1 yet. Set up this seat for real work, restore a seat from its backup (on a new computer), or try a demo seat with sample calls (kept in a separate folder).</source>
        <translation>%1 中还没有设置席位。可以设置本席位用于正式值班，从备份恢复席位（在新电脑上），或试用带示例通话的演示席位（存放在单独的文件夹中）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set up this seat…</source>
        <translation>设置本席位…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put a seat back from its backup file, for example on a new computer</source>
        <translation>从备份文件恢复一个席位，例如在新电脑上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the demo seat</source>
        <translation>打开演示席位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try a demo seat</source>
        <translation>试用演示席位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message>
        <location filename="../../ui/stats_view.py" line="+58"/>
        <source>Total talk time</source>
        <translation>通话总时长</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+138"/>
        <source>Talk time (min)</source>
        <translation>通话时长（分钟）</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mean (min)</source>
        <translation>平均（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Median (min)</source>
        <translation>中位数（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>90th percentile</source>
        <translation>90% 分位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>90th percentile (min)</source>
        <translation>90% 分位（分钟）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Calls by kind</source>
        <translation>来电类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concerns by group</source>
        <translation>主要困扰（类别）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concerns by item</source>
        <translation>主要困扰（具体）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Emotions</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Age bands</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>Regions</source>
        <translation>地区</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+11"/>
        <source>Risk levels</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Crisis actions</source>
        <translation>危机处置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referrals</source>
        <translation>转介</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kinds</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concerns</source>
        <translation>困扰</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Age and gender</source>
        <translation>年龄与性别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Crisis actions and referrals</source>
        <translation>危机处置与转介</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This shift</source>
        <translation>本班</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+14"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Monthly report PDF…</source>
        <translation>月度报告 PDF…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+11"/>
        <location line="+21"/>
        <location line="+14"/>
        <source>Calls</source>
        <translation>来电</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+23"/>
        <location line="+12"/>
        <source>Share of calls</source>
        <translation>占来电比例</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+5"/>
        <location line="+150"/>
        <source>Calls per day</source>
        <translation>每日来电</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls by weekday and hour</source>
        <translation>按星期和时段的来电</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calls by weekday and hour of the day (seat time)</source>
        <translation>按星期和钟点的来电（席位时间）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weekday × hour</source>
        <translation>星期 × 时段</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Figure</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Talk time covers the calls with an end time.</source>
        <translation>通话时长只计算有结束时间的来电。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk time</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seat</source>
        <translation>席位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls by seat</source>
        <translation>各席位来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seats</source>
        <translation>各席位</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The start date is after the end date: choose a start on or before the end.</source>
        <translation>开始日期晚于结束日期：请选择不晚于结束日期的开始日期。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The centre cannot be reached now, so its statistics cannot be counted; this seat&apos;s own are under This seat.</source>
        <translation>现在连不上中心，无法统计全中心；本席位的统计请点“本席位”。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export statistics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Written to %1.</source>
        <translation>已写入 %1。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was exported.</source>
        <translation>没有导出任何内容。</translation>
    </message>
</context>
<context>
    <name>SupervisionDialog</name>
    <message>
        <location filename="../../ui/supervision_dialog.py" line="+29"/>
        <source>Supervision notes: call %1</source>
        <translation>督导记录：来电 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Supervision notes</source>
        <translation>督导记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New supervision note</source>
        <translation>新督导记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A note for supervision. Phone numbers, ID numbers and accounts are hidden on saving.</source>
        <translation>督导记录。保存时会隐去电话号码、身份证号和账号。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add note</source>
        <translation>添加记录</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>This call is flagged for supervision.</source>
        <translation>此来电已标记为需督导。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This call is not flagged.</source>
        <translation>此来电未标记。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No supervision notes yet.</source>
        <translation>尚无督导记录。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The note was saved.</source>
        <translation>记录已保存。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n identifier(s) hidden: %1.</source>
        <translation>
            <numerusform>已隐去 %n 处身份信息：%1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkPage</name>
    <message>
        <location filename="../../ui/work_page.py" line="+73"/>
        <source>Current call</source>
        <translation>当前通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-ups and referrals</source>
        <translation>随访与转介</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Call started.</source>
        <translation>通话已开始。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Call ended.</source>
        <translation>通话已结束。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New call</source>
        <translation>新建通话</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Discard the call on screen and start a new one?</source>
        <translation>放弃屏幕上的通话并新建一通吗？</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No risk assessment</source>
        <translation>未做风险评估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The notes mention suicide, but the risk assessment is empty. Save without an assessment?</source>
        <translation>记录中提到自杀，但风险评估为空。不做评估直接保存吗？</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Not saved</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Call saved (%1).</source>
        <translation>通话已保存（%1）。</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Discard your changes to this saved call and start a new one? The call stays as it was saved.</source>
        <translation>放弃对这通已保存通话的修改并开始新通话吗？这通通话保持保存时的内容，不会丢失。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The saved call was closed; nothing was changed.</source>
        <translation>已关闭这通已保存的通话，内容没有任何改动。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The call on screen is kept as an encrypted draft beside the database; the next log-in offers it back.</source>
        <translation>屏幕上的通话已作为加密草稿保存在数据库旁，下次登录时会提示恢复。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Quick log</source>
        <translation>快速登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log a new %1 call and clear what is on screen? (It stays as your draft until then.)</source>
        <translation>要新登记一通“%1”并清空屏幕上的内容吗？（在此之前它仍保存为您的草稿。）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Logged: %1.</source>
        <translation>已记录：%1。</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+13"/>
        <source>Legal hold</source>
        <translation>法律保留</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Lift the legal hold on call %1? Its free text is then shredded once it is past the retention period.</source>
        <translation>解除来电 %1 的法律保留？之后一旦超过保存期限，其文字内容将被粉碎。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Call %1 is under legal hold.</source>
        <translation>来电 %1 已设为法律保留。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The legal hold on call %1 was lifted.</source>
        <translation>已解除来电 %1 的法律保留。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+13"/>
        <source>Supervision</source>
        <translation>督导</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Call %1 is flagged for supervision.</source>
        <translation>来电 %1 已标记为需督导。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The supervision flag on call %1 was removed.</source>
        <translation>已取消来电 %1 的督导标记。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The shift is closed.</source>
        <translation>已结班。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close shift</source>
        <translation>结班</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The shift is closed. Print the handover summary for the next lead now?</source>
        <translation>已结班。现在为下一班班长打印交接班摘要吗？</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save or clear the call on screen first.</source>
        <translation>请先保存或清空屏幕上的通话。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Amendment saved.</source>
        <translation>补充记录已保存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amendment</source>
        <translation>补充记录</translation>
    </message>
</context>
<context>
    <name>WorkloadModel</name>
    <message>
        <location filename="../../ui/workload.py" line="+45"/>
        <source>Counselor</source>
        <translation>咨询员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls</source>
        <translation>来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk time</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest run</source>
        <translation>最长连续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High-risk calls</source>
        <translation>高危来电</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since last break</source>
        <translation>距上次休息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Break</source>
        <translation>休息</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The longest stretch of calls this shift with no break between them</source>
        <translation>本班中两次休息之间最长的连续接听时长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How long the counselor has been taking calls since their last break</source>
        <translation>咨询员自上次休息以来连续接听的时长</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>on a break</source>
        <translation>休息中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Due: %1</source>
        <translation>需休息：%1</translation>
    </message>
</context>
<context>
    <name>accounts</name>
    <message>
        <location filename="../../ui/accounts_model.py" line="-86"/>
        <source>Counselor</source>
        <translation>咨询员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift lead</source>
        <translation>班长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Counselors see their own calls and the current shift&apos;s. Shift leads see all calls, run shifts and print handovers. Admins also manage accounts, the referral directory and backups.</source>
        <translation>咨询员可以看到自己的通话和本班次的通话。班长可以看到所有通话，管理班次并打印交接班摘要。管理员还管理账户、转介资源目录和备份。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="+40"/>
        <location line="+48"/>
        <location line="+53"/>
        <location line="+32"/>
        <source>Hotline Log</source>
        <translation>热线记录</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>A restore of a backup was interrupted (the program was stopped part-way). It was finished now.</source>
        <translation>上次从备份恢复时程序中途被终止。现已完成这次恢复。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A restore of a backup was interrupted (the program was stopped part-way) and could not be finished, so it was undone: the seat is as it was before. Restore the backup again if it is still wanted.</source>
        <translation>上次从备份恢复时程序中途被终止，且无法完成，因此已撤销：席位恢复为恢复前的状态。如仍需要，请重新从备份恢复。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Making the demo seat with its sample calls…</source>
        <translation>正在创建演示席位及示例通话…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/error_texts.py" line="+25"/>
        <source>There is no account {account} on this seat.</source>
        <translation>本席位没有账户 {account}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An account {account} already exists.</source>
        <translation>账户 {account} 已经存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{account} is the last active admin and cannot be disabled; make another admin first.</source>
        <translation>{account} 是最后一个在用的管理员，不能停用；请先设置另一位管理员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{account} is the last active admin; make another admin before changing this role.</source>
        <translation>{account} 是最后一个在用的管理员；更改其角色前，请先设置另一位管理员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{account} is disabled; enable it with a new password instead.</source>
        <translation>{account} 已停用；请改为用新密码启用它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The seat was opened with the recovery code; log in with your account first.</source>
        <translation>本席位是用恢复码打开的；请先用您自己的账户登录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only an admin may see which accounts need a password.</source>
        <translation>只有管理员可以查看哪些账户需要设置密码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{account} is not an admin account of this seat.</source>
        <translation>{account} 不是本席位的管理员账户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A staff code has 1–16 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, and starts with a letter or digit.</source>
        <translation>工号由 1–16 个字母、数字、“.”、“_”或“-”组成，须以字母或数字开头。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A name must be 1–60 characters without control characters.</source>
        <translation>名称须为 1–60 个字符，且不含控制字符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A password must have at least {minimum} characters.</source>
        <translation>密码至少 {minimum} 个字符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown role {role}.</source>
        <translation>未知角色 {role}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your role ({role}) does not allow this.</source>
        <translation>您的角色（{role}）无权进行此操作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only an admin may accept the seat&apos;s files as they are; nothing was changed.</source>
        <translation>只有管理员可以按现状接受本席位的文件；未做任何更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A seat already exists in {folder}; nothing was changed.</source>
        <translation>{folder} 中已经有一个席位；未做任何更改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No seat is set up in {folder}.</source>
        <translation>{folder} 中还没有设置席位。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database key must be 32 bytes (64 hexadecimal characters).</source>
        <translation>数据库密钥必须是 32 字节（64 个十六进制字符）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file} is not a Hotline Log backup (or it is damaged).</source>
        <translation>{file} 不是热线记录的备份（或已损坏）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file} is a folder; give the backup a file name.</source>
        <translation>{file} 是一个文件夹；请为备份指定文件名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file} was written by a newer Hotline Log; install that version to restore it.</source>
        <translation>{file} 是由更新版本的热线记录写入的；请安装该版本后再恢复。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The backup {file} is damaged; nothing was restored from it.</source>
        <translation>备份 {file} 已损坏，没有从中恢复任何内容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup file {file} does not exist.</source>
        <translation>备份文件 {file} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restoring needs a staff code and password of the backed-up seat, or its recovery code.</source>
        <translation>恢复需要被备份席位的工号和密码，或其恢复码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A seat already exists in {folder}; confirm replacing it (it will be kept in {kept}).</source>
        <translation>{folder} 中已经有一个席位；请确认替换它（原席位将保存在 {kept}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only an admin of the backed-up seat may restore it; use an admin&apos;s staff code and password, or the recovery code.</source>
        <translation>只有被备份席位的管理员可以恢复它；请使用管理员的工号和密码，或恢复码。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The call cannot be saved yet:</source>
        <translation>这通通话还不能保存：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the call kind.</source>
        <translation>请选择来电类型。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown code {value}.</source>
        <translation>未知代码 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The call has no start time: press Start call (F2) or enter the time.</source>
        <translation>通话没有开始时间：请按“开始通话”(F2) 或填写时间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The call ends before it starts: correct the end time.</source>
        <translation>结束时间早于开始时间：请更正结束时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A case code has six characters from 2–9 and A–Z, written as XXX-XXX.</source>
        <translation>个案编号由六个字符（2–9 和 A–Z）组成，写作 XXX-XXX。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notes are limited to {limit} characters; shorten them.</source>
        <translation>记录最多 {limit} 字，请精简。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The summary is limited to {limit} characters.</source>
        <translation>摘要最多 {limit} 字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The city is limited to {limit} characters.</source>
        <translation>城市最多 {limit} 个字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most {count} keywords of up to {limit} characters.</source>
        <translation>最多 {count} 个关键词，每个不超过 {limit} 个字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no call {call}.</source>
        <translation>没有编号为 {call} 的通话。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counselors can open their own calls and those of the current shift only.</source>
        <translation>咨询员只能打开自己的通话和本班次的通话。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This call can no longer be edited (24 hours have passed, or it is not yours); add an amendment.</source>
        <translation>这通通话已不能修改（已超过 24 小时，或不是您的通话），请添加补充记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The amendment is empty.</source>
        <translation>补充记录为空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An amendment is limited to {limit} characters.</source>
        <translation>补充记录最多 {limit} 字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The risk assessment is not valid.</source>
        <translation>风险评估的内容无效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown risk level.</source>
        <translation>未知的风险等级。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a reason for changing the computed risk level.</source>
        <translation>更改计算出的风险等级时，请填写理由。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown crisis action.</source>
        <translation>未知的危机处置措施。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown crisis outcome.</source>
        <translation>未知的危机处置结果。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A crisis action is timed before the call started: correct its time.</source>
        <translation>有一项危机处置的时间早于通话开始：请更正时间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An imminent-risk call needs at least one crisis action with its outcome before saving.</source>
        <translation>紧急风险的通话在保存前，至少需要记录一项危机处置及其结果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A referral has an unknown kind, urgency or status.</source>
        <translation>有一项转介的类型、紧急程度或状态未知。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown referral status.</source>
        <translation>未知的转介状态。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the call&apos;s counselor or a lead can change this referral.</source>
        <translation>只有该通话的咨询员或班长可以更改这项转介。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no such referral.</source>
        <translation>没有这项转介。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A follow-up is owned by someone who has no account here.</source>
        <translation>有一项随访的负责人在本席位没有账户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A follow-up note is limited to {limit} characters.</source>
        <translation>随访说明最多 {limit} 字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say what came of the follow-up.</source>
        <translation>请填写随访的结果。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the follow-up&apos;s owner, the call&apos;s counselor or a lead can close it.</source>
        <translation>只有随访负责人、该通话的咨询员或班长可以关闭这项随访。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This follow-up is already done or does not exist.</source>
        <translation>这项随访已经完成或不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each safety-plan section is limited to {limit} characters.</source>
        <translation>安全计划每一项最多 {limit} 字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The supervision note is empty.</source>
        <translation>督导记录为空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The supervision note is {length} characters; keep it under {limit}.</source>
        <translation>督导记录有 {length} 字，请控制在 {limit} 字以内。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no shift {shift} on this seat.</source>
        <translation>本席位没有编号为 {shift} 的班次。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The planned end of the shift must be later than now.</source>
        <translation>班次的计划结束时间必须晚于现在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A shift is planned for at most {hours} hours; choose an earlier end.</source>
        <translation>一个班次最长计划 {hours} 小时，请选择更早的结束时间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The handover note is {length} characters; keep it under {limit}.</source>
        <translation>交班说明有 {length} 字，请控制在 {limit} 字以内。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No shift is open on this seat.</source>
        <translation>此席位当前没有开班。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The shift led by {lead} is still open; close it first.</source>
        <translation>由 {lead} 带班的班次仍未结束，请先交班。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An automatic shift has no duty list; open a shift to record who is on duty.</source>
        <translation>自动班次没有值班名单；请开班以记录值班人员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The lock during a call comes after {low}–{high} quiet minutes.</source>
        <translation>通话中的锁屏时间须为无操作 {low}–{high} 分钟。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The retention period is a whole number of days.</source>
        <translation>保存期限必须是整数天。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The retention period must be at least {minimum} days (3 years, the hotline guideline&apos;s minimum).</source>
        <translation>保存期限至少为 {minimum} 天（3 年，热线规范的最低要求）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A break is 5–60 minutes and a run 30–480 minutes.</source>
        <translation>休息时长为 5–60 分钟，连续接听时长为 30–480 分钟。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The start date is after the end date.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown time window.</source>
        <translation>未知的时间范围。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>{count} line(s) of the file are wrong; nothing was imported.</source>
        <translation>文件中有 {count} 行有误，没有导入任何内容。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The file {file} does not exist.</source>
        <translation>文件 {file} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{file} is not a file; choose the JSON Lines file to import.</source>
        <translation>{file} 不是文件；请选择要导入的 JSON Lines 文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file {file} holds no calls.</source>
        <translation>文件 {file} 中没有通话记录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file {file} cannot be read.</source>
        <translation>无法读取文件 {file}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no directory entry {entry}.</source>
        <translation>转介名录中没有条目 {entry}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This directory entry cannot be saved.</source>
        <translation>这个名录条目无法保存。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It has fields this program does not know: {fields}.</source>
        <translation>其中有本程序不认识的字段：{fields}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The field {field} must be text.</source>
        <translation>{field} 必须是文字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;example&apos; must be true or false.</source>
        <translation>“example”只能是 true 或 false。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name is missing.</source>
        <translation>缺少名称。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The kind of service is missing.</source>
        <translation>缺少服务类别。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The kind {kind} is not one this program knows.</source>
        <translation>本程序不认识类别 {kind}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The region {region} is not known: choose 全国 or a province.</source>
        <translation>不认识地区 {region}：请选择全国或某个省份。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The phone number may hold only digits, spaces, &apos;+&apos;, &apos;-&apos; and parentheses.</source>
        <translation>电话号码只能包含数字、空格、“+”、“-”和括号。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The {field} is longer than {limit} characters.</source>
        <translation>{field}超过 {limit} 个字符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Directory entry {entry} already has this name, kind, region and phone number.</source>
        <translation>名录条目 {entry} 已有相同的名称、类型、地区和电话。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A directory entry has fields this program does not know.</source>
        <translation>名录条目中有本程序不认识的字段。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file is not UTF-8 text; nothing was imported.</source>
        <translation>该文件不是 UTF-8 文本，没有导入任何内容。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>服务时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>… and %1 more</source>
        <translation>……另有 %1 处</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <location filename="../../ui/widgets/guarded_text.py" line="-135"/>
        <source>mobile number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>landline number</source>
        <translation>固话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID card number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bank card number</source>
        <translation>银行卡号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e-mail address</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QQ number</source>
        <translation>QQ 号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>licence plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>passport number</source>
        <translation>护照号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>student number</source>
        <translation>学号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>marked by you</source>
        <translation>您标记的内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kept by you</source>
        <translation>您保留的内容</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../ui/messages.py" line="+84"/>
        <source>This account is disabled on this seat; ask an admin.</source>
        <translation>此账号在本席位已停用，请联系管理员。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong account or password.</source>
        <translation>账号或密码错误。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many failed attempts; wait before trying again.</source>
        <translation>失败次数过多，请稍候再试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This seat is set to work only with the system keyring, and the keyring cannot be used on this computer now. Log in to the desktop session (or start its keyring service), then try again; the recovery code does not get round this. If the keyring is gone for good, ask the admin.</source>
        <translation>本席位设定为只能与系统密钥环一起使用，而这台电脑目前无法使用密钥环。请登录桌面会话（或启动其密钥环服务）后再试；恢复码也不能绕过这一点。如果密钥环已经永久丢失，请联系管理员。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The system keyring cannot give this seat&apos;s device secret. Open the seat with the recovery code, or ask the admin.</source>
        <translation>系统密钥环无法提供本席位的设备密钥。请用恢复码打开席位，或联系管理员。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This seat&apos;s files are older than what it recorded, or its audit log was cut short or rewritten, so nobody can log in. Nothing was changed. An admin restores the newest backup (Restore a backup… below), or, if the files were put back on purpose, accepts them with `main.py accept-state`.</source>
        <translation>本席位的文件比其记录的更旧，或审计日志被截短或改写，因此任何人都无法登录。未做任何更改。请管理员从最新的备份恢复（下方的“从备份恢复…”）；如果这些文件是有意放回的，请管理员用 `main.py accept-state` 确认接受。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This seat&apos;s database is damaged, so nothing more is written to it. Ask the admin to run “python main.py verify” and to restore the last backup.</source>
        <translation>本席位的数据库已损坏，因此不再向其写入任何内容。请管理员运行“python main.py verify”并恢复最近的备份。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database&apos;s files were removed or replaced while Hotline Log was running, so nothing more is written to them. Close Hotline Log and start it again.</source>
        <translation>热线记录运行期间，数据库文件被删除或替换，因此不再向其写入任何内容。请关闭热线记录并重新打开。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database is busy with another task (such as the nightly clean-up or an import). Nothing was lost: what you typed stays on screen. Try again in a moment.</source>
        <translation>数据库正忙于其他任务（例如夜间清理或导入）。没有丢失任何内容：您输入的内容仍在屏幕上。请稍后再试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database cannot be used right now. Nothing was deleted.</source>
        <translation>数据库暂时无法使用，没有删除任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This account&apos;s key slot in the vault is damaged, so the password could not be tried (no failed attempt was counted). An admin can set a new password for it; an admin&apos;s own account gets one with the recovery code (Forgot the admin password…), or the admin restores the last backup.</source>
        <translation>此账户在密钥文件中的密钥槽已损坏，因此无法核对密码（不计为一次失败的尝试）。管理员可以为它设置新密码；管理员自己的账户可用恢复码重设（“忘记管理员密码…”），或由管理员恢复最近的备份。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This could not be done.</source>
        <translation>无法完成此操作。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The seat&apos;s files are not damaged and nothing saved was lost: do not restore a backup for this.</source>
        <translation>本席位的文件没有损坏，已保存的内容也没有丢失：请勿为此恢复备份。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The disk is full. Free space on %1, then try again.</source>
        <translation>磁盘已满。请在 %1 上腾出空间，然后重试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The disk %1 is read-only, so the folder %2 cannot be written. Make it writable again, then try again.</source>
        <translation>磁盘 %1 是只读的，无法写入文件夹 %2。请让它恢复可写，然后重试。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Another program holds the file locked. Close it or wait a moment, then try again.</source>
        <translation>另一个程序锁定了该文件。请关闭该程序或稍等片刻，然后重试。</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>This computer account may not use the folder %1. Ask the admin to give it access, then try again.</source>
        <translation>当前电脑账户无权使用文件夹 %1。请管理员为它开通访问权限，然后重试。</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>The centre could not do this now; this seat&apos;s own work goes on.</source>
        <translation>中心现在无法完成此操作；本席位的工作照常进行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The centre cannot be reached now, so this cannot be done; this seat&apos;s own work goes on. Try again when the status bar says the seat is in sync with the centre.</source>
        <translation>现在连不上中心，无法完成此操作；本席位的工作照常进行。等状态栏显示与中心同步正常后再试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The centre has not been updated for the line yet: its admin runs `main.py center init` once with the superuser&apos;s DSN. Until then this seat syncs as before.</source>
        <translation>中心尚未升级以支持全线功能：请中心管理员用超级用户的 DSN 运行一次 `main.py center init`。在此之前，本席位照旧同步。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The centre&apos;s shift led by {lead} (opened at {seat}) is already open; close it first.</source>
        <translation>由 {lead} 带班（在 {seat} 开班）的中心班次仍未结束；请先结束该班次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No centre shift is open, or the one asked for does not exist.</source>
        <translation>目前没有进行中的中心班次，或所选班次不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The centre does not know this follow-up (it may have been withdrawn); refresh the list.</source>
        <translation>中心没有这项随访（可能已被撤回）；请刷新列表。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This follow-up was already closed, perhaps at another seat; refresh the list.</source>
        <translation>这项随访已经完成（可能是在其他席位）；请刷新列表。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Wrong recovery code: check it against the printed sheet (24 characters in groups of 4).</source>
        <translation>恢复码错误：请对照打印的恢复码核对（24 个字符，每 4 个一组）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A file Hotline Log is installed with is missing or damaged. Install Hotline Log again, or ask the admin.</source>
        <translation>热线记录安装时附带的文件缺失或损坏。请重新安装热线记录，或联系管理员。</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>The disk %1 reported a read or write error; it may be failing. Tell the admin, and copy the seat&apos;s folder to another disk if you can. Do not restore a backup onto this disk.</source>
        <translation>磁盘 %1 报告了读写错误，可能正在损坏。请告知管理员，如有可能把本席位的文件夹复制到另一块磁盘。不要往这块磁盘上恢复备份。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The disk refused to read or write a file. Check the disk and the folder, then try again.</source>
        <translation>磁盘拒绝了文件的读取或写入。请检查磁盘和文件夹，然后重试。</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>The seat&apos;s key file is damaged or missing; ask the admin to restore it.</source>
        <translation>席位的密钥文件损坏或丢失，请联系管理员恢复。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hotline Log is already running on this seat; use that window.</source>
        <translation>热线记录已在本席位运行，请使用那个窗口。</translation>
    </message>
</context>
<context>
    <name>risk_text</name>
    <message>
        <location filename="../../ui/risk_text.py" line="+11"/>
        <source>Not assessed</source>
        <translation>未评估</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <location filename="../../ui/settings.py" line="+25"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lock after idle</source>
        <translation>闲置后锁定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draft saving interval</source>
        <translation>草稿保存间隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look</source>
        <translation>外观</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Settings that made no sense were set back to their defaults: %1</source>
        <translation>以下设置的值无效，已恢复为默认值：%1</translation>
    </message>
</context>
<context>
    <name>workload</name>
    <message>
        <location filename="../../ui/workload.py" line="-76"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 without a break</source>
        <translation>已连续 %1 未休息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>right after a high-risk call</source>
        <translation>刚接完高危来电</translation>
    </message>
</context>
</TS>
