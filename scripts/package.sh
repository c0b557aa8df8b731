#!/bin/sh
# Package dw for one target: dist/dw-TARGET.tar.gz (the binary, the shell
# completions, the man pages and the README, in a folder dw-TARGET/) and
# dist/dw-TARGET.tar.gz.sha256. The release workflow runs this for every
# target; it runs the same way on your machine.
#
#   scripts/package.sh TARGET [BINARY]
#
# TARGET  a Rust target triple, e.g. x86_64-unknown-linux-musl
# BINARY  an already built dw for that target; without it the script runs
#         `cargo build --release --locked --target TARGET`
#
# Environment: DW_DIST, the output folder (default: dist in the repository).
set -eu

usage() {
  echo "usage: scripts/package.sh TARGET [BINARY]" >&2
  exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
target=$1
case $target in
  '' | -*) usage ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
dist=${DW_DIST:-$root/dist}

if [ $# -eq 2 ]; then
  binary=$2
else
  (cd "$root" && cargo build --release --locked --target "$target")
  binary=$root/target/$target/release/dw
fi
[ -f "$binary" ] || {
  echo "package.sh: no binary at $binary" >&2
  exit 1
}

# The version in Cargo.toml; a binary that runs here must report it.
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)
if reported=$("$binary" --version 2>/dev/null); then
  case $reported in
    "dw $version") ;;
    *)
      echo "package.sh: $binary says \"$reported\", Cargo.toml says $version" >&2
      exit 1
      ;;
  esac
fi

name=dw-$target
mkdir -p "$dist"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT INT TERM
mkdir "$stage/$name"
cp "$binary" "$stage/$name/dw"
chmod 755 "$stage/$name/dw"
cp -R "$root/completions" "$root/man" "$stage/$name/"
cp "$root/README.md" "$stage/$name/"

(cd "$stage" && tar -czf "$name.tar.gz" "$name")
mv "$stage/$name.tar.gz" "$dist/"

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1"
  else
    shasum -a 256 "$1"
  fi
}
(cd "$dist" && sha256 "$name.tar.gz" >"$name.tar.gz.sha256")
echo "$dist/$name.tar.gz"
