"""Operator actions a connector may carry out on the platform, and the capability each needs.

Each action is a small frozen dataclass; ``ACTION_NAMES`` gives its stable wire name (the relay
protocol sends it as ``{"type": "command", "action": <name>, ...fields}``). A connector declares
capabilities; ``required_capability`` says which one an action needs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Capability(StrEnum):
    """What a connector can do. Values are stable: the relay protocol uses them."""

    LIVE_EVENTS = "live_events"  # delivers comments, likes and viewer counts
    DELETE_COMMENT = "delete_comment"
    MUTE_USER = "mute_user"
    BAN_ALL = "ban_all"
    PUSH_GOODS = "push_goods"
    GOODS_ON_SALE = "goods_on_sale"
    SORT_GOODS = "sort_goods"
    IMPORT_GOODS = "import_goods"


@dataclass(frozen=True, slots=True)
class DeleteComment:
    comment_id: str


@dataclass(frozen=True, slots=True)
class MuteUser:
    user_id: str
    seconds: int | None = None  # None: for the rest of the show


@dataclass(frozen=True, slots=True)
class UnmuteUser:
    user_id: str


@dataclass(frozen=True, slots=True)
class BanAllComments:
    banned: bool


@dataclass(frozen=True, slots=True)
class PushGoods:
    goods_id: str


@dataclass(frozen=True, slots=True)
class SetGoodsOnSale:
    goods_id: str
    on_sale: bool


@dataclass(frozen=True, slots=True)
class SortGoods:
    goods_ids: tuple[str, ...]  # the room's goods in the new order


@dataclass(frozen=True, slots=True)
class ImportGoods:
    goods_ids: tuple[str, ...]  # approved goods to add to the room


Action = (
    DeleteComment
    | MuteUser
    | UnmuteUser
    | BanAllComments
    | PushGoods
    | SetGoodsOnSale
    | SortGoods
    | ImportGoods
)

ACTION_NAMES: dict[type, str] = {
    DeleteComment: "delete_comment",
    MuteUser: "mute_user",
    UnmuteUser: "unmute_user",
    BanAllComments: "ban_all",
    PushGoods: "push_goods",
    SetGoodsOnSale: "goods_on_sale",
    SortGoods: "sort_goods",
    ImportGoods: "import_goods",
}

_CAPABILITIES: dict[type, Capability] = {
    DeleteComment: Capability.DELETE_COMMENT,
    MuteUser: Capability.MUTE_USER,
    UnmuteUser: Capability.MUTE_USER,
    BanAllComments: Capability.BAN_ALL,
    PushGoods: Capability.PUSH_GOODS,
    SetGoodsOnSale: Capability.GOODS_ON_SALE,
    SortGoods: Capability.SORT_GOODS,
    ImportGoods: Capability.IMPORT_GOODS,
}


def required_capability(action: Action) -> Capability:
    return _CAPABILITIES[type(action)]


def action_name(action: Action) -> str:
    return ACTION_NAMES[type(action)]


def action_to_command(action: Action) -> dict[str, Any]:
    """The relay wire form: ``{"type": "command", "action": name, **fields}`` (tuples as lists)."""
    fields = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(action).items()}
    return {"type": "command", "action": action_name(action), **fields}
