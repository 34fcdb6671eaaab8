"""Every CLI command and every setting is documented (as datasette does it)."""
from pathlib import Path

from strife import config
from strife.cli import _parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    sub = next(a for a in _parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    missing = [name for name in sub.choices if f"strife {name}" not in README and f"`{name}`" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_setting_has_help_and_an_environment_name():
    for setting in config.SETTINGS:
        assert setting.help.strip(), setting.name
        assert setting.name.isidentifier()
