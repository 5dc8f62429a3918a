"""Secrets live in the OS keyring; without a secure keyring LiveDesk says so and stores nothing."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from console.secrets import (
    SecretStoreUnavailable,
    delete_secret,
    get_secret,
    secure_store_available,
    set_secret,
)


def test_round_trip_in_the_keyring(memory_keyring) -> None:
    assert get_secret("obs-password") is None
    set_secret("obs-password", "s3cret")
    assert get_secret("obs-password") == "s3cret"
    assert memory_keyring.store == {("LiveDesk", "obs-password"): "s3cret"}
    delete_secret("obs-password")
    delete_secret("obs-password")  # deleting twice is fine
    assert get_secret("obs-password") is None


def test_no_secure_store_is_a_clear_error_not_a_plain_file(livedesk_home) -> None:
    keyring.set_keyring(FailKeyring())
    assert not secure_store_available()
    with pytest.raises(SecretStoreUnavailable) as caught:
        set_secret("wechat-secret", "abc")
    assert "plain" in caught.value.render()
    assert get_secret("wechat-secret") is None
    stored = (
        [p.read_bytes() for p in livedesk_home.rglob("*") if p.is_file()]
        if livedesk_home.exists()
        else []
    )
    assert not any(b"abc" in data for data in stored)
