"""`manage.py check --deploy` is clean with the production environment the README documents.

Run as production runs it: a fresh process with that environment and nothing else, so the test
sees what mekle/settings.py makes of the README, not this test process's settings.
"""

import subprocess
import sys

from django.conf import settings

from mekle.testing.production import ROOT, documented_environment


def check_deploy(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "MEKLE_VAR_DIR": str(settings.VAR_DIR), **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_documented_production_settings_pass_check_deploy_without_a_warning(tmp_path):
    environment = documented_environment(tmp_path)
    assert environment["SECURE_COOKIES"] == "1"
    assert "DEBUG" not in environment
    result = check_deploy(environment)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_the_same_check_in_this_process_warns_about_a_laptop_set_up():
    """Without the environment (as the tests run) there is no HTTPS: the checks above can fail."""
    from django.core.checks import run_checks

    found = {message.id for message in run_checks(include_deployment_checks=True)}
    assert {"security.W004", "security.W008", "security.W012", "security.W016"} <= found
