"""An installed copy of the package works outside the checkout (templates, assets and overrides included)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT


@pytest.mark.slow
def test_installed_package_builds_a_site_outside_the_checkout(tmp_path: Path) -> None:
    target = tmp_path / "installed"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps", "--target", str(target), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for build_leftover in ("build", "bj_istic_tracker.egg-info"):
        shutil.rmtree(ROOT / build_leftover, ignore_errors=True)
    assert (target / "generator" / "templates" / "pillar.md.jinja").is_file()
    assert (target / "generator" / "overrides" / "partials" / "copyright.html").is_file()
    assert (target / "generator" / "publish" / "engines" / "overrides" / "mkdocs" / "partials" / "search.html").is_file()
    assert (target / "generator" / "publish" / "engines" / "overrides" / "zensical" / "assets" / "stylesheets" / "zensical.css").is_file()
    assert (target / "generator" / "locales" / "zh" / "locale.yml").is_file()
    assert (target / "generator" / "assets" / "javascripts" / "charts.js").is_file()

    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    for name in ("mkdocs.yml", "site_config.yml"):
        shutil.copy(ROOT / name, project / name)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "build", "--no-pdf"], cwd=elsewhere, env=env, capture_output=True, text=True, check=False, timeout=300
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert (project / "site" / "pillars" / "alpha" / "index.html").is_file()
    run = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project), "build", "--no-pdf", "--engine", "zensical", "--out", str(project / "zsite")],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert (project / "zsite" / "pillars" / "alpha" / "index.html").is_file()
    probe = subprocess.run([sys.executable, "-c", "import generator; print(generator.__file__)"], cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.startswith(str(target))
