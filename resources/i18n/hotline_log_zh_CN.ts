<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AmendmentDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="+116"/>
        <source>Add an amendment</source>
        <translation>添加补充记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amendment</source>
        <translation>补充记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifiers are hidden when the amendment is saved.</source>
        <translation>保存补充记录时，其中的身份信息会被隐藏。</translation>
    </message>
</context>
<context>
    <name>CallForm</name>
    <message>
        <location filename="../../ui/call_form.py" line="+61"/>
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
        <location line="+63"/>
        <source>Age band</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <location line="-62"/>
        <location line="+63"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="-62"/>
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
        <location line="+2"/>
        <location line="+66"/>
        <source>Case code</source>
        <translation>个案编号</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>New code</source>
        <translation>新编号</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+62"/>
        <source>Emotions</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+63"/>
        <source>Interventions</source>
        <translation>干预措施</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>One line for the handover</source>
        <translation>一句话交班摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+36"/>
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
        <location line="+11"/>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Summary for the handover</source>
        <translation>交班摘要</translation>
    </message>
</context>
<context>
    <name>CallList</name>
    <message>
        <location filename="../../ui/call_list.py" line="+108"/>
        <source>Search notes and summaries (e.g. 失眠)</source>
        <translation>搜索记录和摘要（如：失眠）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+40"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="-39"/>
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
        <source>Only my calls</source>
        <translation>只看我的通话</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Calls</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <location line="+11"/>
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
    <message numerus="yes">
        <location line="+42"/>
        <source>%1–%2 of %n call(s)</source>
        <translation>
            <numerusform>第 %1–%2 条，共 %n 通来电</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallTableModel</name>
    <message>
        <location line="-155"/>
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
        <source>Concerns</source>
        <translation>来电问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>CallViewDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="-52"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counselor</source>
        <translation>咨询员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>来电类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caller</source>
        <translation>来电者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case code</source>
        <translation>个案编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concerns</source>
        <translation>来电问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emotions</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interventions</source>
        <translation>干预措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amendment</source>
        <translation>补充记录</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Call %1</source>
        <translation>通话 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add amendment</source>
        <translation>添加补充记录</translation>
    </message>
</context>
<context>
    <name>ConcernPicker</name>
    <message>
        <location filename="../../ui/widgets/concern_picker.py" line="+18"/>
        <source>Search concerns (e.g. 考 or exam)</source>
        <translation>搜索来电问题（如：考 或 exam）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search concerns</source>
        <translation>搜索来电问题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Concerns</source>
        <translation>来电问题</translation>
    </message>
</context>
<context>
    <name>GuardedNotes</name>
    <message>
        <location filename="../../ui/widgets/guarded_text.py" line="+55"/>
        <source>Notes</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notes of the call. Phone numbers, ID numbers and accounts are hidden when you save.</source>
        <translation>通话记录。保存时会隐藏其中的电话号码、证件号码和账号。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Will be hidden on save: %1</source>
        <translation>保存时将隐藏：%1</translation>
    </message>
</context>
<context>
    <name>KeywordTags</name>
    <message>
        <location filename="../../ui/widgets/keywords.py" line="+15"/>
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
        <location filename="../../ui/login.py" line="+33"/>
        <source>Hotline Log</source>
        <translation>热线记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+11"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+11"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+49"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Switch counselor</source>
        <translation>切换咨询员</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>DEMO SEAT — sample calls only. Demo passwords:</source>
        <translation>演示席位——仅含示例通话。演示密码：</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+7"/>
        <source>Choose your account. The previous counselor&apos;s draft stays theirs.</source>
        <translation>请选择您的账号。上一位咨询员的草稿仍归其本人所有。</translation>
    </message>
    <message>
        <location line="+38"/>
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
        <location filename="../../ui/main_window.py" line="+51"/>
        <source>Hotline Log</source>
        <translation>热线记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DEMO</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No system keyring: this seat is not bound to this computer.</source>
        <translation>没有系统密钥环：本席位未与这台电脑绑定。</translation>
    </message>
    <message>
        <location line="+24"/>
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
        <location line="+7"/>
        <source>Log a call of this kind at once</source>
        <translation>一键记录此类来电</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Unsaved call</source>
        <translation>未保存的通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The call on screen is not saved. It is kept as a draft for your next log-in. Close?</source>
        <translation>屏幕上的通话尚未保存，将作为草稿保留到您下次登录。确定关闭吗？</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <location filename="../../ui/start.py" line="+110"/>
        <location line="+13"/>
        <location line="+32"/>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <location line="-42"/>
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
        <location line="+11"/>
        <source>The code will not be shown again. Have you printed or written it down?</source>
        <translation>恢复码不会再次显示。您已打印或抄下了吗？</translation>
    </message>
</context>
<context>
    <name>RedactionDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="-78"/>
        <source>Hide identifiers before saving</source>
        <translation>保存前隐藏身份信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These identifiers will be replaced by a placeholder naming their kind: %1</source>
        <translation>以下身份信息将被替换为注明其类型的占位符：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notes as they will be stored</source>
        <translation>将要保存的记录</translation>
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
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="+11"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Minutes before the screen locks</source>
        <translation>自动锁定前的分钟数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The language changes at the next start.</source>
        <translation>界面语言在下次启动时生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock after idle</source>
        <translation>闲置后锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The window locks itself after this many minutes without input.</source>
        <translation>无任何操作达到该分钟数后，窗口会自动锁定。</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/start.py" line="-95"/>
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
        <location line="+12"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <location line="-53"/>
        <source>Hotline Log</source>
        <translation>热线记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No seat is set up in %1 yet. Set up this seat for real work, or try a demo seat with sample calls (kept in a separate folder).</source>
        <translation>%1 中还没有设置席位。可以设置本席位用于正式值班，或试用带示例通话的演示席位（存放在单独的文件夹中）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set up this seat…</source>
        <translation>设置本席位…</translation>
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
    <name>WorkPage</name>
    <message>
        <location filename="../../ui/work_page.py" line="+36"/>
        <source>Current call</source>
        <translation>当前通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Unsaved call</source>
        <translation>未保存的通话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have an unsaved call from %1. Restore it?</source>
        <translation>您有一通 %1 未保存的通话，要恢复吗？</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The unsaved call was restored.</source>
        <translation>已恢复未保存的通话。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Call started.</source>
        <translation>通话已开始。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Call ended.</source>
        <translation>通话已结束。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New call</source>
        <translation>新建通话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Discard the call on screen and start a new one?</source>
        <translation>放弃屏幕上的通话并新建一通吗？</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not saved</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call saved (%1).</source>
        <translation>通话已保存（%1）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Logged: %1.</source>
        <translation>已记录：%1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No earlier calls with this code.</source>
        <translation>此编号没有以往来电。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n earlier call(s); last risk level: %1</source>
        <translation>
            <numerusform>以往来电 %n 次；最近一次风险等级：%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location line="+7"/>
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
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="+32"/>
        <source>Something went wrong. Your draft is kept. Details are in the log.</source>
        <translation>程序出错了。您的草稿已保留，详情见日志。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Hotline Log</source>
        <translation>热线记录</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <location filename="../../ui/widgets/guarded_text.py" line="-69"/>
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
        <location line="+6"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../ui/messages.py" line="+13"/>
        <source>Choose the call kind.</source>
        <translation>请选择来电类型。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The call has no start time: press Start call (F2) or enter the time.</source>
        <translation>通话没有开始时间：请按“开始通话”(F2) 或填写时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The call ends before it starts: correct the end time.</source>
        <translation>结束时间早于开始时间：请更正结束时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A case code has six characters like K7Q-39M.</source>
        <translation>个案编号由六个字符组成，如 K7Q-39M。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes are limited to 200,000 characters; shorten them.</source>
        <translation>记录最多 200,000 字，请精简。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The summary is limited to 500 characters.</source>
        <translation>摘要最多 500 字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The city is limited to 40 characters.</source>
        <translation>城市最多 40 个字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most 30 keywords of up to 20 characters.</source>
        <translation>最多 30 个关键词，每个不超过 20 个字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amendment is empty.</source>
        <translation>补充记录为空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A name must be 1–60 characters without control characters.</source>
        <translation>名称须为 1–60 个字符，且不含控制字符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A password must have at least 8 characters.</source>
        <translation>密码至少 8 个字符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A staff code has 1–16 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, and starts with a letter or digit.</source>
        <translation>工号由 1–16 个字母、数字、“.”、“_”或“-”组成，须以字母或数字开头。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counselors can open only their own calls.</source>
        <translation>咨询员只能查看自己的通话。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This call can no longer be edited (24 hours have passed, or it is not yours); add an amendment.</source>
        <translation>这通通话已不能修改（已超过 24 小时，或不是您的通话），请添加补充记录。</translation>
    </message>
    <message>
        <location line="+16"/>
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
        <source>Your role does not allow this.</source>
        <translation>您的角色无权进行此操作。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The system keyring cannot give this seat&apos;s device secret. Open the seat with the recovery code, or ask the admin.</source>
        <translation>系统密钥环无法提供本席位的设备密钥。请用恢复码打开席位，或联系管理员。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database cannot be used right now. Nothing was deleted.</source>
        <translation>数据库暂时无法使用，没有删除任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The disk refused the write; what was saved before is intact.</source>
        <translation>磁盘拒绝写入；之前保存的内容完好无损。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The seat&apos;s key file is damaged or missing; ask the admin to restore it.</source>
        <translation>席位的密钥文件损坏或丢失，请联系管理员恢复。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hotline Log is already running on this seat; use that window.</source>
        <translation>热线记录已在本席位运行，请使用那个窗口。</translation>
    </message>
</context>
</TS>
