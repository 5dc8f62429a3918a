<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CommentPanel</name>
    <message numerus="yes">
        <location filename="../../ui/panels/comment_panel.py" line="+139" />
        <source>Paused · %n new comment(s) · jump to newest</source>
        <translation>
            <numerusform>已暂停 · %n 条新评论 · 跳到最新</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../../ui/panels/dashboard_panel.py" line="+36" />
        <source>Online viewers</source>
        <translation>在线人数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Likes (cumulative)</source>
        <translation>累计点赞</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Online viewers: %1</source>
        <translation>在线人数：%1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Likes (cumulative): %1</source>
        <translation>累计点赞：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+35" />
        <source>LiveDesk Console — %1</source>
        <translation>LiveDesk 场控台 — %1</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
</context>
<context>
    <name>ShowStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="+65" />
        <source>%1 (ended)</source>
        <translation>%1（已结束）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 (stopped: error)</source>
        <translation>%1（出错停止）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Show time %1</source>
        <translation>直播时长 %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Comments %1 · Likes %2 · Rejected %3</source>
        <translation>评论 %1 · 点赞 %2 · 无效 %3</translation>
    </message>
    <message>
        <location line="+6" />
        <source>%1 events/s</source>
        <translation>%1 条/秒</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Saving failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../console/secrets.py" line="+37" />
        <source>No secure password store on this computer ({detail}). LiveDesk does not save secrets in plain files: enter it again each time, or install a keyring (Windows Credential Manager, macOS Keychain, GNOME Keyring / KWallet).</source>
        <translation>本机没有安全的密码存储（{detail}）。LiveDesk 不会把密钥保存在普通文件里：请每次重新输入，或安装系统钥匙串（Windows 凭据管理器、macOS 钥匙串、GNOME Keyring / KWallet）。</translation>
    </message>
    <message>
        <location filename="../../console/platforms/base.py" line="+47" />
        <source>This platform cannot do that ({capability}).</source>
        <translation>当前平台不支持此操作（{capability}）。</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../console/session.py" line="+78" />
        <source>Saving to the database failed, retrying: {detail}</source>
        <translation>数据写入失败，正在重试：{detail}</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <location filename="../../ui/names.py" line="+10" />
        <source>Demo room</source>
        <translation>演示直播间</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Replay</source>
        <translation>回放</translation>
    </message>
</context>
</TS>