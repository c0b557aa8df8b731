#!/bin/sh
# Install dw, the on-call tool for teams that keep their rotation in git.
#
#   curl -fsSL https://github.com/OWNER/dw/releases/latest/download/install.sh | sh
#   curl -fsSL https://github.com/OWNER/dw/releases/latest/download/install.sh | sh -s -- --version 0.1.0
#
# It picks the release archive for this machine (Linux x86_64 or aarch64,
# macOS x86_64 or arm64), checks its SHA-256 against the .sha256 file
# published beside it, installs `dw` into ~/.local/bin (or $DW_INSTALL_DIR)
# and prints the version it installed. When that folder is a .../bin, the man
# pages go into .../share/man (where `man` finds them for a bin on PATH) and
# the bash completion into .../share/bash-completion/completions. Nothing
# else on the machine changes.
#
# Options:
#   --version X     install release X (default: the latest release)
#   --print-target  print the archive's target for this machine and exit
#   -h, --help      this text
#
# Environment:
#   DW_INSTALL_DIR  where to put dw (default: ~/.local/bin)
#   DW_INSTALL_URL  the folder holding the archives, instead of the GitHub
#                   release (a mirror, or a local folder served for a test)
set -eu

# The project's home: the `repository` of dw's Cargo.toml (a test checks
# that the two agree).
DW_REPOSITORY="https://github.com/OWNER/dw"

say() {
  printf 'dw install: %s\n' "$*" >&2
}

die() {
  say "$*"
  exit 1
}

usage() {
  cat <<'USAGE'
usage: install.sh [--version X] [--print-target]

Installs dw into ~/.local/bin (or $DW_INSTALL_DIR) from the GitHub release
(or from the folder $DW_INSTALL_URL), after checking the archive's SHA-256.

  --version X     install release X (default: the latest release)
  --print-target  print the archive's target for this machine and exit
USAGE
}

version=""
print_target=""
while [ $# -gt 0 ]; do
  case $1 in
    --version)
      [ $# -ge 2 ] || die "--version needs a release number, e.g. --version 0.1.0"
      version=$2
      shift 2
      ;;
    --version=*)
      version=${1#--version=}
      shift
      ;;
    --print-target)
      print_target=1
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      die "unknown option $1 (try --help)"
      ;;
  esac
done

version=${version#v}
if [ -n "$version" ]; then
  case $version in
    *[!0-9A-Za-z.+-]* | .* | *..*)
      die "\"$version\" is not a release number; write it like 0.1.0"
      ;;
  esac
fi

# The Rust target of the archive for this machine.
detect_target() {
  os=$(uname -s)
  arch=$(uname -m)
  case $os in
    Linux)
      case $arch in
        x86_64 | amd64) echo x86_64-unknown-linux-musl ;;
        aarch64 | arm64) echo aarch64-unknown-linux-musl ;;
        *) return 1 ;;
      esac
      ;;
    Darwin)
      # A shell under Rosetta reports x86_64 on Apple silicon.
      if [ "$arch" = x86_64 ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || echo 0)" = 1 ]; then
        arch=arm64
      fi
      case $arch in
        x86_64) echo x86_64-apple-darwin ;;
        arm64 | aarch64) echo aarch64-apple-darwin ;;
        *) return 1 ;;
      esac
      ;;
    *) return 1 ;;
  esac
}

target=$(detect_target) ||
  die "no prebuilt dw for $(uname -s) $(uname -m); build it from source: cargo install --locked --git $DW_REPOSITORY dw"

if [ -n "$print_target" ]; then
  echo "$target"
  exit 0
fi

if [ -n "${DW_INSTALL_URL:-}" ]; then
  base=${DW_INSTALL_URL%/}
  https_only=""
elif [ -n "$version" ]; then
  base="$DW_REPOSITORY/releases/download/v$version"
  https_only=1
else
  base="$DW_REPOSITORY/releases/latest/download"
  https_only=1
fi

# fetch URL FILE
fetch() {
  if command -v curl >/dev/null 2>&1; then
    if [ -n "$https_only" ]; then
      curl --proto '=https' --tlsv1.2 -fsSL --retry 3 -o "$2" "$1"
    else
      curl -fsSL --retry 3 -o "$2" "$1"
    fi
  elif command -v wget >/dev/null 2>&1; then
    if [ -n "$https_only" ]; then
      wget -q --https-only -O "$2" "$1"
    else
      wget -q -O "$2" "$1"
    fi
  else
    die "neither curl nor wget is installed; install one of them and run this again"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 "$1" | sed 's/^.*= *//'
  else
    return 1
  fi
}

archive="dw-$target.tar.gz"
tmp=$(mktemp -d 2>/dev/null || mktemp -d -t dw-install)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

say "downloading $base/$archive"
fetch "$base/$archive" "$tmp/$archive" || die "could not download $base/$archive"
fetch "$base/$archive.sha256" "$tmp/$archive.sha256" ||
  die "could not download $base/$archive.sha256, so the archive cannot be checked; nothing was installed"

expected=$(cut -d ' ' -f 1 <"$tmp/$archive.sha256" | head -n 1 | tr 'A-F' 'a-f')
actual=$(sha256_of "$tmp/$archive") ||
  die "no SHA-256 tool found (sha256sum, shasum or openssl), so the archive cannot be checked; nothing was installed"
case $expected in
  '' | *[!0-9a-f]*) die "$archive.sha256 holds no SHA-256; nothing was installed" ;;
esac
if [ "$expected" != "$actual" ]; then
  die "checksum mismatch for $archive: expected $expected, got $actual; nothing was installed"
fi

tar -xzf "$tmp/$archive" -C "$tmp" || die "could not unpack $archive"
new="$tmp/dw-$target/dw"
[ -f "$new" ] || die "$archive holds no dw-$target/dw"
chmod 755 "$new"
reported=$("$new" --version 2>/dev/null) || die "the dw in $archive does not run on this machine"
if [ -n "$version" ] && [ "$reported" != "dw $version" ]; then
  die "asked for $version, but the archive holds $reported; nothing was installed"
fi

dir=${DW_INSTALL_DIR:-${HOME:?HOME is not set; set DW_INSTALL_DIR}/.local/bin}
mkdir -p "$dir" || die "cannot create $dir; set DW_INSTALL_DIR to a folder you can write to"
# Copy beside the old binary, then rename: a running dw is never half-written.
cp "$new" "$dir/.dw.new.$$" || die "cannot write to $dir; set DW_INSTALL_DIR to a folder you can write to"
mv -f "$dir/.dw.new.$$" "$dir/dw"

installed=$("$dir/dw" --version)
echo "installed $installed to $dir/dw"

# Beside a .../bin: the man pages and the bash completion, best effort.
case $dir in
  */bin)
    share=${dir%/bin}/share
    if mkdir -p "$share/man/man1" "$share/man/man5" &&
      cp "$tmp/dw-$target"/man/*.1 "$share/man/man1/" &&
      cp "$tmp/dw-$target"/man/*.5 "$share/man/man5/"; then
      say "man pages in $share/man (man dw, man dw-roster)"
    else
      say "could not install the man pages into $share/man"
    fi
    if mkdir -p "$share/bash-completion/completions" &&
      cp "$tmp/dw-$target/completions/dw.bash" "$share/bash-completion/completions/dw"; then
      say "bash completion in $share/bash-completion/completions/dw"
    fi
    ;;
esac
case ":${PATH:-}:" in
  *":$dir:"*) ;;
  *) say "$dir is not on your PATH; add it, e.g. export PATH=\"$dir:\$PATH\"" ;;
esac
