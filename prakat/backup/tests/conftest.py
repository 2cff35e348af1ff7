import shutil

import pytest

from prakat.backup.tests.install import SENTINEL, Terminal, database_state, fresh_install

# The key every archive below is sealed with (64 hexadecimal digits, as an operator sets it).
TEST_KEY = "5f1c0e7a9b3d24680f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778"


@pytest.fixture(autouse=True)
def _backup_key_and_var_folder(settings, tmp_path):
    """Archives are sealed with the test key; a key file, if one is made, lands in the test's
    own folder."""
    settings.BACKUP_KEY = TEST_KEY
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture(scope="module")
def install(tmp_path_factory):
    """One migrated, empty install holding the test key; every archive restored into it by
    the tests of a module is refused, so it stays empty."""
    base = tmp_path_factory.mktemp("install")
    env = fresh_install(base / "install", database=f"refused_{base.name}")
    env["PRAKAT_BACKUP_KEY"] = TEST_KEY
    # The restore unpacks into a temporary folder beside the install, so a name with ".." that
    # leaves the media folder leaves the unpacked archive by the same steps.
    env["TMPDIR"] = str(base)
    # Its first start writes its secret key and folders, as migrating it would have.
    terminal = Terminal(env)
    started = terminal.manage("check")
    assert started.returncode == 0, started.stderr
    yield base, env, database_state(env), terminal
    terminal.close()


@pytest.fixture
def outside(install):
    base, _env, _rows, _terminal = install
    folder = base / "outside"
    folder.mkdir()
    (folder / "sentinel.txt").write_bytes(SENTINEL)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def media(install):
    base, _env, _rows, _terminal = install
    folder = base / "install" / "media"
    folder.mkdir(exist_ok=True)
    yield folder
    shutil.rmtree(folder)
