"""Secrets (WeChat AppSecret, OBS password, relay token) in the OS keyring, never in files.

A machine without a secure keyring backend (a headless Linux box) gets SecretStoreUnavailable
with a clear message; LiveDesk never falls back to storing secrets in plain text.
"""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError

from console.errors import OperatorError
from console.i18n import QT_TRANSLATE_NOOP

SERVICE = "LiveDesk"
# keyring's "no backend" placeholders and the plain-file backends of keyrings.alt.
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class SecretStoreUnavailable(OperatorError):
    """There is no secure place for secrets on this machine."""


def _backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def secure_store_available() -> bool:
    backend = keyring.get_keyring()
    insecure = type(backend).__module__.startswith(_INSECURE_MODULES)
    return not insecure and getattr(backend, "priority", 0) > 0


def _unavailable(detail: str) -> SecretStoreUnavailable:
    return SecretStoreUnavailable(
        QT_TRANSLATE_NOOP(
            "errors",
            "No secure password store on this computer ({detail}). LiveDesk does not save "
            "secrets in plain files: enter it again each time, or install a keyring "
            "(Windows Credential Manager, macOS Keychain, GNOME Keyring / KWallet).",
        ),
        log_text=f"no secure keyring backend: {detail}",
        detail=detail,
    )


def get_secret(name: str) -> str | None:
    if not secure_store_available():
        return None
    try:
        return keyring.get_password(SERVICE, name)
    except KeyringError as exc:
        raise _unavailable(str(exc)) from exc


def set_secret(name: str, value: str) -> None:
    if not secure_store_available():
        raise _unavailable(_backend_name())
    try:
        keyring.set_password(SERVICE, name, value)
    except KeyringError as exc:
        raise _unavailable(str(exc)) from exc


def delete_secret(name: str) -> None:
    if not secure_store_available():
        return
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass
    except KeyringError as exc:
        raise _unavailable(str(exc)) from exc
