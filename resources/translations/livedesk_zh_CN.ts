<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActionRunner</name>
    <message>
        <location filename="../../ui/actions.py" line="+65"/>
        <location line="+12"/>
        <source>Failed: %1</source>
        <translation>操作失败：%1</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>%1 — here only: viewers still see it</source>
        <translation>%1 — 仅在本机生效：观众仍可看到</translation>
    </message>
</context>
<context>
    <name>CommentDelegate</name>
    <message>
        <location filename="../../ui/panels/comment_delegate.py" line="+55"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mute ▾</source>
        <translation>禁言 ▾</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>[blocklist]</source>
        <translation>[黑名单]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[muted]</source>
        <translation>[禁言]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[block word]</source>
        <translation>[屏蔽词]</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Q</source>
        <comment>badge of a question comment</comment>
        <translation>问</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(deleted here only)</source>
        <translation>（仅本机删除，观众仍可见）</translation>
    </message>
</context>
<context>
    <name>CommentPanel</name>
    <message>
        <location filename="../../ui/panels/comment_panel.py" line="+95"/>
        <source>All comments</source>
        <translation>全部评论</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Questions</source>
        <translation>只看问题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Hidden %1 (muted %2 · blocklist %3 · block words %4)</source>
        <translation>已隐藏 %1（禁言 %2 · 黑名单 %3 · 屏蔽词 %4）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This platform cannot delete single comments or mute users: those actions only hide them here, viewers still see them.</source>
        <translation>当前平台不支持删除单条评论或禁言用户：这些操作只在本机隐藏，观众仍能看到。</translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>Paused · %n new comment(s) · jump to newest</source>
        <translation>
            <numerusform>已暂停 · %n 条新评论 · 跳到最新</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../../ui/panels/dashboard_panel.py" line="+36"/>
        <source>Online viewers</source>
        <translation>在线人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Likes (cumulative)</source>
        <translation>累计点赞</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Online viewers: %1</source>
        <translation>在线人数：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Likes (cumulative): %1</source>
        <translation>累计点赞：%1</translation>
    </message>
</context>
<context>
    <name>KeywordRulesDialog</name>
    <message>
        <location filename="../../ui/dialogs/keyword_rules.py" line="+31"/>
        <source>Keyword rules</source>
        <translation>关键词规则</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Block words (hide the comment)</source>
        <translation>屏蔽词（自动隐藏评论）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highlight words</source>
        <translation>高亮词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question words (mark for the assistant)</source>
        <translation>问题词（标记给助理）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One word per line. Matching ignores upper/lower case and full/half width. Rules apply to comments arriving from now on.</source>
        <translation>每行一个词。匹配时不区分大小写和全角/半角。规则对之后到达的评论生效。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+38"/>
        <source>LiveDesk Console — %1</source>
        <translation>LiveDesk 场控台 — %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Moderation</source>
        <translation>评论管理(&amp;M)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
</context>
<context>
    <name>ModerationController</name>
    <message>
        <location filename="../../ui/moderation_controller.py" line="+89"/>
        <source>This platform cannot ban all comments.</source>
        <translation>当前平台不支持全员禁言。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Select a comment first.</source>
        <translation>请先选中一条评论。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Copy text</source>
        <translation>复制内容</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This comment is deleted already.</source>
        <translation>这条评论已经删除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleted the comment of %1</source>
        <translation>已删除 %1 的评论</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Muted %1 for the rest of the show</source>
        <translation>已禁言 %1（本场）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Muted %1 for %2 min</source>
        <translation>已禁言 %1 %2 分钟</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not muted.</source>
        <translation>%1 没有被禁言。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unmuted %1</source>
        <translation>已解除 %1 的禁言</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Removed %1 from the blocklist</source>
        <translation>已将 %1 移出黑名单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Added %1 to the blocklist</source>
        <translation>已将 %1 加入黑名单</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All comments are banned</source>
        <translation>已开启全员禁言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comments are allowed again</source>
        <translation>已解除全员禁言</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keyword rules saved</source>
        <translation>关键词规则已保存</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>the database is not open yet</source>
        <translation>数据库尚未打开</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/dialogs/search.py" line="+41"/>
        <source>Search comments</source>
        <translation>搜索评论</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nickname or text, e.g. 尺码</source>
        <translation>昵称或内容，例如：尺码</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 result(s), newest at the bottom</source>
        <translation>找到 %1 条，最新的在最下面</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
</context>
<context>
    <name>ShowStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="+83"/>
        <source>%1 (ended)</source>
        <translation>%1（已结束）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (stopped: error)</source>
        <translation>%1（出错停止）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show time %1</source>
        <translation>直播时长 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comments %1 · Likes %2 · Rejected %3</source>
        <translation>评论 %1 · 点赞 %2 · 无效 %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 events/s</source>
        <translation>%1 条/秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>UserCardDialog</name>
    <message>
        <location filename="../../ui/dialogs/user_card.py" line="+52"/>
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mute 10 minutes</source>
        <translation>禁言 10 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mute for this show</source>
        <translation>本场禁言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unmute</source>
        <translation>解除禁言</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Comments in this show</source>
        <translation>本场评论</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Moderation history</source>
        <translation>管理记录</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>not muted</source>
        <translation>未禁言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>muted for the rest of the show</source>
        <translation>本场禁言中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>muted until %1</source>
        <translation>禁言至 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>on the blocklist</source>
        <translation>在黑名单中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not on the blocklist</source>
        <translation>不在黑名单中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove from blocklist</source>
        <translation>移出黑名单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add to blocklist</source>
        <translation>加入黑名单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Comments in this show: %1</source>
        <translation>本场评论：%1 条</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No moderation actions yet</source>
        <translation>暂无管理记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../console/commands.py" line="+75"/>
        <source>Delete comment</source>
        <translation>删除评论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mute 1 minute</source>
        <translation>禁言 1 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mute 10 minutes</source>
        <translation>禁言 10 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mute 1 hour</source>
        <translation>禁言 1 小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mute for this show</source>
        <translation>本场禁言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unmute</source>
        <translation>解除禁言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add to blocklist</source>
        <translation>加入黑名单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User card</source>
        <translation>用户名片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ban all comments</source>
        <translation>全员禁言</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search comments</source>
        <translation>搜索评论</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyword rules…</source>
        <translation>关键词规则…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Jump to newest comment</source>
        <translation>跳到最新评论</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start/stop streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start/stop recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mute/unmute microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Switch to scene %n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Push goods no. %n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refresh goods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open lottery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close lottery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw winners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re-roll one winner</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../console/secrets.py" line="+37"/>
        <source>No secure password store on this computer ({detail}). LiveDesk does not save secrets in plain files: enter it again each time, or install a keyring (Windows Credential Manager, macOS Keychain, GNOME Keyring / KWallet).</source>
        <translation>本机没有安全的密码存储（{detail}）。LiveDesk 不会把密钥保存在普通文件里：请每次重新输入，或安装系统钥匙串（Windows 凭据管理器、macOS 钥匙串、GNOME Keyring / KWallet）。</translation>
    </message>
    <message>
        <location filename="../../console/platforms/base.py" line="+48"/>
        <source>This platform cannot do that ({capability}).</source>
        <translation>当前平台不支持此操作（{capability}）。</translation>
    </message>
    <message>
        <location filename="../../console/moderation.py" line="+292"/>
        <source>This platform cannot ban all comments.</source>
        <translation>当前平台不支持全员禁言。</translation>
    </message>
    <message>
        <location filename="../../console/platforms/relay.py" line="+49"/>
        <source>The relay can only listen on {host}, where other computers can reach it, with a token. Create a relay token first.</source>
        <translation>中继要在 {host}（其他电脑可访问）上监听，必须先设置令牌。请先生成中继令牌。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The relay cannot listen on {host} port {port}: {detail}. Choose another port, or close the program that uses it.</source>
        <translation>中继无法在 {host} 的 {port} 端口监听：{detail}。请换一个端口，或关闭占用该端口的程序。</translation>
    </message>
    <message>
        <location filename="../../console/platforms/relay_server.py" line="+67"/>
        <source>The relay source {source} did not confirm {action} within {seconds} s.</source>
        <translation>中继来源 {source} 在 {seconds} 秒内没有确认 {action}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The relay source {source} refused {action}: {error}</source>
        <translation>中继来源 {source} 拒绝了 {action}：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The relay source {source} disconnected before confirming {action}.</source>
        <translation>中继来源 {source} 在确认 {action} 之前断开了连接。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No connected relay source can do {action} now.</source>
        <translation>目前没有已连接的中继来源能执行 {action}。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="+20"/>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../console/session.py" line="+66"/>
        <source>The database cannot be opened; live events are not saved.</source>
        <translation>无法打开数据库：直播事件不会被保存。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Saving to the database failed, retrying: {detail}</source>
        <translation>数据写入失败，正在重试：{detail}</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <location filename="../../ui/names.py" line="+10"/>
        <source>Demo room</source>
        <translation>演示直播间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
</context>
</TS>
