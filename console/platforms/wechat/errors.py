"""WeChat live API errors: the errcode table and the one exception type the client raises.

Every failure of a WeChat call (an errcode, the network, a timeout, an answer that is not the
JSON the contract describes) becomes a ``WeChatApiError``. It carries a Chinese text for the
operator (``message``), the same in English (``message_en``), the raw ``errcode``/``errmsg`` and a
``kind`` saying what went wrong. Codes come from shared/wechat-live-api.md §1.8, plus the
access-token codes the stable_token endpoint answers (40013, 40125, 40164, 40243). Codes not
in the table show the platform's ``errmsg`` verbatim: the contract forbids guessing meanings.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

BUSY = -1
EMPTY_ROOM_LIST = 9410000
TOKEN_ERROR_CODES = frozenset({40001, 40014, 42001})
QUOTA_ERROR_CODES = frozenset({45009, 45011})
AUTH_ERROR_CODES = TOKEN_ERROR_CODES | {40013, 40125, 40164, 40243, 41001}
MAX_ERRMSG_CHARS = 300


class ErrorKind(StrEnum):
    """What kind of failure a WeChatApiError is. Values are stable (the UI may branch on them)."""

    NETWORK = "network"  # no connection: DNS, refused, reset, proxy
    TIMEOUT = "timeout"  # connected, but no answer within the client's timeout
    BAD_RESPONSE = "bad_response"  # not the JSON the contract describes (e.g. a 502 HTML page)
    API = "api"  # the platform refused: a business errcode
    QUOTA = "quota"  # 45009 daily quota / 45011 frequency limit; never retried
    BUSY = "busy"  # -1 "system busy" still answered after the automatic retries
    AUTH = "auth"  # AppID, AppSecret, IP whitelist or access token rejected


@dataclass(frozen=True, slots=True)
class ErrorText:
    zh: str
    en: str


_REMINDER_RULE_ZH = "开播提醒每天只能为一个直播间推送一次，且只能在直播中推送"
_REMINDER_RULE_EN = "a live reminder can go out once a day, for one room, and only while it is live"

ERROR_TEXTS: dict[int, ErrorText] = {
    -1: ErrorText(
        "微信系统繁忙，自动重试后仍未成功，请稍后再试",
        "WeChat is busy and the automatic retries did not help; try again shortly",
    ),
    40001: ErrorText(
        "接口凭证无效：AppSecret 不正确，或 access_token 已被其他程序刷新。"
        "请核对 AppID 和 AppSecret",
        "Invalid credential: the AppSecret is wrong or the access token was refreshed "
        "elsewhere. Check the AppID and AppSecret",
    ),
    40013: ErrorText(
        "AppID 无效，请核对小程序的 AppID",
        "Invalid AppID; check the mini program's AppID",
    ),
    40014: ErrorText(
        "access_token 无效，请重新连接",
        "Invalid access token; reconnect",
    ),
    40125: ErrorText(
        "AppSecret 无效，请在微信公众平台核对或重置 AppSecret",
        "Invalid AppSecret; check or reset it on the WeChat Official Accounts Platform",
    ),
    40164: ErrorText(
        "本机的公网 IP 不在小程序的 IP 白名单中，"
        "请在微信公众平台「开发管理 - 开发设置 - IP 白名单」中添加",
        "This computer's public IP is not on the mini program's IP whitelist; add it under "
        "Development > Development settings > IP whitelist",
    ),
    40243: ErrorText(
        "AppSecret 已被冻结，请在微信公众平台解冻后再试",
        "The AppSecret is frozen; unfreeze it on the WeChat Official Accounts Platform",
    ),
    41001: ErrorText("请求缺少 access_token", "The request has no access token"),
    42001: ErrorText("access_token 已过期", "The access token has expired"),
    43003: ErrorText("必须使用 HTTPS 访问微信接口", "WeChat APIs must be called over HTTPS"),
    45009: ErrorText(
        "该接口今天的调用次数已达上限，请明天再试（管理员可在微信公众平台重置接口配额）",
        "This API's daily quota is used up; try again tomorrow (an administrator can reset "
        "the quota on the WeChat Official Accounts Platform)",
    ),
    45011: ErrorText(
        "调用太频繁，已触发微信的频率限制，请等一分钟再试",
        "Too many calls: WeChat's frequency limit was hit; wait a minute and try again",
    ),
    48001: ErrorText(
        "小程序没有该接口的权限：请确认已开通「小程序直播」并已授权",
        "The mini program may not use this API: check that Mini Program Live is enabled",
    ),
    200002: ErrorText(
        "参数错误（例如时间、商品信息或链接不合法）",
        "Invalid parameter (for example a time, goods field or link)",
    ),
    300001: ErrorText(
        "商品创建或直播间编辑功能已被封禁",
        "Creating goods or editing rooms is banned for this mini program",
    ),
    300002: ErrorText("名称长度不符合要求", "The name has an invalid length"),
    300003: ErrorText(
        "价格不合法（例如现价高于原价，或不是数字）",
        "Invalid price (for example the current price is above the original one)",
    ),
    300004: ErrorText("商品名称违规", "The goods name breaks the rules"),
    300005: ErrorText("商品图片违规", "The goods image breaks the rules"),
    300006: ErrorText(
        "图片上传失败（例如 mediaID 已过期）",
        "Image upload failed (for example the mediaID has expired)",
    ),
    300007: ErrorText(
        "商品链接不在已发布的小程序版本中",
        "The goods link is not a page of the released mini program version",
    ),
    300008: ErrorText("添加商品失败", "Adding the goods failed"),
    300009: ErrorText("撤回商品审核失败", "Withdrawing the goods audit failed"),
    300010: ErrorText(
        "商品审核状态不对，无法进行此操作",
        "The goods' audit state does not allow this",
    ),
    300011: ErrorText(
        "只能操作通过接口添加的商品",
        "Only goods added through the API can be changed through the API",
    ),
    300012: ErrorText(
        "今天的商品提审次数已用完（每天 500 次）",
        "No goods audits left today (500 a day)",
    ),
    300013: ErrorText("提审失败", "Submitting the audit failed"),
    300014: ErrorText("商品审核中，无法删除", "The goods are under audit and cannot be deleted"),
    300017: ErrorText("商品未提审", "The goods were not submitted for audit"),
    300021: ErrorText("商品已添加，但提审失败", "The goods were added but the audit failed"),
    300022: ErrorText(
        "直播间不存在，请确认房间号", "The live room does not exist; check the room ID"
    ),
    300023: ErrorText(
        "直播间当前状态不允许此操作（例如未开播、已结束、被禁播或已过期）",
        "The live room's state does not allow this (not live, ended, banned or expired)",
    ),
    300024: ErrorText("商品不存在", "The goods do not exist"),
    300025: ErrorText(
        "商品未通过审核，不能导入或推送",
        "The goods are not approved and cannot be imported or pushed",
    ),
    300026: ErrorText(
        "直播间商品已满，请先移除部分商品",
        "The room's goods list is full; remove some goods first",
    ),
    300027: ErrorText("导入商品失败", "Importing the goods failed"),
    300028: ErrorText("直播间名称不合法", "Invalid room name"),
    300029: ErrorText("主播昵称不合法", "Invalid anchor nickname"),
    300030: ErrorText(
        "主播微信号不合法（或该微信号没有主播角色）",
        "Invalid anchor WeChat ID (or the ID has no anchor role)",
    ),
    300031: ErrorText("直播间封面图不合规", "The room cover image breaks the rules"),
    300032: ErrorText("直播间分享图不合规", "The room share image breaks the rules"),
    300033: ErrorText(
        "导入后商品数会超过直播间上限，请减少导入数量",
        "Importing these goods would exceed the room's goods limit; import fewer",
    ),
    300034: ErrorText("主播昵称长度不符合要求", "The anchor nickname has an invalid length"),
    300035: ErrorText("主播微信号不存在", "The anchor's WeChat ID does not exist"),
    300036: ErrorText(
        "主播微信号未实名认证：请主播先在「小程序直播」小程序中完成实名认证",
        "The anchor's WeChat ID is not real-name verified: verify it in the "
        "'Mini Program Live' mini program first",
    ),
    300037: ErrorText(
        "购物直播频道封面图（feedsImg）不合规",
        "The shopping-channel cover image (feedsImg) is invalid",
    ),
    9410000: ErrorText("没有直播间", "There are no live rooms"),
    9410001: ErrorText("获取直播间信息失败", "Getting the room information failed"),
    9410002: ErrorText("获取商品信息失败", "Getting the goods information failed"),
    9410005: ErrorText(
        f"今天已经发送过开播提醒：{_REMINDER_RULE_ZH}",
        f"A live reminder was already sent today: {_REMINDER_RULE_EN}",
    ),
    9410006: ErrorText(
        f"直播间不在直播中，无法发送开播提醒：{_REMINDER_RULE_ZH}",
        f"The room is not live, so no reminder can be sent: {_REMINDER_RULE_EN}",
    ),
}


def kind_for_errcode(errcode: int) -> ErrorKind:
    if errcode == BUSY:
        return ErrorKind.BUSY
    if errcode in QUOTA_ERROR_CODES:
        return ErrorKind.QUOTA
    if errcode in AUTH_ERROR_CODES:
        return ErrorKind.AUTH
    return ErrorKind.API


def one_line(text: str, limit: int = MAX_ERRMSG_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class WeChatApiError(Exception):
    """A WeChat API call failed. Show ``message`` (Chinese) or ``message_en`` to the operator.

    ``str(error)`` and ``log_text`` are an English diagnostic for logs and the audit trail
    (method, path, errcode). It is not an OperatorError on purpose: those carry one English
    template for Qt to translate, while this error brings its finished text in both languages
    (ui.errors.describe_error picks ``message`` or ``message_en``). No text ever holds the
    AppSecret or an access token: the client redacts them before building the error.
    """

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        message_en: str,
        *,
        errcode: int | None = None,
        errmsg: str = "",
        path: str = "",
        http_status: int | None = None,
        log_text: str = "",
    ) -> None:
        self.kind = kind
        self.message = message
        self.message_en = message_en
        self.errcode = errcode
        self.errmsg = errmsg
        self.path = path
        self.http_status = http_status
        self.log_text = log_text or message_en
        super().__init__(self.log_text)

    @classmethod
    def from_errcode(
        cls, errcode: int, errmsg: str, *, path: str = "", method: str = ""
    ) -> WeChatApiError:
        errmsg = one_line(errmsg)
        text = ERROR_TEXTS.get(errcode)
        if text is None:
            shown = errmsg or "未知错误"
            zh = f"微信接口返回错误：{shown}（错误码 {errcode}）"
            en = f"WeChat API error: {errmsg or 'unknown error'} (error {errcode})"
        else:
            zh = f"{text.zh}（错误码 {errcode}）"
            en = f"{text.en} (error {errcode})"
        return cls(
            kind_for_errcode(errcode),
            zh,
            en,
            errcode=errcode,
            errmsg=errmsg,
            path=path,
            log_text=f"{method} {path}: errcode {errcode} ({errmsg})".strip(),
        )

    def with_note(self, zh: str, en: str) -> WeChatApiError:
        """The same error with a sentence added (e.g. how much of a batch got through)."""
        return WeChatApiError(
            self.kind,
            f"{self.message}。{zh}",
            f"{self.message_en}. {en}",
            errcode=self.errcode,
            errmsg=self.errmsg,
            path=self.path,
            http_status=self.http_status,
            log_text=f"{self.log_text}; {en}",
        )
