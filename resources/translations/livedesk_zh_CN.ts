<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>AssistantDialog</name>
        <message>
            <location filename="../../ui/dialogs/room_actions.py" line="+60" />
            <source>Add assistant</source>
            <translation>添加小助手</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The assistant's WeChat ID</source>
            <translation>小助手的微信号</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Shown to viewers in the room</source>
            <translation>在直播间里对观众显示</translation>
        </message>
        <message>
            <location line="+2" />
            <source>WeChat ID</source>
            <translation>微信号</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Nickname</source>
            <translation>昵称</translation>
        </message>
        <message>
            <location line="+3" />
            <source>An assistant can manage comments and goods from the phone during the show. The WeChat ID must have the assistant role of the mini program.</source>
            <translation>小助手可以在直播时用手机管理评论和商品。该微信号必须在小程序中具有小助手角色。</translation>
        </message>
    </context>
    <context>
        <name>AudioBox</name>
        <message>
            <location filename="../../ui/panels/obs_audio.py" line="+108" />
            <source>OBS has no audio input.</source>
            <translation>OBS 没有音频输入。</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The input the microphone key mutes and unmutes</source>
            <translation>麦克风快捷键静音/取消静音的输入</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Microphone:</source>
            <translation>麦克风：</translation>
        </message>
        <message>
            <location line="+23" />
            <source>%1 — muted</source>
            <translation>%1 — 已静音</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Click to unmute%1</source>
            <translation>点击取消静音%1</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Click to mute%1</source>
            <translation>点击静音%1</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Mic</source>
            <translation>麦克风</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Desktop</source>
            <translation>桌面音频</translation>
        </message>
        <message>
            <location line="+35" />
            <source>OBS's microphone (%1)</source>
            <translation>OBS 的麦克风（%1）</translation>
        </message>
        <message>
            <location line="+2" />
            <source>OBS's microphone</source>
            <translation>OBS 的麦克风</translation>
        </message>
    </context>
    <context>
        <name>AuditPanel</name>
        <message>
            <location filename="../../ui/panels/audit_panel.py" line="+55" />
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Here only (viewers still see it)</source>
            <translation>仅本地（观众仍可看到）</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Unasked</source>
            <translation>意外（无人操作）</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Via</source>
            <translation>来源</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Subject</source>
            <translation>对象</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Result</source>
            <translation>结果</translation>
        </message>
    </context>
    <context>
        <name>CommandRunner</name>
        <message>
            <location filename="../../ui/controllers/commands.py" line="+200" />
            <source>“%1” cannot be undone.</source>
            <translation>“%1”无法撤销。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Enter: go ahead · Esc: cancel</source>
            <translation>回车：确定执行 · Esc：取消</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 now</source>
            <translation>立即%1</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Cancelled: %1</source>
            <translation>已取消：%1</translation>
        </message>
        <message>
            <location line="+76" />
            <source>Failed: %1</source>
            <translation>操作失败：%1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>%1 — here only: viewers still see it</source>
            <translation>%1 — 仅在本机生效：观众仍可看到</translation>
        </message>
    </context>
    <context>
        <name>CommentDelegate</name>
        <message>
            <location filename="../../ui/panels/comment_delegate.py" line="+60" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Mute ▾</source>
            <translation>禁言 ▾</translation>
        </message>
        <message>
            <location line="+8" />
            <source>[blocklist]</source>
            <translation>[黑名单]</translation>
        </message>
        <message>
            <location line="+1" />
            <source>[muted]</source>
            <translation>[禁言]</translation>
        </message>
        <message>
            <location line="+1" />
            <source>[block word]</source>
            <translation>[屏蔽词]</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Q</source>
            <comment>badge of a question comment</comment>
            <translation>问</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Blocklist</source>
            <comment>badge of a user</comment>
            <translation>黑名单</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Muted</source>
            <comment>badge of a user</comment>
            <translation>禁言</translation>
        </message>
        <message>
            <location line="+15" />
            <source>(deleted)</source>
            <translation>（已删除）</translation>
        </message>
        <message>
            <location line="+1" />
            <source>(deleted here only)</source>
            <translation>（仅本机删除，观众仍可见）</translation>
        </message>
    </context>
    <context>
        <name>CommentPanel</name>
        <message>
            <location filename="../../ui/panels/comment_panel.py" line="+80" />
            <source>All comments</source>
            <translation>全部评论</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Questions</source>
            <translation>只看问题</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Hidden</source>
            <translation>已隐藏</translation>
        </message>
        <message>
            <location line="+114" />
            <source>Hidden %1 (muted %2 · blocklist %3 · block words %4)</source>
            <translation>已隐藏 %1（禁言 %2 · 黑名单 %3 · 屏蔽词 %4）</translation>
        </message>
        <message>
            <location line="+15" />
            <source>This platform cannot delete single comments or mute users: those actions only hide them here, viewers still see them.</source>
            <translation>当前平台不支持删除单条评论或禁言用户：这些操作只在本机隐藏，观众仍能看到。</translation>
        </message>
        <message numerus="yes">
            <location line="+72" />
            <source>Paused · %n new comment(s) · jump to newest</source>
            <translation>
                <numerusform>已暂停 · %n 条新评论 · 跳到最新</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ContinuedBanner</name>
        <message>
            <location filename="../../ui/panels/continued_banner.py" line="+21" />
            <source>Start a new show</source>
            <translation>开始新的一场</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Continue</source>
            <translation>继续本场</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Keep this show going and hide this note</source>
            <translation>继续这一场直播，并关闭这条提示</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Continuing show #%1 (started %2, %3 so far).</source>
            <translation>继续第 %1 场（开始于 %2，已播 %3）。</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Last time LiveDesk did not stop properly; nothing stored is lost.</source>
            <translation>上次 LiveDesk 没有正常退出；已保存的内容都在。</translation>
        </message>
    </context>
    <context>
        <name>CrashReporter</name>
        <message>
            <location filename="../../ui/crash.py" line="+60" />
            <source>LiveDesk hit an unexpected error</source>
            <translation>LiveDesk 遇到意外错误</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Something went wrong inside LiveDesk. The show keeps running and everything received so far is saved.

Details are in the log file:
%1</source>
            <translation>LiveDesk 内部出了问题。直播仍在继续，已收到的内容都已保存。

详细信息见日志文件：
%1</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Something went wrong inside LiveDesk. The show keeps running; the status bar says whether what arrives is saved.

Details are in the log file:
%1</source>
            <translation>LiveDesk 内部出错了。直播仍在继续；收到的内容是否已保存，请看状态栏。

详细信息在日志文件中：
%1</translation>
        </message>
    </context>
    <context>
        <name>DashboardPanel</name>
        <message>
            <location filename="../../ui/panels/dashboard_panel.py" line="+108" />
            <source>Online now</source>
            <translation>当前在线</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Peak online</source>
            <translation>峰值在线</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+44" />
            <source>Likes</source>
            <translation>点赞</translation>
        </message>
        <message>
            <location line="-43" />
            <location line="+107" />
            <source>Comments</source>
            <translation>评论</translation>
        </message>
        <message>
            <location line="-98" />
            <source>Time window:</source>
            <translation>时间范围：</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Last 5 min</source>
            <translation>最近 5 分钟</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last 30 min</source>
            <translation>最近 30 分钟</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Whole show</source>
            <translation>全场</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Online viewers</source>
            <translation>在线人数</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Likes (cumulative)</source>
            <translation>累计点赞</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Comments and likes per minute</source>
            <translation>每分钟评论与点赞</translation>
        </message>
        <message>
            <location line="+118" />
            <source>5 min: %1</source>
            <translation>近 5 分钟：%1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>at %1</source>
            <translation>出现在 %1</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+6" />
            <source>5 min: %1 (%2)</source>
            <translation>近 5 分钟：%1（%2）</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Online viewers: %1</source>
            <translation>在线人数：%1</translation>
        </message>
        <message>
            <location line="+10" />
            <source>%1 · online %2 · likes %3 · comments/min %4 · likes/min %5</source>
            <translation>%1 · 在线 %2 · 累计点赞 %3 · 评论/分钟 %4 · 点赞/分钟 %5</translation>
        </message>
    </context>
    <context>
        <name>GoodsController</name>
        <message>
            <location filename="../../ui/controllers/goods.py" line="+79" />
            <source>Keys 1–9 push goods no. 1–9 · %1 reloads · drag a row to reorder</source>
            <translation>按 1–9 推送 1–9 号商品 · %1 刷新 · 拖动一行可调整顺序</translation>
        </message>
        <message>
            <location line="-6" />
            <source>Add goods from the approved goods library</source>
            <translation>从已审核的商品库添加商品</translation>
        </message>
        <message>
            <location line="-7" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location line="+9" />
            <source>This platform cannot import goods.</source>
            <translation>当前平台不支持导入商品。</translation>
        </message>
        <message>
            <location line="+78" />
            <source>Loading the goods list…</source>
            <translation>正在加载商品列表…</translation>
        </message>
        <message numerus="yes">
            <location line="-5" />
            <source>%n goods in the room</source>
            <translation>
                <numerusform>直播间共 %n 件商品</numerusform>
            </translation>
        </message>
        <message>
            <location line="+7" />
            <source>This platform has no goods list.</source>
            <translation>当前平台没有商品列表。</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Room full — the platform takes no more goods: %1</source>
            <translation>直播间商品已满，平台不再接受更多商品：%1</translation>
        </message>
    </context>
    <context>
        <name>GoodsImportDialog</name>
        <message>
            <location filename="../../ui/dialogs/goods_import.py" line="+41" />
            <source>Import goods</source>
            <translation>导入商品</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Approved goods from the library that are not in the room yet.</source>
            <translation>商品库中已审核、尚未加入直播间的商品。</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Loading the goods library…</source>
            <translation>正在加载商品库…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message numerus="yes">
            <location line="+53" />
            <source>%n goods can be imported</source>
            <translation>
                <numerusform>有 %n 件商品可以导入</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>Every approved goods item is in the room already.</source>
            <translation>已审核的商品都已在直播间里。</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The goods library could not be read: %1</source>
            <translation>无法读取商品库：%1</translation>
        </message>
    </context>
    <context>
        <name>GoodsPanel</name>
        <message>
            <location filename="../../ui/panels/goods_panel.py" line="+64" />
            <source>Import…</source>
            <translation>导入…</translation>
        </message>
        <message>
            <location line="+72" />
            <location line="+18" />
            <source>Push</source>
            <translation>推送</translation>
        </message>
        <message>
            <location line="-17" />
            <location line="+42" />
            <source>Off sale</source>
            <translation>已下架</translation>
        </message>
        <message>
            <location line="-40" />
            <location line="+40" />
            <source>On sale</source>
            <translation>在售</translation>
        </message>
        <message>
            <location line="-7" />
            <source>This platform cannot push goods.</source>
            <translation>当前平台不支持推送商品。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Just pushed: wait a moment to push it again.</source>
            <translation>刚推送过：请稍等片刻再推送。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Push goods no. %1 (key %1)</source>
            <translation>推送 %1 号商品（按键 %1）</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This platform cannot put goods on or off sale.</source>
            <translation>当前平台不支持商品上下架。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Take it off sale</source>
            <translation>下架</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put it on sale</source>
            <translation>上架</translation>
        </message>
    </context>
    <context>
        <name>GoodsTableModel</name>
        <message>
            <location filename="../../ui/models/goods_model.py" line="+130" />
            <source>No.</source>
            <translation>序号</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Price</source>
            <translation>价格</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pushed</source>
            <translation>推送</translation>
        </message>
        <message>
            <location line="+92" />
            <source>%1 s ago</source>
            <translation>%1 秒前</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1 min ago</source>
            <translation>%1 分钟前</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Last pushed at %1 (show time %2)</source>
            <translation>上次推送于 %1（直播时间 %2）</translation>
        </message>
        <message>
            <location line="+5" />
            <source>On sale</source>
            <translation>在售</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Off sale</source>
            <translation>已下架</translation>
        </message>
    </context>
    <context>
        <name>KeywordRulesDialog</name>
        <message>
            <location filename="../../ui/dialogs/keyword_rules.py" line="+32" />
            <source>Keyword rules</source>
            <translation>关键词规则</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Block words (hide the comment)</source>
            <translation>屏蔽词（自动隐藏评论）</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Highlight words</source>
            <translation>高亮词</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Question words (mark for the assistant)</source>
            <translation>问题词（标记给助理）</translation>
        </message>
        <message>
            <location line="+3" />
            <source>One word per line. Matching ignores upper/lower case and full/half width. Rules apply to comments arriving from now on.</source>
            <translation>每行一个词。匹配时不区分大小写和全角/半角。规则对之后到达的评论生效。</translation>
        </message>
    </context>
    <context>
        <name>LevelMeter</name>
        <message>
            <location filename="../../ui/panels/obs_audio.py" line="-121" />
            <source>Silent</source>
            <translation>无声</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Peak %1 dB</source>
            <translation>峰值 %1 dB</translation>
        </message>
    </context>
    <context>
        <name>LotteryController</name>
        <message>
            <location filename="../../ui/controllers/lottery.py" line="+92" />
            <source>Select the winner who did not claim the prize.</source>
            <translation>请选中未领奖的中奖者。</translation>
        </message>
        <message>
            <location line="+35" />
            <source>There are no winners to announce yet.</source>
            <translation>还没有可公布的中奖者。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Announcement copied: paste it into the live room</source>
            <translation>公告已复制：粘贴到直播间即可</translation>
        </message>
        <message>
            <location line="-23" />
            <source>Export lottery proof</source>
            <translation>导出抽奖证明</translation>
        </message>
        <message>
            <location line="-48" />
            <source>Select a winner first</source>
            <translation>先选中一名中奖者</translation>
        </message>
        <message>
            <location line="+50" />
            <source>Lottery proof (*.json)</source>
            <translation>抽奖证明 (*.json)</translation>
        </message>
        <message>
            <location line="+37" />
            <source>Announcement template saved</source>
            <translation>公告模板已保存</translation>
        </message>
    </context>
    <context>
        <name>LotteryCreateDialog</name>
        <message>
            <location filename="../../ui/dialogs/lottery_create.py" line="+48" />
            <source>New lottery</source>
            <translation>新建抽奖</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Save as preset…</source>
            <translation>另存为预设…</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Comment lottery: comment the keyword</source>
            <translation>评论抽奖：发送口令参与</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Like lottery: like while it is open</source>
            <translation>点赞抽奖：抽奖期间点赞参与</translation>
        </message>
        <message>
            <location line="+4" />
            <source>What viewers comment to enter</source>
            <translation>观众发送此口令即可参与</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Draw automatically after</source>
            <translation>自动开奖倒计时</translation>
        </message>
        <message>
            <location line="+5" />
            <source> s</source>
            <translation> 秒</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Open by itself when the room reaches</source>
            <translation>直播间点赞达到此数时自动开始</translation>
        </message>
        <message>
            <location line="+8" />
            <source> likes</source>
            <translation> 个赞</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Muted or blocked users</source>
            <translation>被禁言或拉黑的用户</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Staff accounts (user ids below)</source>
            <translation>工作人员账号（在下面填写用户 ID）</translation>
        </message>
        <message>
            <location line="+4" />
            <source>One user id per line</source>
            <translation>每行一个用户 ID</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Winners of earlier lotteries in this show</source>
            <translation>本场之前抽奖的中奖者</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Preset</source>
            <translation>预设</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Keyword</source>
            <translation>口令</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Prize</source>
            <translation>奖品</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Winners</source>
            <translation>中奖人数</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Draw</source>
            <translation>开奖方式</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start</source>
            <translation>开始方式</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Leave out</source>
            <translation>排除</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Create</source>
            <translation>创建</translation>
        </message>
        <message>
            <location line="+87" />
            <source>Save as preset</source>
            <translation>另存为预设</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Preset name</source>
            <translation>预设名称</translation>
        </message>
    </context>
    <context>
        <name>LotteryPanel</name>
        <message>
            <location filename="../../ui/panels/lottery_panel.py" line="+74" />
            <source>New lottery…</source>
            <translation>新建抽奖…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The platform allows %1 lotteries per show.</source>
            <translation>平台规定每场最多 %1 轮抽奖。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export proof…</source>
            <translation>导出证明…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Save the draw as a JSON file anyone can check with: %1</source>
            <translation>把这次开奖保存为 JSON 文件，任何人都可以用以下命令校验：%1</translation>
        </message>
        <message>
            <location line="+17" />
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Entrants</source>
            <translation>参与人数</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Countdown</source>
            <translation>倒计时</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Published when the lottery opens</source>
            <translation>抽奖开始时公布</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Revealed after the draw</source>
            <translation>开奖后公开</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Commitment</source>
            <translation>承诺值</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Seed</source>
            <translation>种子</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Winner</source>
            <translation>中奖者</translation>
        </message>
        <message>
            <location line="+0" />
            <source>User id</source>
            <translation>用户 ID</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Edit template</source>
            <translation>编辑模板</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Announcement</source>
            <translation>中奖公告</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Winners</source>
            <translation>中奖者</translation>
        </message>
        <message>
            <location line="+46" />
            <source>Lotteries left: %1/%2</source>
            <translation>剩余抽奖次数：%1/%2</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No lottery yet: create one from a preset.</source>
            <translation>还没有抽奖：从预设新建一个。</translation>
        </message>
        <message>
            <location line="+34" />
            <source>#%1 · Comment lottery “%2” · %3 × %4</source>
            <translation>第 %1 轮 · 评论抽奖「%2」· %3 × %4</translation>
        </message>
        <message>
            <location line="+6" />
            <source>#%1 · Like lottery · %2 × %3</source>
            <translation>第 %1 轮 · 点赞抽奖 · %2 × %3</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Opens by itself at %1 likes (now %2).</source>
            <translation>点赞达到 %1 时自动开始（当前 %2）。</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Drawn from %1 of %2 entrants (%3 left out by the exclusions).</source>
            <translation>从 %2 名参与者中的 %1 人里抽取（%3 人被排除）。</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Draw when you are ready.</source>
            <translation>准备好后即可开奖。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Ready</source>
            <translation>待开始</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open</source>
            <translation>进行中</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Closed</source>
            <translation>已停止参与</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drawn</source>
            <translation>已开奖</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Did not claim the prize: re-rolled</source>
            <translation>未领奖：已重抽</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../ui/main_window.py" line="+171" />
            <source>LiveDesk Console — %1</source>
            <translation>LiveDesk 场控台 — %1</translation>
        </message>
        <message>
            <location line="+100" />
            <source>On air</source>
            <translation>直播状态</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Comments</source>
            <translation>评论</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS</source>
            <translation>OBS</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Dashboard</source>
            <translation>数据看板</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lottery</source>
            <translation>抽奖</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Rundown</source>
            <translation>直播脚本</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Room</source>
            <translation>直播间</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Relay</source>
            <translation>中继</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Audit log</source>
            <translation>操作记录</translation>
        </message>
        <message>
            <location line="+15" />
            <source>&amp;LiveDesk</source>
            <translation>LiveDesk(&amp;D)</translation>
        </message>
        <message>
            <location line="+14" />
            <source>&amp;Goods</source>
            <translation>商品(&amp;G)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>L&amp;ottery</source>
            <translation>抽奖(&amp;O)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>R&amp;undown</source>
            <translation>脚本(&amp;U)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>O&amp;BS</source>
            <translation>OBS(&amp;B)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Room</source>
            <translation>直播间(&amp;R)</translation>
        </message>
        <message>
            <location line="+131" />
            <source>Settings saved; language, live room, operator, role and database apply next start.</source>
            <translation>设置已保存；语言、直播间、操作员、角色和数据库在下次启动时生效。</translation>
        </message>
        <message>
            <location line="+131" />
            <source>This show cannot be recorded</source>
            <translation>无法记录本场直播</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Live events are not taken in and nothing of this show is saved. OBS and the room controls still work.</source>
            <translation>不接收直播事件，本场直播的内容都不会保存。OBS 和直播间控制仍可使用。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Free the database or choose another one in Settings, then start LiveDesk again.</source>
            <translation>请修复数据库，或在“设置”中换一个数据库，然后重新启动 LiveDesk。</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Go on without recording</source>
            <translation>继续（不记录）</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <location line="-295" />
            <source>&amp;Show</source>
            <translation>直播(&amp;S)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Moderation</source>
            <translation>评论管理(&amp;M)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location line="+133" />
            <source>Settings saved.</source>
            <translation>设置已保存。</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The database is not open yet.</source>
            <translation>数据库尚未打开。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Folder for the review</source>
            <translation>选择复盘报告的保存位置</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Exporting the review…</source>
            <translation>正在导出复盘报告…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Review written to %1</source>
            <translation>复盘报告已保存到 %1</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Review export failed: %1</source>
            <translation>导出复盘报告失败：%1</translation>
        </message>
    </context>
    <context>
        <name>ModerationController</name>
        <message>
            <location filename="../../ui/controllers/moderation.py" line="+108" />
            <location line="+102" />
            <source>Select a comment first.</source>
            <translation>请先选中一条评论。</translation>
        </message>
        <message>
            <location line="-42" />
            <source>Copy text</source>
            <translation>复制内容</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Selected in the live feed, which stays on it.</source>
            <translation>已在实时评论中选中，评论流停在这一条。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This comment is no longer in the live feed: it keeps the newest %1 comments of the chosen filter.</source>
            <translation>这条评论已不在实时评论中：评论区只保留当前筛选下最新的 %1 条评论。</translation>
        </message>
        <message>
            <location line="+54" />
            <source>the database is not open yet</source>
            <translation>数据库尚未打开</translation>
        </message>
    </context>
    <context>
        <name>ObsController</name>
        <message>
            <location filename="../../ui/controllers/obs.py" line="+244" />
            <source>Open Settings… and enter OBS's WebSocket password. LiveDesk does not retry until then.</source>
            <translation>请打开“设置…”填写 OBS 的 WebSocket 密码。在此之前 LiveDesk 不会重试。</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Start OBS and enable its WebSocket server (Tools → WebSocket Server Settings). The rest of the console keeps working meanwhile.</source>
            <translation>请启动 OBS 并开启它的 WebSocket 服务器（工具 → WebSocket 服务器设置）。在此期间控制台的其他功能照常工作。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>OBS not reachable at %1 — next try in %2 s</source>
            <translation>无法连接 %1 上的 OBS — %2 秒后重试</translation>
        </message>
        <message>
            <location line="-18" />
            <source>Connected to OBS at %1</source>
            <translation>已连接 %1 上的 OBS</translation>
        </message>
        <message>
            <location line="-52" />
            <source>OBS cannot be used now: %1</source>
            <translation>现在无法使用 OBS：%1</translation>
        </message>
        <message>
            <location line="+44" />
            <source>OBS at %1 is not responding</source>
            <translation>%1 上的 OBS 无响应</translation>
        </message>
        <message>
            <location line="+2" />
            <source>OBS has answered nothing for 4 seconds: it may be frozen or overloaded. Everything continues when it answers again; if it stays frozen, restart OBS.</source>
            <translation>OBS 已 4 秒没有任何应答：可能卡死或过载。它恢复响应后一切照常继续；如果一直卡住，请重启 OBS。</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Connecting to OBS at %1…</source>
            <translation>正在连接 %1 上的 OBS…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>OBS at %1 refused the password</source>
            <translation>%1 上的 OBS 拒绝了密码</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Reconnecting to OBS at %1…</source>
            <translation>正在重新连接 %1 上的 OBS…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not connected to OBS</source>
            <translation>未连接 OBS</translation>
        </message>
    </context>
    <context>
        <name>ObsPanel</name>
        <message>
            <location filename="../../ui/panels/obs_panel.py" line="+111" />
            <source>Reconnect</source>
            <translation>重新连接</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Connect to OBS again now</source>
            <translation>立即重新连接 OBS</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Settings…</source>
            <translation>设置…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Where OBS runs, and its WebSocket password</source>
            <translation>OBS 的地址及其 WebSocket 密码</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Scenes</source>
            <translation>场景</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Audio</source>
            <translation>音频</translation>
        </message>
        <message>
            <location line="+46" />
            <source>FPS</source>
            <translation>帧率</translation>
        </message>
        <message>
            <location line="+1" />
            <source>CPU</source>
            <translation>CPU</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bitrate</source>
            <translation>码率</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Skipped frames</source>
            <translation>跳帧</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Dropped frames</source>
            <translation>丢帧</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Congestion</source>
            <translation>拥塞</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Frames OBS could not render or encode in time (render lag + encoding lag)</source>
            <translation>OBS 未能及时渲染或编码的帧（渲染延迟 + 编码延迟）</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Frames dropped because the network was too slow</source>
            <translation>因网络太慢而丢弃的帧</translation>
        </message>
        <message>
            <location line="+150" />
            <source>Switch OBS to scene %1%2</source>
            <translation>把 OBS 切换到场景 %1%2</translation>
        </message>
        <message>
            <location line="-190" />
            <source>Save replay</source>
            <translation>保存回放</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Restore my stream settings</source>
            <translation>恢复我的推流设置</translation>
        </message>
        <message>
            <location line="+186" />
            <source>Put %1 in preview%2</source>
            <translation>把 %1 放入预览%2</translation>
        </message>
        <message>
            <location line="+64" />
            <location line="+15" />
            <source>Start streaming</source>
            <translation>开始推流</translation>
        </message>
        <message>
            <location line="-15" />
            <location line="+17" />
            <source>Start recording</source>
            <translation>开始录制</translation>
        </message>
        <message>
            <location line="-15" />
            <source>Starting…</source>
            <translation>正在开始…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Stopping…</source>
            <translation>正在停止…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reconnecting %1</source>
            <translation>重连中 %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Paused %1</source>
            <translation>已暂停 %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>LIVE %1</source>
            <translation>直播中 %1</translation>
        </message>
        <message>
            <location line="+0" />
            <source>REC %1</source>
            <translation>录制中 %1</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Stop streaming</source>
            <translation>停止推流</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Stop recording</source>
            <translation>停止录制</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Resume</source>
            <translation>继续</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Resume the recording</source>
            <translation>继续录制</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Pause the recording</source>
            <translation>暂停录制</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Replay buffer on</source>
            <translation>回放缓存 开</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Replay buffer off</source>
            <translation>回放缓存 关</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Stop the replay buffer</source>
            <translation>停止回放缓存</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Start the replay buffer</source>
            <translation>开始回放缓存</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Save the last seconds to a file</source>
            <translation>把最近一段保存为文件</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Virtual camera on</source>
            <translation>虚拟摄像机 开</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Virtual camera off</source>
            <translation>虚拟摄像机 关</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Stop the virtual camera</source>
            <translation>关闭虚拟摄像机</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Start the virtual camera</source>
            <translation>开启虚拟摄像机</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Not while OBS streams: stop the stream first</source>
            <translation>推流中不能更改：请先停止推流</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Put back the stream settings OBS had before the room's push address</source>
            <translation>恢复使用直播间推流地址之前 OBS 里的推流设置</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Frames are being dropped or the network is congested</source>
            <translation>正在丢帧或网络拥塞</translation>
        </message>
    </context>
    <context>
        <name>ObsSettingsDialog</name>
        <message>
            <location filename="../../ui/dialogs/obs_settings.py" line="+42" />
            <source>OBS connection</source>
            <translation>OBS 连接</translation>
        </message>
        <message>
            <location line="+12" />
            <source>empty if OBS asks for none</source>
            <translation>OBS 未设置密码时留空</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Host</source>
            <translation>主机</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Port</source>
            <translation>端口</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <location line="+4" />
            <source>In OBS: Tools → WebSocket Server Settings. Enable the server there; “Show Connect Info” shows the port and password.</source>
            <translation>在 OBS 中：工具 → WebSocket 服务器设置。在那里开启服务器；“显示连接信息”会显示端口和密码。</translation>
        </message>
        <message>
            <location line="+13" />
            <source>The password is kept in the system keyring.</source>
            <translation>密码保存在系统钥匙串中。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This computer has no secure password store: the password is used for this run only and asked again next time.</source>
            <translation>本机没有安全的密码存储：密码只在本次运行中使用，下次需要重新输入。</translation>
        </message>
    </context>
    <context>
        <name>OnAirBar</name>
        <message>
            <location filename="../../ui/panels/on_air_bar.py" line="+28" />
            <source>OBS not controlled here</source>
            <translation>本机未控制 OBS</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not live</source>
            <translation>未开播</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Starting the stream…</source>
            <translation>正在开始推流…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>● LIVE %1</source>
            <translation>● 直播中 %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stream reconnecting %1 s</source>
            <translation>推流重连中 %1 秒</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stopping the stream…</source>
            <translation>正在停止推流…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stream dropped</source>
            <translation>推流中断</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The connection to OBS broke while streaming: check OBS.</source>
            <translation>推流时与 OBS 的连接断开：请检查 OBS。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>OBS stopped streaming without anyone asking: start the stream again.</source>
            <translation>OBS 在无人操作时停止了推流：请重新开始推流。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>OBS connected</source>
            <translation>OBS 已连接</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS connecting</source>
            <translation>OBS 连接中</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS reconnecting</source>
            <translation>OBS 重连中</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS refused the password</source>
            <translation>OBS 密码错误</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS not connected</source>
            <translation>OBS 未连接</translation>
        </message>
        <message>
            <location line="+3" />
            <source>OBS lost the streaming server and is reconnecting: viewers see a frozen picture.</source>
            <translation>OBS 与推流服务器断开，正在重连：观众看到的是静止画面。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>OBS has answered nothing for 4 seconds: it may be frozen or overloaded. Check the OBS computer.</source>
            <translation>OBS 已 4 秒没有任何应答：可能卡死或过载。请检查 OBS 所在的电脑。</translation>
        </message>
        <message>
            <location line="+20" />
            <source>All comments banned</source>
            <translation>全员禁言中</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Allow comments</source>
            <translation>解除禁言</translation>
        </message>
        <message>
            <location line="+36" />
            <source>OBS not responding</source>
            <translation>OBS 无响应</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Not recording</source>
            <translation>未录制</translation>
        </message>
        <message>
            <location line="+3" />
            <source>● REC %1</source>
            <translation>● 录制中 %1</translation>
        </message>
        <message>
            <location line="+5" />
            <source>No goods pushed yet</source>
            <translation>尚未推送商品</translation>
        </message>
        <message>
            <location line="+3" />
            <source>On screen: no. %1 %2 (%3 ago)</source>
            <translation>讲解中：%1号 %2（%3前推送）</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Lottery open: %1</source>
            <translation>抽奖进行中：%1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Lottery open: %1, %2 left</source>
            <translation>抽奖进行中：%1，剩 %2</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <location line="+7" />
            <source>over %1</source>
            <translation>超时 %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1 left</source>
            <translation>剩 %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Segment %1 %2 · %3</source>
            <translation>环节 %1 %2 · %3</translation>
        </message>
        <message>
            <location line="+23" />
            <source>%1 s</source>
            <translation>%1 秒</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 min</source>
            <translation>%1 分钟</translation>
        </message>
    </context>
    <context>
        <name>PrompterWindow</name>
        <message>
            <location filename="../../ui/prompter_window.py" line="+26" />
            <source>Prompter</source>
            <translation>提词器</translation>
        </message>
        <message>
            <location line="+70" />
            <source>Next: %1</source>
            <translation>下一段：%1</translation>
        </message>
    </context>
    <context>
        <name>RelayController</name>
        <message>
            <location filename="../../ui/controllers/relay.py" line="+45" />
            <source>Copied to the clipboard</source>
            <translation>已复制到剪贴板</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Relay settings saved: they take effect the next time LiveDesk starts with the relay.</source>
            <translation>中继设置已保存：下次以中继方式启动 LiveDesk 时生效。</translation>
        </message>
    </context>
    <context>
        <name>RelayIntro</name>
        <message>
            <location filename="../../ui/panels/relay_panel.py" line="+156" />
            <source>The relay lets your own programs feed comments, likes and viewer counts into LiveDesk and carry out its moderation commands: start LiveDesk with %1 to use it (docs/relay.md describes the protocol).</source>
            <translation>中继让你自己的程序把评论、点赞和在线人数送进 LiveDesk，并执行它发出的评论管理命令：用 %1 启动 LiveDesk 即可使用（协议见 docs/relay.md）。</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Settings…</source>
            <translation>设置…</translation>
        </message>
    </context>
    <context>
        <name>RelayPanel</name>
        <message>
            <location line="-124" />
            <source>Settings…</source>
            <translation>设置…</translation>
        </message>
        <message>
            <location line="+9" />
            <source>WebSocket</source>
            <translation>WebSocket</translation>
        </message>
        <message>
            <location line="+1" />
            <source>HTTP POST</source>
            <translation>HTTP POST</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Access</source>
            <translation>访问</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Token required: every source must send the relay token.</source>
            <translation>需要令牌：每个来源都必须发送中继令牌。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This computer only: sources need no token.</source>
            <translation>仅限本机：来源无需令牌。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The relay is not listening; the status bar says why.</source>
            <translation>中继没有在监听，原因见状态栏。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Other computers use this computer's network address in place of %1.</source>
            <translation>其他电脑请把 %1 换成本机的网络地址。</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Connected sources: %1</source>
            <translation>已连接的来源：%1</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copy the address</source>
            <translation>复制地址</translation>
        </message>
    </context>
    <context>
        <name>RelaySettingsDialog</name>
        <message>
            <location filename="../../ui/dialogs/relay_settings.py" line="+125" />
            <source>Relay settings</source>
            <translation>中继设置</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This computer only</source>
            <translation>仅限本机</translation>
        </message>
        <message>
            <location line="+1" />
            <source>All network interfaces (LAN)</source>
            <translation>所有网络接口（局域网）</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This address:</source>
            <translation>指定地址：</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Listen on</source>
            <translation>监听地址</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Port</source>
            <translation>端口</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Create a token first: other computers must send it with every request.</source>
            <translation>请先生成令牌：其他电脑的每个请求都必须带上它。</translation>
        </message>
        <message>
            <location line="+6" />
            <source>These settings take effect the next time LiveDesk starts with the relay. Open the relay to the LAN only on a network you trust.</source>
            <translation>这些设置在下次以中继方式启动 LiveDesk 时生效。只在你信任的网络上向局域网开放中继。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Listening</source>
            <translation>监听</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Makes a new token; sources that connect from now on must send the new one.</source>
            <translation>生成新令牌；之后连接的来源必须使用新令牌。</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Copy the token now: it is shown only this once. Sources send it in the header Authorization: Bearer &lt;token&gt; (see docs/relay.md).</source>
            <translation>请立即复制令牌：它只显示这一次。来源在请求头 Authorization: Bearer &lt;令牌&gt; 中发送它（见 docs/relay.md）。</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Access token</source>
            <translation>访问令牌</translation>
        </message>
        <message>
            <location line="+95" />
            <source>Checking the password store…</source>
            <translation>正在检查密码存储…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>There is no secure password store on this computer, so the relay cannot have a token and listens on this computer only.</source>
            <translation>本机没有安全的密码存储，因此中继无法设置令牌，只在本机监听。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No token yet.</source>
            <translation>尚未生成令牌。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A token is set. It is kept in the system password store and not shown again.</source>
            <translation>令牌已设置。它保存在系统密码存储中，不会再次显示。</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Rotate token</source>
            <translation>更换令牌</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Create token</source>
            <translation>生成令牌</translation>
        </message>
    </context>
    <context>
        <name>RelaySourcesModel</name>
        <message>
            <location filename="../../ui/models/relay_sources.py" line="+57" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Events/s</source>
            <translation>事件/秒</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Accepted</source>
            <translation>已接收</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Rejected</source>
            <translation>已拒绝</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Dropped</source>
            <translation>已丢弃</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Can do</source>
            <translation>能力</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Connected</source>
            <translation>连接时间</translation>
        </message>
        <message>
            <location line="+3" />
            <source>live events</source>
            <translation>直播事件</translation>
        </message>
        <message>
            <location line="+1" />
            <source>delete comments</source>
            <translation>删除评论</translation>
        </message>
        <message>
            <location line="+1" />
            <source>mute users</source>
            <translation>禁言用户</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ban all comments</source>
            <translation>全员禁言</translation>
        </message>
        <message>
            <location line="+1" />
            <source>push goods</source>
            <translation>推送商品</translation>
        </message>
        <message>
            <location line="+1" />
            <source>goods on/off sale</source>
            <translation>商品上下架</translation>
        </message>
        <message>
            <location line="+1" />
            <source>sort goods</source>
            <translation>商品排序</translation>
        </message>
        <message>
            <location line="+1" />
            <source>import goods</source>
            <translation>导入商品</translation>
        </message>
        <message>
            <location line="+2" />
            <source>events only</source>
            <translation>仅事件</translation>
        </message>
        <message>
            <location line="+88" />
            <source>%1 events did not follow the event schema and %2 were over the rate limit; the source was told which (docs/relay.md).</source>
            <translation>%1 条事件不符合事件格式，%2 条超出速率限制；已告知来源具体是哪些（见 docs/relay.md）。</translation>
        </message>
    </context>
    <context>
        <name>ReminderDialog</name>
        <message>
            <location filename="../../ui/dialogs/room_actions.py" line="+38" />
            <source>Live reminder to subscribers</source>
            <translation>向订阅者发送开播提醒</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Paste the openids of the viewers who subscribed to the room's reminders, one per line (or separated by commas), or load them from a text/CSV file.</source>
            <translation>粘贴订阅了开播提醒的观众 openid，每行一个（或用逗号分隔），也可以从文本/CSV 文件加载。</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Load from file…</source>
            <translation>从文件加载…</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Send reminder</source>
            <translation>发送提醒</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Subscribers' openids</source>
            <translation>订阅者 openid</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Text or CSV (*.txt *.csv);;All (*)</source>
            <translation>文本或 CSV (*.txt *.csv);;所有文件 (*)</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The file could not be read: %1</source>
            <translation>无法读取文件：%1</translation>
        </message>
        <message numerus="yes">
            <location line="+6" />
            <source>%n subscriber(s)</source>
            <translation>
                <numerusform>%n 位订阅者</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReviewCharts</name>
        <message>
            <location filename="../../ui/review_export.py" line="+70" />
            <source>Online viewers</source>
            <translation>在线人数</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Likes (cumulative)</source>
            <translation>累计点赞</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Comments per minute (left) and likes per minute (right)</source>
            <translation>每分钟评论（左轴）与每分钟点赞（右轴）</translation>
        </message>
    </context>
    <context>
        <name>RoomController</name>
        <message>
            <location filename="../../ui/controllers/room.py" line="+100" />
            <source>Updated at %1</source>
            <translation>更新于 %1</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+67" />
            <source>Room %1</source>
            <translation>直播间 %1</translation>
        </message>
        <message>
            <location line="-62" />
            <source>Room %1 · %2 · %3</source>
            <translation>直播间 %1 · %2 · %3</translation>
        </message>
        <message>
            <location line="+20" />
            <source>All comments are banned (switch it in the Comments panel).</source>
            <translation>已开启全员禁言（在评论面板中切换）。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Comments are allowed (ban all is in the Comments panel).</source>
            <translation>允许评论（全员禁言在评论面板中）。</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Push URL copied to the clipboard</source>
            <translation>推流地址已复制到剪贴板</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Copied to the clipboard</source>
            <translation>已复制到剪贴板</translation>
        </message>
    </context>
    <context>
        <name>RoomPanel</name>
        <message>
            <location filename="../../ui/dialogs/room_actions.py" line="-148" />
            <source>WeChat sends a live reminder once a day, for one room only (across all rooms of the mini program), and only while that room is live.</source>
            <translation>微信每天只能发送一次开播提醒，只限一个直播间（小程序所有直播间合计），并且只能在该直播间直播中时发送。</translation>
        </message>
        <message>
            <location filename="../../ui/panels/room_panel.py" line="+45" />
            <source>Live</source>
            <translation>直播中</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not started</source>
            <translation>未开始</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ended</source>
            <translation>已结束</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Banned</source>
            <translation>已禁播</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Paused</source>
            <translation>已暂停</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Abnormal</source>
            <translation>异常</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Expired</source>
            <translation>已过期</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <location line="+47" />
            <source>Room functions (room status, replay, assistants, push URL, share code, live reminders) need the WeChat connector. Enter the mini program's AppID and AppSecret in the WeChat settings, then start LiveDesk with the WeChat connector.</source>
            <translation>直播间功能（直播状态、回放、小助手、推流地址、分享码、开播提醒）需要微信连接。请在微信设置中填写小程序的 AppID 和 AppSecret，然后以微信方式启动 LiveDesk。</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Rooms</source>
            <translation>直播间</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Room</source>
            <translation>直播间</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Starts</source>
            <translation>开始时间</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Anchor</source>
            <translation>主播</translation>
        </message>
        <message>
            <location line="+19" />
            <source>This room</source>
            <translation>本直播间</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Replay available after the show</source>
            <translation>直播结束后提供回放</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Add assistant…</source>
            <translation>添加小助手…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Push URL (for OBS)</source>
            <translation>推流地址（给 OBS 用）</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Not fetched yet</source>
            <translation>尚未获取</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The stream key is hidden here; Copy puts the whole address on the clipboard.</source>
            <translation>这里隐藏了推流码；“复制”会把完整地址放到剪贴板。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Get push URL</source>
            <translation>获取推流地址</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Send to OBS</source>
            <translation>发送到 OBS</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Share code</source>
            <translation>分享码</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Get share code</source>
            <translation>获取分享码</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Page path of the room</source>
            <translation>直播间页面路径</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copy path</source>
            <translation>复制路径</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+2" />
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <location line="-1" />
            <location line="+2" />
            <source>Copy link</source>
            <translation>复制链接</translation>
        </message>
        <message>
            <location line="+14" />
            <source>QR code</source>
            <translation>二维码</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Poster</source>
            <translation>海报</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Live reminder</source>
            <translation>开播提醒</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Send live reminder…</source>
            <translation>发送开播提醒…</translation>
        </message>
        <message>
            <location line="+9" />
            <source>WeChat settings…</source>
            <translation>微信设置…</translation>
        </message>
        <message>
            <location line="+41" />
            <source>The room this console runs</source>
            <translation>本控制台正在管理的直播间</translation>
        </message>
    </context>
    <context>
        <name>RundownController</name>
        <message>
            <location filename="../../ui/controllers/rundown.py" line="+109" />
            <source>Open rundown</source>
            <translation>打开直播脚本</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+46" />
            <source>Rundown (*.json)</source>
            <translation>直播脚本 (*.json)</translation>
        </message>
        <message>
            <location line="-32" />
            <source>Cannot read the rundown: %1</source>
            <translation>无法读取直播脚本：%1</translation>
        </message>
        <message>
            <location line="+26" />
            <source>There is no rundown to save.</source>
            <translation>没有可保存的直播脚本。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Save rundown</source>
            <translation>保存直播脚本</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Rundown saved: %1</source>
            <translation>直播脚本已保存：%1</translation>
        </message>
    </context>
    <context>
        <name>RundownPanel</name>
        <message>
            <location filename="../../ui/panels/rundown_panel.py" line="+111" />
            <source>Open…</source>
            <translation>打开…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Template</source>
            <translation>模板</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Prompter</source>
            <translation>提词器</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show the prompter full screen on this screen</source>
            <translation>在所选屏幕上全屏显示提词器</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Message to the anchor, e.g. 还有 2 分钟</source>
            <translation>给主播的提示，如：还有 2 分钟</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Send</source>
            <translation>发送</translation>
        </message>
        <message>
            <location line="+31" />
            <source>No rundown: open a file or start from the template</source>
            <translation>没有直播脚本：打开文件，或从模板开始</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Rundown</source>
            <translation>直播脚本</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Planned %1</source>
            <translation>计划 %1</translation>
        </message>
        <message>
            <location line="+35" />
            <source>On air</source>
            <translation>进行中</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Skipped</source>
            <translation>已跳过</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The rundown is over</source>
            <translation>直播脚本已走完</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Press GO to start</source>
            <translation>按 GO 开始</translation>
        </message>
        <message>
            <location line="+6" />
            <source> (paused)</source>
            <translation>（已暂停）</translation>
        </message>
        <message>
            <location line="+2" />
            <source>On air: %1. %2</source>
            <translation>正在进行：%1. %2</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Next: %1</source>
            <translation>下一段：%1</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Show left %1</source>
            <translation>全场剩余 %1</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1 over</source>
            <translation>超时 %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1 under</source>
            <translation>提前 %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>On time</source>
            <translation>准时</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Scene</source>
            <translation>场景</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lottery</source>
            <translation>抽奖</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Talking points</source>
            <translation>话术要点</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cues</source>
            <translation>提示动作</translation>
        </message>
        <message>
            <location line="+36" />
            <source>failed</source>
            <translation>失败</translation>
        </message>
    </context>
    <context>
        <name>SearchDialog</name>
        <message>
            <location filename="../../ui/dialogs/search.py" line="+44" />
            <source>Search comments</source>
            <translation>搜索评论</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Nickname or text, e.g. 尺码</source>
            <translation>昵称或内容，例如：尺码</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Searching…</source>
            <translation>正在搜索…</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1 result(s), newest at the bottom</source>
            <translation>找到 %1 条，最新的在最下面</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Search failed: %1</source>
            <translation>搜索失败：%1</translation>
        </message>
    </context>
    <context>
        <name>SegmentTable</name>
        <message>
            <location filename="../../ui/panels/rundown_panel.py" line="-262" />
            <source>Segment</source>
            <translation>环节</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Planned</source>
            <translation>计划时长</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <location line="+0" />
            <source>State</source>
            <translation>状态</translation>
        </message>
    </context>
    <context>
        <name>SessionStopper</name>
        <message>
            <location filename="../../ui/session_stopper.py" line="+79" />
            <source>Quitting LiveDesk</source>
            <translation>正在退出 LiveDesk</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Saving %1 items…</source>
            <translation>正在保存 %1 条…</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../ui/dialogs/settings.py" line="+45" />
            <location line="+181" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location line="-178" />
            <source>General</source>
            <translation>常规</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Shortcuts</source>
            <translation>快捷键</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Connections</source>
            <translation>连接</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Follow the system</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <location line="+13" />
            <source>the computer's login name</source>
            <translation>电脑的登录名</translation>
        </message>
        <message>
            <location line="+11" />
            <source>empty: SQLite in your data folder</source>
            <translation>留空：使用数据文件夹中的 SQLite</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Theme</source>
            <translation>主题</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Live room at start</source>
            <translation>启动时的直播间</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Operator name (audit log)</source>
            <translation>操作员名称（用于操作日志）</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Role at this desk</source>
            <translation>本机角色</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Database URL</source>
            <translation>数据库地址</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Language, live room and database take effect the next time LiveDesk starts; theme and shortcuts at once. A shared database (PostgreSQL) lets several desks work on one show, e.g. postgresql://user@server/livedesk.</source>
            <translation>语言、直播间和数据库在下次启动 LiveDesk 时生效；主题和快捷键立即生效。使用共享数据库（PostgreSQL）可以让多个工位协作同一场直播，例如 postgresql://user@server/livedesk。</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Shortcut</source>
            <translation>快捷键</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Restore the default shortcuts</source>
            <translation>恢复默认快捷键</translation>
        </message>
        <message>
            <location line="+13" />
            <source>OBS connection…</source>
            <translation>OBS 连接…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>WeChat mini program (AppID, AppSecret, room)…</source>
            <translation>微信小程序（AppID、AppSecret、直播间）…</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Relay (address, port, token)…</source>
            <translation>中继（地址、端口、令牌）…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Passwords and secrets are kept in the system keyring, never in a file.</source>
            <translation>密码和密钥保存在系统钥匙串中，绝不写入文件。</translation>
        </message>
        <message>
            <location line="+42" />
            <source>The database URL is not valid: %1</source>
            <translation>数据库地址无效：%1</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1 is used by both “%2” and “%3”.</source>
            <translation>%1 同时用于“%2”和“%3”。</translation>
        </message>
    </context>
    <context>
        <name>ShowListDialog</name>
        <message>
            <location filename="../../ui/show_history.py" line="+43" />
            <source>Past shows</source>
            <translation>历史直播</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Show</source>
            <translation>场次</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Started</source>
            <translation>开始时间</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Length</source>
            <translation>时长</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Comments</source>
            <translation>评论</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <location line="+27" />
            <source>%1 show(s)</source>
            <translation>共 %1 场</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Could not load: %1</source>
            <translation>无法加载：%1</translation>
        </message>
    </context>
    <context>
        <name>ShowStatusBar</name>
        <message>
            <location filename="../../ui/status_bar.py" line="+86" />
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
    </context>
    <context>
        <name>ShowViewer</name>
        <message>
            <location filename="../../ui/show_history.py" line="+21" />
            <source>Show #%1 (read-only)</source>
            <translation>第 %1 场（只读）</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export review…</source>
            <translation>导出复盘报告…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Show length %1</source>
            <translation>直播时长 %1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Folder for the review</source>
            <translation>选择复盘报告的保存位置</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Exporting…</source>
            <translation>正在导出…</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Review written to %1</source>
            <translation>复盘报告已保存到 %1</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Export failed</source>
            <translation>导出失败</translation>
        </message>
    </context>
    <context>
        <name>SourcesBox</name>
        <message>
            <location filename="../../ui/panels/obs_sources.py" line="+50" />
            <source>Sources of %1</source>
            <translation>%1 的来源</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Shown in the scene when ticked</source>
            <translation>勾选时在场景中显示</translation>
        </message>
        <message>
            <location line="+29" />
            <source>This scene has no sources.</source>
            <translation>这个场景没有来源。</translation>
        </message>
    </context>
    <context>
        <name>StorageState</name>
        <message>
            <location filename="../../ui/storage_state.py" line="+39" />
            <source>Saved</source>
            <translation>已保存</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Saving stopped unexpectedly; the log file has the details.</source>
            <translation>保存意外停止，详情见日志文件。</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Not recorded</source>
            <translation>未记录</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This show is not recorded: live events are not taken in. OBS and the room controls still work.</source>
            <translation>本场直播没有记录：不接收直播事件。OBS 和直播间控制仍可使用。</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Nothing more is saved; %1 items wait unsaved.</source>
            <translation>之后的内容不再保存；%1 条尚未保存。</translation>
        </message>
        <message>
            <location line="+16" />
            <source>%1 items wait to be saved; they are kept while LiveDesk runs.</source>
            <translation>%1 条等待保存；LiveDesk 运行期间它们都会保留。</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Saving failed · retrying now</source>
            <translation>保存失败 · 正在重试</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Saving failed · retrying in %1 s</source>
            <translation>保存失败 · %1 秒后重试</translation>
        </message>
    </context>
    <context>
        <name>StudioBar</name>
        <message>
            <location filename="../../ui/panels/obs_studio.py" line="+41" />
            <source>Studio mode</source>
            <translation>工作室模式</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Scenes go to a preview first; Take puts the preview on air</source>
            <translation>场景先进入预览；按“切换”把预览上播</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The transition of scene switches and of Take</source>
            <translation>切换场景和“切换”时使用的转场</translation>
        </message>
        <message>
            <location line="+8" />
            <source> ms</source>
            <translation> 毫秒</translation>
        </message>
        <message>
            <location line="+2" />
            <source>How long the transition takes</source>
            <translation>转场持续的时间</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Keys on air</source>
            <translation>按键直接上播</translation>
        </message>
        <message>
            <location line="+49" />
            <source>Take: %1</source>
            <translation>切换上播：%1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Take</source>
            <translation>切换上播</translation>
        </message>
        <message>
            <location line="-15" />
            <source>Put %1 on air (on air now: %2)</source>
            <translation>把 %1 切换上播（当前直播：%2）</translation>
        </message>
        <message>
            <location line="-33" />
            <source>In studio mode, scene buttons and keys skip the preview and go on air</source>
            <translation>工作室模式下，场景按钮和快捷键跳过预览直接上播</translation>
        </message>
    </context>
    <context>
        <name>UserCardDialog</name>
        <message>
            <location filename="../../ui/dialogs/user_card.py" line="+51" />
            <source>User: %1</source>
            <translation>用户：%1</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Mute 10 minutes</source>
            <translation>禁言 10 分钟</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Mute for this show</source>
            <translation>本场禁言</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Unmute</source>
            <translation>解除禁言</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Comments in this show</source>
            <translation>本场评论</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Moderation history</source>
            <translation>管理记录</translation>
        </message>
        <message>
            <location line="+16" />
            <source>not muted</source>
            <translation>未禁言</translation>
        </message>
        <message>
            <location line="+2" />
            <source>muted for the rest of the show</source>
            <translation>本场禁言中</translation>
        </message>
        <message>
            <location line="+2" />
            <source>muted until %1</source>
            <translation>禁言至 %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>on the blocklist</source>
            <translation>在黑名单中</translation>
        </message>
        <message>
            <location line="+0" />
            <source>not on the blocklist</source>
            <translation>不在黑名单中</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Remove from blocklist</source>
            <translation>移出黑名单</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Add to blocklist</source>
            <translation>加入黑名单</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Comments in this show: %1</source>
            <translation>本场评论：%1 条</translation>
        </message>
        <message>
            <location line="+6" />
            <source>No moderation actions yet</source>
            <translation>暂无管理记录</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Could not load: %1</source>
            <translation>无法加载：%1</translation>
        </message>
    </context>
    <context>
        <name>WeChatSettingsDialog</name>
        <message>
            <location filename="../../ui/dialogs/wechat_settings.py" line="+47" />
            <source>WeChat live settings</source>
            <translation>微信直播设置</translation>
        </message>
        <message>
            <location line="+23" />
            <source>AppID</source>
            <translation>AppID</translation>
        </message>
        <message>
            <location line="+1" />
            <source>AppSecret</source>
            <translation>AppSecret</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Room ID</source>
            <translation>直播间 ID</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The AppSecret is kept in the system's password store (keyring), never in LiveDesk's files or logs. Leave the field empty to keep the stored one. Changes apply the next time LiveDesk connects to WeChat.</source>
            <translation>AppSecret 保存在系统密码存储（钥匙串）中，绝不写入 LiveDesk 的文件或日志。留空则保留已存的值。修改在 LiveDesk 下次连接微信时生效。</translation>
        </message>
        <message>
            <location line="+60" />
            <source>Stored in the system keyring</source>
            <translation>已保存在系统钥匙串中</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stored — type to replace it</source>
            <translation>已保存 — 输入新值即可替换</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Not stored yet</source>
            <translation>尚未保存</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Paste the AppSecret</source>
            <translation>粘贴 AppSecret</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Enter the AppID.</source>
            <translation>请填写 AppID。</translation>
        </message>
    </context>
    <context>
        <name>audit</name>
        <message>
            <location filename="../../console/audit.py" line="+32" />
            <source>Mute audio</source>
            <translation>音频静音</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Unmute audio</source>
            <translation>取消音频静音</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Show source</source>
            <translation>显示来源</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Hide source</source>
            <translation>隐藏来源</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Turn replay on</source>
            <translation>开启回放</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Turn replay off</source>
            <translation>关闭回放</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Take goods off sale</source>
            <translation>商品下架</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Allow comments again</source>
            <translation>解除全员禁言</translation>
        </message>
        <message>
            <location line="+7" />
            <source>OBS connection lost</source>
            <translation>OBS 连接断开</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stream dropped</source>
            <translation>推流中断</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stream reconnecting</source>
            <translation>推流重连中</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS not responding</source>
            <translation>OBS 无响应</translation>
        </message>
    </context>
    <context>
        <name>charts</name>
        <message>
            <location filename="../../ui/charts.py" line="+45" />
            <source>Push</source>
            <translation>推送</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lottery open</source>
            <translation>抽奖开始</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lottery draw</source>
            <translation>开奖</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Scene</source>
            <translation>场景</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Moderation</source>
            <translation>评论管理</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Comments banned</source>
            <translation>全员禁言</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Comments allowed</source>
            <translation>解除全员禁言</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stream started</source>
            <translation>开始推流</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stream stopped</source>
            <translation>停止推流</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stream dropped</source>
            <translation>推流中断</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stream reconnecting</source>
            <translation>推流重连</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS lost</source>
            <translation>OBS 断开</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS not responding</source>
            <translation>OBS 无响应</translation>
        </message>
    </context>
    <context>
        <name>commands</name>
        <message>
            <location filename="../../console/commands/table.py" line="+49" />
            <source>Delete comment</source>
            <translation>删除评论</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Mute user</source>
            <translation>禁言用户</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Mute 1 minute</source>
            <translation>禁言 1 分钟</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Mute 10 minutes</source>
            <translation>禁言 10 分钟</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Mute 1 hour</source>
            <translation>禁言 1 小时</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Mute for this show</source>
            <translation>本场禁言</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Unmute</source>
            <translation>解除禁言</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Add to blocklist</source>
            <translation>加入黑名单</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Remove from blocklist</source>
            <translation>移出黑名单</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Ban all comments</source>
            <translation>全员禁言</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Allow comments again</source>
            <translation>解除全员禁言</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Set keyword rules</source>
            <translation>设置关键词规则</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Push goods</source>
            <translation>推送商品</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Push goods no. %n</source>
            <translation>推送 %n 号商品</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Put goods on sale</source>
            <translation>商品上架</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Take goods off sale</source>
            <translation>商品下架</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Sort goods</source>
            <translation>商品排序</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Import goods</source>
            <translation>导入商品</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Refresh goods</source>
            <translation>刷新商品</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Create lottery</source>
            <translation>创建抽奖</translation>
        </message>
        <message>
            <location line="+47" />
            <source>Open lottery</source>
            <translation>开始抽奖</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close lottery</source>
            <translation>停止参与</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Draw winners</source>
            <translation>开奖</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Re-roll one winner</source>
            <translation>重抽一名</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Export lottery proof</source>
            <translation>导出抽奖证明</translation>
        </message>
        <message>
            <location line="+60" />
            <source>Switch scene</source>
            <translation>切换场景</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Switch to scene %n</source>
            <translation>切换到场景 %n</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Take (preview to program)</source>
            <translation>切换（预览上播）</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Studio mode on/off</source>
            <translation>工作室模式 开/关</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Scene keys go straight on air</source>
            <translation>场景键直接上播</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Choose transition</source>
            <translation>选择转场</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Show/hide source</source>
            <translation>显示/隐藏来源</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Mute/unmute audio</source>
            <translation>音频静音/取消静音</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Mute/unmute microphone</source>
            <translation>麦克风静音/取消静音</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Choose the microphone</source>
            <translation>选择麦克风</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Start streaming</source>
            <translation>开始推流</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Stop streaming</source>
            <translation>停止推流</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Start/stop streaming</source>
            <translation>开始/停止推流</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Start recording</source>
            <translation>开始录制</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Stop recording</source>
            <translation>停止录制</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Start/stop recording</source>
            <translation>开始/停止录制</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Pause recording</source>
            <translation>暂停录制</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Resume recording</source>
            <translation>继续录制</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pause/resume recording</source>
            <translation>暂停/继续录制</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start the replay buffer</source>
            <translation>开始回放缓存</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stop the replay buffer</source>
            <translation>停止回放缓存</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start/stop the replay buffer</source>
            <translation>开始/停止回放缓存</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save replay</source>
            <translation>保存回放</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start the virtual camera</source>
            <translation>开启虚拟摄像机</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stop the virtual camera</source>
            <translation>关闭虚拟摄像机</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Start/stop the virtual camera</source>
            <translation>开启/关闭虚拟摄像机</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Stream to the room's push address</source>
            <translation>推流到本直播间的推流地址</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Restore my OBS stream settings</source>
            <translation>恢复我的 OBS 推流设置</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Replay on/off</source>
            <translation>开启/关闭回放</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Add assistant</source>
            <translation>添加小助手</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Send live reminder</source>
            <translation>发送开播提醒</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Get push address</source>
            <translation>获取推流地址</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Get share code</source>
            <translation>获取分享码</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Next segment (GO)</source>
            <translation>下一段（GO）</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Previous segment</source>
            <translation>上一段</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Pause/resume the rundown</source>
            <translation>暂停/继续直播脚本</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Jump to segment</source>
            <translation>跳到某一段</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Skip segment</source>
            <translation>跳过某一段</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Send to the prompter</source>
            <translation>送到提词器</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Message to the anchor</source>
            <translation>给主播发提示</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Clear the prompter</source>
            <translation>清空提词器</translation>
        </message>
        <message>
            <location line="+4" />
            <source>End this show</source>
            <translation>结束本场直播</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Start a new show</source>
            <translation>开始新的一场</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <location filename="../../ui/view_commands.py" line="+41" />
            <source>User card</source>
            <translation>用户名片</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Search comments</source>
            <translation>搜索评论</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Keyword rules…</source>
            <translation>关键词规则…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Jump to newest comment</source>
            <translation>跳到最新评论</translation>
        </message>
        <message>
            <location line="+1" />
            <source>New lottery…</source>
            <translation>新建抽奖…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Import goods…</source>
            <translation>导入商品…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Past shows…</source>
            <translation>历史直播…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Export this show's review…</source>
            <translation>导出本场复盘报告…</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Settings…</source>
            <translation>设置…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open log folder</source>
            <translation>打开日志文件夹</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reset the layout</source>
            <translation>恢复默认布局</translation>
        </message>
    </context>
    <context>
        <name>entries</name>
        <message>
            <location filename="../../console/commands/spec.py" line="+37" />
            <source>Menu</source>
            <translation>菜单</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Shortcut</source>
            <translation>快捷键</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Button</source>
            <translation>按钮</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Control API</source>
            <translation>控制接口</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Rundown</source>
            <translation>直播脚本</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other desk</source>
            <translation>另一席位</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Automatic</source>
            <translation>自动</translation>
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
            <location filename="../../console/goods_service.py" line="+245" />
            <source>No. {number} {name} was pushed {seconds} s ago; wait {wait} s before pushing it again.</source>
            <translation>{number} 号 {name} 刚在 {seconds} 秒前推送过，请 {wait} 秒后再推。</translation>
        </message>
        <message>
            <location filename="../../console/commands/bindings.py" line="+55" />
            <source>Comment {comment} is not among this show's recent comments.</source>
            <translation>评论 {comment} 不在本场最近的评论里。</translation>
        </message>
        <message>
            <location line="+48" />
            <location filename="../../console/goods_service.py" line="-19" />
            <source>The goods list is not loaded yet.</source>
            <translation>商品列表还没有加载好。</translation>
        </message>
        <message>
            <location line="+4" />
            <location filename="../../console/goods_service.py" line="+4" />
            <source>There is no goods no. {number} in the room.</source>
            <translation>直播间里没有 {number} 号商品。</translation>
        </message>
        <message>
            <location line="+58" />
            <source>Lottery #{number} is not open yet.</source>
            <translation>第 {number} 轮抽奖还没有开始。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lottery #{number} is open: draw it first.</source>
            <translation>第 {number} 轮抽奖正在进行：请先开奖。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lottery #{number} is closed: draw its winners first.</source>
            <translation>第 {number} 轮抽奖已停止参与：请先开奖。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Lottery #{number} is drawn already.</source>
            <translation>第 {number} 轮已经开过奖了。</translation>
        </message>
        <message>
            <location line="+45" />
            <source>OBS control is off in this console.</source>
            <translation>本控制台没有启用 OBS 控制。</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Name the scene, or give its number.</source>
            <translation>请给出场景名称或序号（二选一）。</translation>
        </message>
        <message>
            <location line="+11" />
            <location filename="../../console/obs/service.py" line="+48" />
            <source>OBS has no scene no. {number}.</source>
            <translation>OBS 中没有第 {number} 个场景。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>OBS has no microphone (no Mic/Aux device, no audio input capture): choose the input that is the microphone in the OBS panel.</source>
            <translation>OBS 里没有麦克风（没有麦克风/辅助音频设备，也没有音频输入采集）：请在 OBS 面板里选择哪个输入是麦克风。</translation>
        </message>
        <message>
            <location line="+116" />
            <source>Give a push address: this console has no WeChat room to read it from.</source>
            <translation>请提供推流地址：本控制台没有可读取推流地址的微信直播间。</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Room functions need the WeChat connector.</source>
            <translation>直播间功能需要微信连接。</translation>
        </message>
        <message>
            <location filename="../../console/goods_service.py" line="+77" />
            <location filename="../../console/platforms/demo_catalogue.py" line="+91" />
            <source>The new order must list exactly the room's goods.</source>
            <translation>新的顺序必须正好包含直播间里的商品。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The goods are in this order already.</source>
            <translation>商品已经是这个顺序了。</translation>
        </message>
        <message>
            <location line="+37" />
            <source>Choose goods that are not in the room yet.</source>
            <translation>请选择还不在直播间里的商品。</translation>
        </message>
        <message>
            <location filename="../../console/commands/router.py" line="+33" />
            <location filename="../../console/goods_service.py" line="+46" />
            <location filename="../../console/platforms/base.py" line="+68" />
            <source>This platform cannot do that ({capability}).</source>
            <translation>当前平台不支持此操作（{capability}）。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>“{command}” cannot be undone: confirm it (the control API: "confirm": true).</source>
            <translation>“{command}”无法撤销：请确认后再执行（控制接口："confirm": true）。</translation>
        </message>
        <message>
            <location line="+80" />
            <source>There is no command {command}.</source>
            <translation>没有名为 {command} 的命令。</translation>
        </message>
        <message>
            <location filename="../../console/goods_service.py" line="+9" />
            <location filename="../../console/platforms/demo_catalogue.py" line="+26" />
            <source>Goods {goods} are not in this room.</source>
            <translation>商品 {goods} 不在这个直播间里。</translation>
        </message>
        <message>
            <location filename="../../console/moderation.py" line="+243" />
            <source>This comment is deleted already.</source>
            <translation>这条评论已经删除了。</translation>
        </message>
        <message>
            <location line="+53" />
            <source>{nickname} is not muted.</source>
            <translation>{nickname} 没有被禁言。</translation>
        </message>
        <message>
            <location line="+22" />
            <source>{nickname} is on the blocklist already.</source>
            <translation>{nickname} 已经在黑名单里了。</translation>
        </message>
        <message>
            <location line="+19" />
            <source>{nickname} is not on the blocklist.</source>
            <translation>{nickname} 不在黑名单里。</translation>
        </message>
        <message>
            <location line="+20" />
            <source>This platform cannot ban all comments.</source>
            <translation>当前平台不支持全员禁言。</translation>
        </message>
        <message>
            <location filename="../../console/platforms/relay/connector.py" line="+43" />
            <source>The relay can only listen on {host}, where other computers can reach it, with a token. Create a relay token first.</source>
            <translation>中继要在 {host}（其他电脑可访问）上监听，必须先设置令牌。请先生成中继令牌。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The relay cannot listen on {host} port {port}: {detail}. Choose another port, or close the program that uses it.</source>
            <translation>中继无法在 {host} 的 {port} 端口监听：{detail}。请换一个端口，或关闭占用该端口的程序。</translation>
        </message>
        <message>
            <location filename="../../console/platforms/relay/commands.py" line="+25" />
            <source>The relay source {source} did not confirm {action} within {seconds} s.</source>
            <translation>中继来源 {source} 在 {seconds} 秒内没有确认 {action}。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The relay source {source} refused {action}: {error}</source>
            <translation>中继来源 {source} 拒绝了 {action}：{error}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The relay source {source} disconnected before confirming {action}.</source>
            <translation>中继来源 {source} 在确认 {action} 之前断开了连接。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No connected relay source can do {action} now.</source>
            <translation>目前没有已连接的中继来源能执行 {action}。</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="+23" />
            <source>Unexpected error: %1</source>
            <translation>意外错误：%1</translation>
        </message>
        <message>
            <location filename="../../console/obs/errors.py" line="+18" />
            <source>OBS is not running at {address}, or its WebSocket server is off (in OBS: Tools → WebSocket Server Settings).</source>
            <translation>{address} 上没有运行 OBS，或者 OBS 的 WebSocket 服务器没有开启（在 OBS 中：工具 → WebSocket 服务器设置）。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>OBS refused the password. Enter its WebSocket password in the OBS settings.</source>
            <translation>OBS 拒绝了密码。请在 OBS 设置中填写它的 WebSocket 密码。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>OBS did not answer in time; it may be busy or frozen.</source>
            <translation>OBS 没有及时响应，可能正忙或已卡住。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The program at {address} is not OBS's WebSocket server (OBS 28 or newer is needed). Check the port.</source>
            <translation>{address} 上的程序不是 OBS 的 WebSocket 服务器（需要 OBS 28 或更新版本）。请检查端口。</translation>
        </message>
        <message>
            <location line="+8" />
            <source>OBS is not ready yet (code 207). Try again in a moment.</source>
            <translation>OBS 还没准备好（代码 207），请稍后再试。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS says this output is already running (code 500).</source>
            <translation>OBS 表示这个输出已经在运行（代码 500）。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS says this output is not running (code 501).</source>
            <translation>OBS 表示这个输出没有在运行（代码 501）。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Studio mode is off in OBS (code 506).</source>
            <translation>OBS 未开启工作室模式（代码 506）。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>OBS refused the request (code {code}): {reason}</source>
            <translation>OBS 拒绝了请求（代码 {code}）：{reason}</translation>
        </message>
        <message>
            <location line="-34" />
            <source>OBS is not connected. LiveDesk reconnects by itself when OBS is back.</source>
            <translation>OBS 未连接。OBS 恢复后 LiveDesk 会自动重连。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>OBS is not responding (frozen or overloaded): LiveDesk sends it nothing until it answers again.</source>
            <translation>OBS 无响应（卡死或过载）：在它恢复响应之前，LiveDesk 不向它发送任何指令。</translation>
        </message>
        <message>
            <location line="+32" />
            <source>This push address cannot be used: it must look like rtmp://host/app/stream-key.</source>
            <translation>这个推流地址无法使用：格式应为 rtmp://主机/应用/推流码。</translation>
        </message>
        <message>
            <location filename="../../console/commands/bindings.py" line="-254" />
            <location filename="../../console/platforms/base.py" line="+11" />
            <source>This platform has no goods list.</source>
            <translation>当前平台没有商品列表。</translation>
        </message>
        <message>
            <location filename="../../console/platforms/base.py" line="+4" />
            <source>This platform has no goods library.</source>
            <translation>当前平台没有商品库。</translation>
        </message>
        <message>
            <location filename="../../console/platforms/demo_catalogue.py" line="-42" />
            <source>Goods that are off sale cannot be pushed.</source>
            <translation>已下架的商品不能推送。</translation>
        </message>
        <message>
            <location filename="../../console/goods_service.py" line="-186" />
            <location filename="../../console/platforms/demo_catalogue.py" line="+26" />
            <source>Goods {goods} are not in the approved library.</source>
            <translation>商品 {goods} 不在已审核的商品库中。</translation>
        </message>
        <message>
            <location filename="../../console/platforms/demo_catalogue.py" line="+5" />
            <source>The room can hold at most {limit} goods; remove some first.</source>
            <translation>直播间最多只能放 {limit} 件商品，请先移除一些。</translation>
        </message>
        <message>
            <location filename="../../console/commands/bindings.py" line="+40" />
            <location filename="../../console/lottery/service.py" line="+219" />
            <source>Create a lottery first.</source>
            <translation>请先创建抽奖。</translation>
        </message>
        <message>
            <location filename="../../console/lottery/service.py" line="+7" />
            <source>There is no lottery #{number} in this show.</source>
            <translation>本场没有第 {number} 轮抽奖。</translation>
        </message>
        <message>
            <location filename="../../console/commands/bindings.py" line="+25" />
            <location filename="../../console/lottery/service.py" line="+17" />
            <source>Lottery #{number} is still running: draw it first.</source>
            <translation>第 {number} 轮抽奖还在进行：请先开奖。</translation>
        </message>
        <message>
            <location filename="../../console/lottery/service.py" line="+8" />
            <source>This show has used all {limit} lotteries the platform allows.</source>
            <translation>本场已用完平台允许的全部 {limit} 轮抽奖。</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The room has {likes} likes already: choose a higher number of likes for the automatic start.</source>
            <translation>直播间已有 {likes} 个赞：请为自动开始设置更高的点赞数。</translation>
        </message>
        <message>
            <location line="+41" />
            <source>Lottery #{number} was opened already: create a new one.</source>
            <translation>第 {number} 轮抽奖已经开始过：请新建一轮。</translation>
        </message>
        <message>
            <location line="+41" />
            <source>Lottery #{number} is not open.</source>
            <translation>第 {number} 轮抽奖没有在进行。</translation>
        </message>
        <message>
            <location line="+34" />
            <source>Close lottery #{number} before drawing its winners.</source>
            <translation>请先停止第 {number} 轮抽奖的参与，再开奖。</translation>
        </message>
        <message>
            <location line="-7" />
            <source>The winners of lottery #{number} are drawn already.</source>
            <translation>第 {number} 轮已经开过奖了。</translation>
        </message>
        <message>
            <location line="+121" />
            <source>Lotteries need the show's database to keep their proof, and it cannot be used: no lottery can run in this show.</source>
            <translation>抽奖需要用本场的数据库保存公证记录，但数据库现在无法使用：本场不能抽奖。</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The lotteries of this show are still loading.</source>
            <translation>本场的抽奖记录仍在加载。</translation>
        </message>
        <message>
            <location line="-72" />
            <location line="+146" />
            <source>Lottery #{number} has no winners yet.</source>
            <translation>第 {number} 轮还没有中奖者。</translation>
        </message>
        <message>
            <location line="-142" />
            <source>Select a winner to re-roll.</source>
            <translation>请选中要重抽的中奖者。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{name} was re-rolled already.</source>
            <translation>{name} 已经被重抽过了。</translation>
        </message>
        <message>
            <location filename="../../console/commands/bindings.py" line="+13" />
            <location filename="../../console/lottery/service.py" line="+4" />
            <source>Everyone who entered has been drawn: nobody is left to re-roll.</source>
            <translation>所有参与者都已被抽中：没有人可以重抽了。</translation>
        </message>
        <message>
            <location filename="../../console/lottery/service.py" line="+112" />
            <source>Draw the lottery before exporting its proof.</source>
            <translation>请先开奖，再导出抽奖证明。</translation>
        </message>
        <message>
            <location line="+30" />
            <source>The stored lottery does not verify: {reason}</source>
            <translation>已存的抽奖记录校验失败：{reason}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Cannot write {path}: {reason}</source>
            <translation>无法写入 {path}：{reason}</translation>
        </message>
        <message>
            <location line="+12" />
            <source>A comment lottery needs a keyword.</source>
            <translation>评论抽奖需要设置口令。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The keyword is too long (at most {limit} characters).</source>
            <translation>口令太长（最多 {limit} 个字符）。</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Name the prize of the lottery.</source>
            <translation>请填写抽奖的奖品。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The prize name is too long (at most {limit} characters).</source>
            <translation>奖品名称太长（最多 {limit} 个字符）。</translation>
        </message>
        <message>
            <location line="+7" />
            <source>A lottery has 1 to {limit} winners.</source>
            <translation>每轮抽奖中奖人数为 1 到 {limit} 人。</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The countdown runs {minimum} to {maximum} seconds.</source>
            <translation>倒计时范围为 {minimum} 到 {maximum} 秒。</translation>
        </message>
        <message>
            <location filename="../../console/room.py" line="+123" />
            <source>An assistant needs a WeChat ID and a nickname.</source>
            <translation>添加小助手需要填写微信号和昵称。</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Add the subscribers' openids first.</source>
            <translation>请先添加订阅者的 openid。</translation>
        </message>
        <message>
            <location filename="../../console/commands/spec.py" line="+107" />
            <source>Command {command}: {problem}</source>
            <translation>命令 {command}：{problem}</translation>
        </message>
        <message>
            <location filename="../../console/obs/service.py" line="+10" />
            <source>OBS has no scene {scene}.</source>
            <translation>OBS 中没有场景 {scene}。</translation>
        </message>
        <message>
            <location line="+482" />
            <source>OBS is starting or stopping the stream already.</source>
            <translation>OBS 正在开始或停止推流，请稍候。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS is starting or stopping the recording already.</source>
            <translation>OBS 正在开始或停止录制，请稍候。</translation>
        </message>
        <message>
            <location line="-27" />
            <source>OBS has no audio input {name}.</source>
            <translation>OBS 中没有音频输入 {name}。</translation>
        </message>
        <message>
            <location line="-379" />
            <source>OBS has no transition {name}.</source>
            <translation>OBS 没有名为 {name} 的转场。</translation>
        </message>
        <message>
            <location line="+103" />
            <source>The recording is paused already.</source>
            <translation>录制已经暂停。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The recording is not paused.</source>
            <translation>录制没有暂停。</translation>
        </message>
        <message>
            <location line="+122" />
            <source>Scene {scene} has no source {source}.</source>
            <translation>场景 {scene} 中没有来源 {source}。</translation>
        </message>
        <message>
            <location line="+149" />
            <source>Studio mode is off in OBS: scenes go on air at once, there is nothing to take.</source>
            <translation>OBS 未开启工作室模式：场景会直接上播，没有可切换的预览。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>OBS has no replay buffer: turn it on in OBS (Settings → Output → Replay Buffer).</source>
            <translation>OBS 没有回放缓存：请在 OBS 中开启（设置 → 输出 → 回放缓存）。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This OBS has no virtual camera.</source>
            <translation>这台 OBS 没有虚拟摄像机。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS did not pause: a recording that shares the stream's encoder cannot pause (in OBS: Settings → Output → Recording Quality other than “Same as stream”).</source>
            <translation>OBS 没有暂停：与推流共用编码器的录制无法暂停（在 OBS 中：设置 → 输出 → 录像质量选“与串流画质相同”以外的选项）。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>OBS is streaming: where it streams to cannot change until the stream is stopped.</source>
            <translation>OBS 正在推流：停止推流之前不能更改推流目标。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>There are no stream settings of yours to restore: OBS still has them.</source>
            <translation>没有需要恢复的推流设置：OBS 里仍是你自己的设置。</translation>
        </message>
        <message>
            <location line="+14" />
            <source>OBS is starting or stopping the replay buffer already.</source>
            <translation>OBS 正在开始或停止回放缓存。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>OBS is starting or stopping the virtual camera already.</source>
            <translation>OBS 正在开启或关闭虚拟摄像机。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>OBS is streaming already.</source>
            <translation>OBS 已经在推流了。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS is not streaming.</source>
            <translation>OBS 没有在推流。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS is recording already.</source>
            <translation>OBS 已经在录制了。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The replay buffer runs already.</source>
            <translation>回放缓存已在运行。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The replay buffer is not running.</source>
            <translation>回放缓存没有运行。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The virtual camera is on already.</source>
            <translation>虚拟摄像机已开启。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The virtual camera is off.</source>
            <translation>虚拟摄像机未开启。</translation>
        </message>
        <message>
            <location filename="../../console/commands/bindings.py" line="+101" />
            <location filename="../../console/obs/service.py" line="-4" />
            <source>OBS is not recording.</source>
            <translation>OBS 没有在录制。</translation>
        </message>
        <message>
            <location filename="../../console/rundown/errors.py" line="+24" />
            <source>The rundown has {count} problem(s):
{problems}</source>
            <translation>直播脚本有 {count} 处问题：
{problems}</translation>
        </message>
        <message>
            <location line="+18" />
            <source>{where}: this is not a JSON rundown ({detail}).</source>
            <translation>{where}：这不是 JSON 格式的直播脚本（{detail}）。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{where}: a rundown is an object with "livedesk_rundown": 1 and "segments".</source>
            <translation>{where}：直播脚本应是一个含 "livedesk_rundown": 1 和 "segments" 的对象。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{where}: rundown format {version} is not known to this LiveDesk (it reads 1).</source>
            <translation>{where}：此版本 LiveDesk 不认识脚本格式 {version}（只能读取 1）。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{where}: the rundown has no segments.</source>
            <translation>{where}：直播脚本没有任何环节。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{where}: {field} must be {expected}.</source>
            <translation>{where}：{field} 应为 {expected}。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{where}: unknown field(s) {fields}.</source>
            <translation>{where}：未知字段 {fields}。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{where}: {field} must be seconds or "m:ss" (like "5:00"), not {value}.</source>
            <translation>{where}：{field} 应为秒数或 "分:秒"（如 "5:00"），而不是 {value}。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{where}: the cue at {at} comes after the segment's end ({duration}).</source>
            <translation>{where}：{at} 的提示动作晚于本环节结束（{duration}）。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{where}: there is no command {command}.</source>
            <translation>{where}：没有命令 {command}。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{where}: {command} cannot be a cue.</source>
            <translation>{where}：{command} 不能作为提示动作。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{where}: {detail}</source>
            <translation>{where}：{detail}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{where}: there is no goods no. {number} in the room (it has {count}).</source>
            <translation>{where}：直播间没有 {number} 号商品（共 {count} 件）。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{where}: OBS has no scene “{scene}”.</source>
            <translation>{where}：OBS 中没有场景“{scene}”。</translation>
        </message>
        <message>
            <location filename="../../console/rundown/service.py" line="+42" />
            <source>Load a rundown first (Rundown → Open…).</source>
            <translation>请先载入直播脚本（脚本 → 打开…）。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The rundown is over: jump to a segment to go on.</source>
            <translation>直播脚本已走完：可跳到某一段继续。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The rundown has not started: press GO.</source>
            <translation>直播脚本尚未开始：请按 GO。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>There is no segment before this one.</source>
            <translation>这已是第一段。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The rundown has no segment {number}.</source>
            <translation>直播脚本没有第 {number} 段。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The rundown is running: change it once it is over, or before GO.</source>
            <translation>直播脚本正在进行：请在开始前或结束后再修改。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Segment {number} is on air: it cannot be skipped.</source>
            <translation>第 {number} 段正在进行，不能跳过。</translation>
        </message>
    </context>
    <context>
        <name>messages</name>
        <message>
            <location filename="../../console/session.py" line="+265" />
            <source>Show #{show} did not end properly last time (a crash?): it continues from {clock}, nothing stored is lost.</source>
            <translation>第 {show} 场上次没有正常结束（可能崩溃了）：将从 {clock} 继续，已保存的内容不会丢失。</translation>
        </message>
        <message>
            <location line="+93" />
            <source>The database takes writes again; what waited is being saved.</source>
            <translation>数据库恢复正常，等待中的内容正在保存。</translation>
        </message>
        <message>
            <location line="-104" />
            <source>Show #{show} continues (started {started}, {clock} so far). End it with Show → End this show.</source>
            <translation>继续第 {show} 场（开始于 {started}，已播 {clock}）。结束请用 直播 → 结束本场直播。</translation>
        </message>
        <message>
            <location filename="../../ui/crash.py" line="+14" />
            <source>A background task failed unexpectedly; details are in {log}.</source>
            <translation>一个后台任务意外失败，详细信息见 {log}。</translation>
        </message>
        <message>
            <location filename="../../console/control_api/server.py" line="+52" />
            <source>The control API cannot listen on {address}: {detail}. It is off for this run.</source>
            <translation>控制接口无法在 {address} 上监听：{detail}。本次运行不启用控制接口。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The control API listens on {url} and needs this token (shown this once, kept in the keyring): {token}</source>
            <translation>控制接口在 {url} 上监听，访问需要此令牌（只显示这一次，已保存在系统钥匙串中）：{token}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The control API does not listen on {host} without a token, and none could be kept here. It is off for this run.</source>
            <translation>没有令牌时控制接口不会在 {host} 上监听，而本机无法安全保存令牌。本次运行不启用控制接口。</translation>
        </message>
        <message>
            <location filename="../../console/obs/incidents.py" line="+51" />
            <source>The connection to OBS broke; reconnecting.</source>
            <translation>与 OBS 的连接断开，正在重连。</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The connection to OBS broke while streaming: the broadcast may have dropped. Check OBS.</source>
            <translation>推流时与 OBS 的连接断开：直播可能已中断，请检查 OBS。</translation>
        </message>
        <message>
            <location line="+9" />
            <source>OBS is not responding: it may be frozen or overloaded. Commands to OBS are held until it answers again; check the OBS computer.</source>
            <translation>OBS 无响应：可能卡死或过载。在它恢复响应之前，发给 OBS 的指令暂不执行；请检查 OBS 所在的电脑。</translation>
        </message>
        <message>
            <location line="+8" />
            <source>OBS is responding again.</source>
            <translation>OBS 已恢复响应。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The stream dropped: OBS is not streaming and nobody stopped it from LiveDesk (OBS gave up on the server, or it was stopped in OBS). Start the stream again once OBS and the network are back.</source>
            <translation>推流中断：OBS 已停止推流，且不是从 LiveDesk 停止的（OBS 放弃了重连服务器，或有人在 OBS 里停止了推流）。OBS 和网络恢复后请重新开始推流。</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The stream lost its server: OBS is reconnecting, viewers see a frozen picture. Check the network.</source>
            <translation>推流与服务器断开：OBS 正在重连，观众看到的是静止画面。请检查网络。</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The stream is back: OBS reconnected.</source>
            <translation>推流已恢复：OBS 重新连上了服务器。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>OBS is back and still streaming.</source>
            <translation>OBS 已恢复连接，推流仍在进行。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>OBS could not start the stream: check the server and stream key in OBS's settings, and the network.</source>
            <translation>OBS 未能开始推流：请检查 OBS 设置中的服务器和推流码，以及网络。</translation>
        </message>
        <message>
            <location filename="../../console/storage/faults.py" line="+37" />
            <source>The disk that holds the database is full.</source>
            <translation>数据库所在的磁盘已满。</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Another program holds the database (a backup tool or a second LiveDesk?).</source>
            <translation>另一个程序占用着数据库（备份工具，或另一个 LiveDesk？）。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The database file or its folder is read-only.</source>
            <translation>数据库文件或其所在文件夹是只读的。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The database file is damaged or is not a LiveDesk database.</source>
            <translation>数据库文件已损坏，或不是 LiveDesk 的数据库。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The database was made by a newer version of LiveDesk; this version leaves it untouched.</source>
            <translation>数据库来自更新版本的 LiveDesk；本版本不会改动它。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The database cannot be opened or reached.</source>
            <translation>无法打开或连接数据库。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The database reported an error; the log file has the details.</source>
            <translation>数据库出错，详情见日志文件。</translation>
        </message>
        <message>
            <location filename="../../console/rundown/options.py" line="+16" />
            <source>The prompter page is at {url} (the token in it is shown this once, kept in the keyring).</source>
            <translation>提词器网页地址：{url}（其中的令牌只显示这一次，已保存在钥匙串中）。</translation>
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
    <context>
        <name>outcomes</name>
        <message>
            <location filename="../../console/commands/bindings.py" line="-173" />
            <source>Goods list reloaded</source>
            <translation>商品列表已刷新</translation>
        </message>
        <message>
            <location line="+261" />
            <source>LiveDesk is closing</source>
            <translation>LiveDesk 正在退出</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The show is over: LiveDesk is closing</source>
            <translation>本场直播已结束：LiveDesk 正在退出</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The show is over: LiveDesk starts a new one</source>
            <translation>本场已结束：LiveDesk 将开始新的一场</translation>
        </message>
        <message>
            <location filename="../../console/lottery/service.py" line="-336" />
            <source>Lottery #{number} is ready: open it when you announce it</source>
            <translation>第 {number} 轮抽奖已准备好：宣布时点击开始</translation>
        </message>
        <message>
            <location line="+32" />
            <source>Lottery #{number} opened by itself: the room reached {likes} likes</source>
            <translation>第 {number} 轮抽奖已自动开始：直播间点赞达到 {likes}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Lottery #{number} is open: its commitment is published</source>
            <translation>第 {number} 轮抽奖已开始：承诺值已公布</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Countdown over: lottery #{number} closed</source>
            <translation>倒计时结束：第 {number} 轮抽奖已停止参与</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Lottery #{number} closed: {entrants} entrant(s)</source>
            <translation>第 {number} 轮抽奖已停止参与：共 {entrants} 人参与</translation>
        </message>
        <message>
            <location line="+52" />
            <source>Lottery #{number} drawn: {winners} winner(s)</source>
            <translation>第 {number} 轮已开奖：{winners} 位中奖者</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Lottery #{number} drawn: nobody could win</source>
            <translation>第 {number} 轮已开奖：无人可中奖</translation>
        </message>
        <message>
            <location line="+47" />
            <source>Re-rolled: {winner} replaces {loser}</source>
            <translation>已重抽：{winner} 替换 {loser}</translation>
        </message>
        <message>
            <location line="+90" />
            <source>Proof saved and verified: {path}</source>
            <translation>证明已保存并校验通过：{path}</translation>
        </message>
        <message>
            <location filename="../../console/obs/service.py" line="-490" />
            <source>{scene} is on air already</source>
            <translation>{scene} 已经在播出了</translation>
        </message>
        <message>
            <location line="+10" />
            <source>OBS switched to scene {scene}</source>
            <translation>OBS 已切换到场景 {scene}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{scene} is in preview already</source>
            <translation>{scene} 已在预览中</translation>
        </message>
        <message>
            <location line="+11" />
            <source>{scene} is in preview: Take puts it on air</source>
            <translation>{scene} 已放入预览：按“切换”上播</translation>
        </message>
        <message>
            <location line="+14" />
            <source>OBS put {scene} on air</source>
            <translation>OBS 已将 {scene} 切换上播</translation>
        </message>
        <message>
            <location line="+52" />
            <source>Transition: {name}</source>
            <translation>转场：{name}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Transition: {name}, {ms} ms</source>
            <translation>转场：{name}，{ms} 毫秒</translation>
        </message>
        <message>
            <location line="+14" />
            <source>In studio mode, scene keys now put scenes on air</source>
            <translation>工作室模式下，场景键现在直接上播</translation>
        </message>
        <message>
            <location line="+2" />
            <source>In studio mode, scene keys now fill the preview</source>
            <translation>工作室模式下，场景键现在放入预览</translation>
        </message>
        <message>
            <location line="+97" />
            <source>OBS paused the recording</source>
            <translation>OBS 已暂停录制</translation>
        </message>
        <message>
            <location line="+2" />
            <source>OBS resumed the recording</source>
            <translation>OBS 已继续录制</translation>
        </message>
        <message>
            <location line="+10" />
            <source>OBS saved the last seconds as a replay</source>
            <translation>OBS 已把最近一段保存为回放</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Muted {name}</source>
            <translation>已静音 {name}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Unmuted {name}</source>
            <translation>已取消静音 {name}</translation>
        </message>
        <message>
            <location line="+20" />
            <source>{name} is the microphone now</source>
            <translation>{name} 现在是麦克风</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The microphone is OBS's own again: {name}</source>
            <translation>麦克风恢复为 OBS 自己的麦克风：{name}</translation>
        </message>
        <message>
            <location line="+59" />
            <source>Showing {source}</source>
            <translation>已显示 {source}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Hid {source}</source>
            <translation>已隐藏 {source}</translation>
        </message>
        <message>
            <location line="+16" />
            <location line="+11" />
            <source>OBS now streams to the room's push address</source>
            <translation>OBS 已改为推流到本直播间的推流地址</translation>
        </message>
        <message>
            <location line="+24" />
            <source>OBS streams with your own settings again</source>
            <translation>OBS 已恢复你自己的推流设置</translation>
        </message>
        <message>
            <location line="+95" />
            <source>Studio mode is on already</source>
            <translation>工作室模式已开启</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Studio mode is off already</source>
            <translation>工作室模式已关闭</translation>
        </message>
        <message>
            <location line="+3" />
            <source>OBS turned studio mode on</source>
            <translation>OBS 已开启工作室模式</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS turned studio mode off</source>
            <translation>OBS 已关闭工作室模式</translation>
        </message>
        <message>
            <location line="+23" />
            <source>OBS is starting the stream</source>
            <translation>OBS 正在开始推流</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS is stopping the stream</source>
            <translation>OBS 正在停止推流</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS is starting the recording</source>
            <translation>OBS 正在开始录制</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS is stopping the recording</source>
            <translation>OBS 正在停止录制</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS is starting the replay buffer</source>
            <translation>OBS 正在开始回放缓存</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS is stopping the replay buffer</source>
            <translation>OBS 正在停止回放缓存</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS is starting the virtual camera</source>
            <translation>OBS 正在开启虚拟摄像机</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OBS is stopping the virtual camera</source>
            <translation>OBS 正在关闭虚拟摄像机</translation>
        </message>
        <message>
            <location filename="../../console/room.py" line="-48" />
            <source>Replay turned on</source>
            <translation>已开启回放</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Replay turned off</source>
            <translation>已关闭回放</translation>
        </message>
        <message>
            <location line="+13" />
            <source>{nickname} is now an assistant of the room</source>
            <translation>{nickname} 已成为直播间小助手</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Push URL received</source>
            <translation>已获取推流地址</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Share code received</source>
            <translation>已获取分享码</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Live reminder sent to {count} subscriber(s)</source>
            <translation>已向 {count} 位订阅者发送开播提醒</translation>
        </message>
        <message>
            <location filename="../../console/goods_service.py" line="+53" />
            <source>Pushed no. {number} {name}</source>
            <translation>已推送 {number} 号 {name}</translation>
        </message>
        <message>
            <location line="+21" />
            <source>{name} is on sale</source>
            <translation>{name} 已上架</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{name} is off sale</source>
            <translation>{name} 已下架</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Goods order saved</source>
            <translation>商品顺序已保存</translation>
        </message>
        <message>
            <location line="+57" />
            <source>Imported {count} goods</source>
            <translation>已导入 {count} 件商品</translation>
        </message>
        <message>
            <location filename="../../console/moderation.py" line="-99" />
            <source>Deleted the comment of {nickname}</source>
            <translation>已删除 {nickname} 的评论</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Muted {nickname} for the rest of the show</source>
            <translation>已禁言 {nickname}（本场）</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Muted {nickname} for {minutes} min</source>
            <translation>已禁言 {nickname} {minutes} 分钟</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Unmuted {nickname}</source>
            <translation>已解除 {nickname} 的禁言</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Added {nickname} to the blocklist</source>
            <translation>已将 {nickname} 加入黑名单</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Removed {nickname} from the blocklist</source>
            <translation>已将 {nickname} 移出黑名单</translation>
        </message>
        <message>
            <location line="+18" />
            <source>All comments are banned</source>
            <translation>已开启全员禁言</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Comments are allowed again</source>
            <translation>已解除全员禁言</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Keyword rules saved</source>
            <translation>关键词规则已保存</translation>
        </message>
        <message>
            <location filename="../../console/rundown/service.py" line="+163" />
            <source>The rundown is over</source>
            <translation>直播脚本已走完</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Rundown paused</source>
            <translation>直播脚本已暂停</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Rundown running again</source>
            <translation>直播脚本继续</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Segment {number} skipped</source>
            <translation>已跳过第 {number} 段</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Segment {number} back in the rundown</source>
            <translation>第 {number} 段已恢复</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Segment {number} “{title}” on air</source>
            <translation>第 {number} 段“{title}”开始</translation>
        </message>
        <message>
            <location filename="../../console/rundown/prompter.py" line="+62" />
            <source>On the prompter: {nickname}</source>
            <translation>已送到提词器：{nickname}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Message on the prompter</source>
            <translation>提示已显示在提词器上</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Prompter message taken off</source>
            <translation>提词器上的提示已撤下</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Prompter cleared</source>
            <translation>提词器已清空</translation>
        </message>
    </context>
    <context>
        <name>review</name>
        <message>
            <location filename="../../console/review.py" line="+479" />
            <source>Show length</source>
            <translation>直播时长</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Peak online</source>
            <translation>峰值在线</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+97" />
            <source>Average online</source>
            <translation>平均在线</translation>
        </message>
        <message>
            <location line="-96" />
            <location line="+98" />
            <source>Likes</source>
            <translation>点赞</translation>
        </message>
        <message>
            <location line="-97" />
            <location line="+96" />
            <source>Comments</source>
            <translation>评论</translation>
        </message>
        <message>
            <location line="-94" />
            <source>Comments per minute</source>
            <translation>每分钟评论</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Questions asked</source>
            <translation>提问数</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show review</source>
            <translation>直播复盘</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Rundown: plan and reality</source>
            <translation>直播脚本：计划与实际</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Goods pushes</source>
            <translation>商品推送</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+27" />
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <location line="-26" />
            <source>Goods</source>
            <translation>商品</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Online 5 min before</source>
            <translation>推送前 5 分钟平均在线</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Online 5 min after</source>
            <translation>推送后 5 分钟平均在线</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Comments 5 min before</source>
            <translation>推送前 5 分钟评论数</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Comments 5 min after</source>
            <translation>推送后 5 分钟评论数</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Change in comments</source>
            <translation>评论变化</translation>
        </message>
        <message>
            <location line="+14" />
            <source>No goods were pushed.</source>
            <translation>本场没有推送商品。</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+47" />
            <source>Lotteries</source>
            <translation>抽奖</translation>
        </message>
        <message>
            <location line="-42" />
            <source>Prize</source>
            <translation>奖品</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Entrants</source>
            <translation>参与人数</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Winners</source>
            <translation>中奖者</translation>
        </message>
        <message>
            <location line="+6" />
            <source>No lotteries were drawn.</source>
            <translation>本场没有开奖。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Moderation</source>
            <translation>评论管理</translation>
        </message>
        <message>
            <location line="+7" />
            <source>What</source>
            <translation>项目</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Count</source>
            <translation>数量</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No moderation actions.</source>
            <translation>本场没有评论管理操作。</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Segment</source>
            <translation>环节</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Planned start</source>
            <translation>计划开始</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Actual start</source>
            <translation>实际开始</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Planned</source>
            <translation>计划时长</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Actual</source>
            <translation>实际时长</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Over/under</source>
            <translation>超时/提前</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Goods pushed</source>
            <translation>推送的商品</translation>
        </message>
        <message>
            <location line="+45" />
            <source>Comments deleted</source>
            <translation>删除评论</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Users muted</source>
            <translation>禁言用户</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Users blocked</source>
            <translation>拉黑用户</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ban-all switches</source>
            <translation>全员禁言开关次数</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Comments deleted on the platform</source>
            <translation>在平台上删除的评论</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Comments deleted here only</source>
            <translation>仅本机删除的评论</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Comments hidden (muted users)</source>
            <translation>隐藏的评论（禁言用户）</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Comments hidden (blocklist)</source>
            <translation>隐藏的评论（黑名单）</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Comments hidden (block words)</source>
            <translation>隐藏的评论（屏蔽词）</translation>
        </message>
    </context>
    <context>
        <name>roles</name>
        <message>
            <location filename="../../console/roles.py" line="+21" />
            <source>Stage controller</source>
            <translation>场控</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Assistant</source>
            <translation>助理</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Operations</source>
            <translation>运营</translation>
        </message>
    </context>
</TS>
