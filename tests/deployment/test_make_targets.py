"""What `make run` and `make worker` run (read with `make -n`, nothing is started), and the static
files' storage every process with DEBUG off serves from."""

import os
import subprocess

from mekle.testing.production import ROOT, documented_environment, settings_for


def planned(target, *arguments, environment=None):
    """The command lines `make -n TARGET` would run, keyed by what they run."""
    env = {k: v for k, v in os.environ.items() if k not in {"MEKLE_PUBLIC_URL", "DEBUG", "HOST", "PORT"}}
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", target, *arguments],
        cwd=ROOT,
        env={**env, **(environment or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def line_running(lines, command):
    return next(line for line in lines if command in line)


def test_the_worker_writes_links_to_the_port_make_run_serves_on():
    run = line_running(planned("run", "PORT=8123"), "runserver")
    worker = line_running(planned("worker", "PORT=8123"), "run_worker")
    assert "MEKLE_PUBLIC_URL=http://127.0.0.1:8123 " in run
    assert run.endswith("runserver 127.0.0.1:8123")
    assert "MEKLE_PUBLIC_URL=http://127.0.0.1:8123 " in worker


def test_an_explicit_public_address_wins_for_both():
    address = "https://mekle.example.no"
    for target, command in (("run", "runserver"), ("worker", "run_worker")):
        from_environment = line_running(planned(target, environment={"MEKLE_PUBLIC_URL": address}), command)
        from_command_line = line_running(planned(target, f"MEKLE_PUBLIC_URL={address}"), command)
        assert f"MEKLE_PUBLIC_URL={address} " in from_environment
        assert f"MEKLE_PUBLIC_URL={address} " in from_command_line


def test_make_run_serves_with_debug_off_unless_asked():
    assert "DEBUG=0 " in line_running(planned("run"), "runserver")
    assert "DEBUG=1 " in line_running(planned("run", "DEBUG=1"), "runserver")


def test_static_files_are_hashed_and_compressed_in_production(tmp_path):
    values = settings_for(documented_environment(tmp_path))
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["WHITENOISE_USE_FINDERS"] is False
