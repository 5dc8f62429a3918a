"""Goods as the console sees them, whatever the platform: what a goods panel lists and pushes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class GoodsItem:
    goods_id: str
    name: str
    price: Decimal  # yuan; for price_type 3 (discount) the original price
    price2: Decimal | None = None  # price_type 2: upper bound; 3: the discounted price
    price_type: int = 1  # 1 fixed, 2 range, 3 discount (the WeChat goods model)
    cover_url: str = ""  # http(s) or file URL of the cover image
    url: str = ""  # the mini-program page of the goods

    @property
    def shown_price(self) -> str:
        """The price as a shopper reads it: ¥39.90, ¥39.90–59.90, or the discounted price."""
        if self.price_type == 2 and self.price2 is not None:
            return f"¥{self.price:.2f}–{self.price2:.2f}"
        if self.price_type == 3 and self.price2 is not None:
            return f"¥{self.price2:.2f}"
        return f"¥{self.price:.2f}"
