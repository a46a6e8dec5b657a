from argon2 import PasswordHasher

from storefront.accounts import passwords


def test_production_hashes_are_argon2id_at_rfc_9106_cost() -> None:
    """The suite hashes cheaply (see conftest); the real parameters are checked here."""
    hasher = PasswordHasher()
    assert hasher.type.name == "ID"
    assert hasher.memory_cost >= 64 * 1024 and hasher.time_cost >= 3


def test_a_hash_verifies_its_password_only() -> None:
    stored = passwords.hash_password("a good long passphrase")
    assert stored.startswith("$argon2id$")
    assert passwords.verify(stored, "a good long passphrase")
    assert not passwords.verify(stored, "a good long passphrasE")


def test_an_unreadable_hash_is_a_mismatch_not_an_error() -> None:
    assert not passwords.verify("not a hash", "a good long passphrase")


def test_hashes_made_with_other_parameters_need_a_rehash() -> None:
    weaker = PasswordHasher(time_cost=1, memory_cost=16, parallelism=2).hash("passphrase!")
    assert passwords.needs_rehash(weaker)
    assert not passwords.needs_rehash(passwords.hash_password("passphrase!"))


def test_verifying_nothing_still_runs_a_verification(monkeypatch) -> None:
    calls: list[str] = []
    real = passwords.verify
    monkeypatch.setattr(passwords, "verify", lambda h, p: calls.append(h) or real(h, p))
    passwords.verify_nothing("whatever was typed")
    assert len(calls) == 1 and calls[0].startswith("$argon2id$")
