#!/usr/bin/env python3
"""Every roster the repository ships, and every roster dw's commands wrote
during the test run, must be TOML 1.0: read each with Python's tomllib.

Usage: .ci/toml_check.py DIR   (DIR: what the tests collected, see
DW_TEST_ROSTERS_OUT in tests/dw/support/mod.rs; it must not be empty)
"""
import pathlib
import re
import subprocess
import sys
import tomllib

# Files that are not TOML on purpose (they test how dw reports a broken file).
BAD_ON_PURPOSE = {"fuzz/seeds/syntax.toml"}


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    shipped = subprocess.run(
        ["git", "ls-files", "*.toml"], check=True, capture_output=True, text=True
    ).stdout.split()
    files = [pathlib.Path(f) for f in shipped if f not in BAD_ON_PURPOSE]
    written = sorted(pathlib.Path(sys.argv[1]).glob("*.toml"))
    if not written:
        print(f"no rosters collected in {sys.argv[1]}: was DW_TEST_ROSTERS_OUT set for cargo test?",
              file=sys.stderr)
        return 1
    bad = 0
    for path in files + written:
        try:
            with open(path, "rb") as f:
                tomllib.load(f)
        except tomllib.TOMLDecodeError as e:
            bad += 1
            print(f"{path}: not TOML 1.0: {e}", file=sys.stderr)
            if path in written:
                print(path.read_text(errors="replace"), file=sys.stderr)
    # The ```toml examples of the documentation are rosters people copy.
    docs = subprocess.run(
        ["git", "ls-files", "*.md"], check=True, capture_output=True, text=True
    ).stdout.split()
    blocks = 0
    for doc in docs:
        text = pathlib.Path(doc).read_text()
        for n, block in enumerate(re.findall(r"^```toml\n(.*?)^```", text, re.S | re.M)):
            blocks += 1
            try:
                tomllib.loads(block)
            except tomllib.TOMLDecodeError as e:
                bad += 1
                print(f"{doc}: TOML example {n + 1} is not TOML 1.0: {e}", file=sys.stderr)
    print(f"tomllib read {len(files)} shipped and {len(written)} written rosters"
          f" and {blocks} documentation examples: {bad} refused")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
