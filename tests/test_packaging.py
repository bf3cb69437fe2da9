"""Fast checks of the packaging files: nothing is built here (see test_frozen_build.py).

* every Qt module the code imports is kept by ``build_installer.spec`` (the spec
  excludes all others, and the frozen app would crash on an excluded one);
* the icon exists in the sizes Windows asks for;
* the Inno Setup script and the README's build steps agree with each other and with
  the spec (names, paths, version).
"""

from __future__ import annotations

import ast
import re
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build_installer.spec"
ISS = ROOT / "installer" / "desasadar.iss"
README = ROOT / "README.md"
ICO = ROOT / "resources" / "desasadar.ico"
PNG = ROOT / "resources" / "icons" / "desasadar.png"


def _spec_constant(name: str):
    """A literal assigned at the top of the spec (read with ast; the spec is not run)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not assigned in {SPEC.name}")


def _qt_modules_imported_by_the_app() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "desasadar_gui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(text)
        except SyntaxError:  # a file being edited: a plain text scan still finds the imports
            for name in re.findall(r"^\s*(?:from|import)\s+PySide6\.(Qt\w+)", text, re.M):
                found.setdefault(name, []).append(str(path.relative_to(ROOT)))
            continue
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module == "PySide6":
                    names = [a.name for a in node.names]
                else:
                    names = (
                        [node.module.split(".")[1]] if node.module.startswith("PySide6.") else []
                    )
            elif isinstance(node, ast.Import):
                names = [a.name.split(".")[1] for a in node.names if a.name.startswith("PySide6.")]
            for name in names:
                found.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return found


def test_spec_keeps_every_qt_module_the_app_imports() -> None:
    kept = set(_spec_constant("KEEP_QT_MODULES"))
    used = _qt_modules_imported_by_the_app()
    assert used, "no PySide6 import found: the scan is broken"
    missing = {m: files for m, files in used.items() if m not in kept}
    assert not missing, (
        f"these Qt modules are imported but excluded from the frozen app: {missing}; "
        "add them to KEEP_QT_MODULES in build_installer.spec"
    )


def test_spec_is_valid_python_and_names_the_app() -> None:
    ast.parse(SPEC.read_text(encoding="utf-8"))
    assert _spec_constant("APP_NAME") == "DesaSadar"
    assert _spec_constant("CLI_NAME") == "desasadar-cli"
    strings = _spec_constant("VERSION_STRINGS")
    assert strings["CompanyName"] == "BPJS Ketenagakerjaan"
    assert strings["FileDescription"] == "Desa Sadar Jaminan Sosial Ketenagakerjaan"
    assert strings["ProductName"] == "Desa Sadar"


def _ico_sizes(data: bytes) -> list[int]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1), "not an .ico file"
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        assert offset + length <= len(data), "entry runs past the end of the file"
        sizes.append(width or 256)
    return sizes


def test_icon_has_the_sizes_windows_uses() -> None:
    assert sorted(_ico_sizes(ICO.read_bytes())) == [16, 24, 32, 48, 64, 256]
    png = PNG.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (256, 256)


def test_inno_setup_script_matches_the_bundle() -> None:
    iss = ISS.read_text(encoding="utf-8")
    assert re.search(r"^AppId=\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", iss, re.M)
    assert "PrivilegesRequired=lowest" in iss
    assert re.search(r"^DefaultDirName=\{autopf\}\\Desa Sadar$", iss, re.M)
    assert '#define BundleDir RepoRoot + "\\dist\\DesaSadar"' in iss
    assert re.search(r'^Source: "\{#BundleDir\}\\\*";.*recursesubdirs', iss, re.M)
    assert "DesaSadar.exe" in iss
    assert "OutputBaseFilename=DesaSadar-Setup-{#AppVersion}" in iss
    assert "SetupIconFile={#RepoRoot}\\resources\\desasadar.ico" in iss
    # The user's data folder is never listed for deletion.
    assert not re.search(r"^\[UninstallDelete\]", iss, re.M)
    assert "BPJS Ketenagakerjaan\\DesaSadar" in iss  # only in the "your data stays" note


def test_readme_has_the_windows_build_steps_the_script_expects() -> None:
    readme = README.read_text(encoding="utf-8")
    match = re.search(r"^## Build the Windows installer$(.*?)(?=^## |\Z)", readme, re.M | re.S)
    if match is None:
        pytest.fail("README.md has no '## Build the Windows installer' section")
    section = match.group(1)
    for needed in (
        'pip install -e ".[build]"',
        "python -m desasadar_gui.i18n_build",
        "pyinstaller --noconfirm build_installer.spec",
        "ISCC.exe",
        "installer\\desasadar.iss",
        "desasadar_gui.__version__",
        "/DAppVersion=$ver",
        "dist\\installer\\DesaSadar-Setup-$ver.exe",
    ):
        assert needed in section, f"README build section lacks {needed!r}"


def test_every_package_of_the_source_tree_is_listed_for_setuptools() -> None:
    """pyproject lists the packages by hand (resources/ is mapped into the package): a
    new folder missing from the list would be missing from an installed copy."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "desasadar_gui").rglob("__init__.py")
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages"
    assert listed - on_disk == {"desasadar_gui.resources"}


@pytest.mark.skipif(not Path("/usr/bin/ldd").exists(), reason="Linux (ldd) only")
def test_the_linux_libraries_the_readme_names_are_all_the_window_needs() -> None:
    """Every library Qt's xcb platform plugin links against resolves (the README's
    apt-get line, installed by .ci/run): the app does not abort on a minimal Debian."""
    import subprocess

    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    missing = [line.split()[0] for line in out.splitlines() if "not found" in line]
    assert missing == [], f"missing on this machine: {missing}"
    readme = README.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for package in ("libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"):
        assert package in readme and package in ci


def _guide_files() -> list[Path]:
    files = sorted(p for p in (ROOT / "resources" / "guide").rglob("*") if p.is_file())
    assert files, "resources/guide is empty"
    return files


def test_the_guide_ships_in_the_package_data() -> None:
    """pyproject's package data of desasadar_gui.resources covers every file of the
    guide (its pages and screenshots), as setuptools matches them."""
    import fnmatch

    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["desasadar_gui.resources"]
    base = ROOT / "resources"
    for path in _guide_files():
        name = path.relative_to(base).as_posix()
        matched = [
            p for p in patterns if fnmatch.fnmatch(name, p) and p.count("/") == name.count("/")
        ]
        assert matched, f"{name} is not in the package data"


def test_the_guide_ships_in_the_frozen_bundle() -> None:
    """The spec's resources_datas() (run on its own here) bundles every guide file under
    resources/guide/<lang>/, where paths.resource_path finds it in the frozen app."""
    from pathlib import PurePath

    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    func = next(
        n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "resources_datas"
    )
    namespace: dict = {"ROOT": ROOT, "PurePath": PurePath}
    exec(compile(ast.Module(body=[func], type_ignores=[]), str(SPEC), "exec"), namespace)
    bundled = {(Path(src), dest) for src, dest in namespace["resources_datas"]()}
    for path in _guide_files():
        dest = str(PurePath("resources") / path.parent.relative_to(ROOT / "resources"))
        assert (path, dest) in bundled, f"{path.name} is not bundled at {dest}"
