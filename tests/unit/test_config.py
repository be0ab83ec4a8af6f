import pytest

import config


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.setenv("CASEAPP_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(config.ConfigError, match="SECRET_KEY"):
        config.Config()


def test_production_refuses_to_start_in_debug_mode(monkeypatch):
    monkeypatch.setenv("CASEAPP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(config.ConfigError, match="FLASK_DEBUG"):
        config.Config()


def test_development_generates_a_secret_key_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv("CASEAPP_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    first, second = config.Config().SECRET_KEY, config.Config().SECRET_KEY
    assert first == second and len(first) >= 48
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_the_embedded_default_database_is_sqlite_in_instance(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    assert config.Config().SQLALCHEMY_DATABASE_URI == f"sqlite:///{tmp_path / 'caseapp.db'}"


def test_the_audit_key_is_generated_once_in_instance_even_in_production(monkeypatch, tmp_path):
    monkeypatch.setenv("CASEAPP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    monkeypatch.delenv("AUDIT_HMAC_KEY", raising=False)
    monkeypatch.delenv("AUDIT_ANCHOR_PATH", raising=False)
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    first, second = config.Config(), config.Config()
    assert first.AUDIT_HMAC_KEY == second.AUDIT_HMAC_KEY and len(first.AUDIT_HMAC_KEY) >= 48
    assert first.AUDIT_HMAC_KEY != first.SECRET_KEY
    assert (tmp_path / "audit_hmac_key").stat().st_mode & 0o777 == 0o600
    assert first.AUDIT_ANCHOR_PATH == str(tmp_path / "audit_anchor.json")


def test_an_audit_key_from_the_environment_must_be_long(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    monkeypatch.setenv("AUDIT_HMAC_KEY", "short")
    with pytest.raises(config.ConfigError, match="AUDIT_HMAC_KEY"):
        config.Config()
    monkeypatch.setenv("AUDIT_HMAC_KEY", "a" * 32)
    monkeypatch.setenv("AUDIT_ANCHOR_PATH", "/srv/anchors/caseapp.json")
    settings = config.Config()
    assert (settings.AUDIT_HMAC_KEY, settings.AUDIT_ANCHOR_PATH) == ("a" * 32, "/srv/anchors/caseapp.json")
    assert not (tmp_path / "audit_hmac_key").exists()
