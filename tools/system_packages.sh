#!/usr/bin/env bash
# Make sure the Debian packages a command needs are present, for `make run` (PDFs), `make test` (browser
# journeys, PDF pages, string extraction) and `make bench` (wrk). As root it installs what is missing with apt-get;
# otherwise it prints the exact command to run and stops, so nothing fails halfway through a run.
set -euo pipefail
purpose=${1:-test}

missing=()
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }

# A virtualenv needs ensurepip, which Debian ships apart from Python.
"${PYTHON:-python3.11}" -c "import ensurepip" >/dev/null 2>&1 || missing+=(python3-venv)
# WeasyPrint (PDF certificates, reports) needs Pango and HarfBuzz; PDFs need a font.
need_pkg libpango-1.0-0
need_pkg libpangoft2-1.0-0
need_pkg libharfbuzz-subset0
need_pkg fonts-dejavu-core
if [ "$purpose" = test ]; then
  need_cmd chromium chromium          # Playwright drives Debian's Chromium (no browser downloads)
  need_cmd pdftoppm poppler-utils     # browser journeys look at PDF pages
  need_cmd xgettext gettext           # the translations test re-extracts strings
fi
if [ "$purpose" = bench ]; then
  need_cmd wrk wrk                    # bench/ceiling.py: HTTP load without eating the cores Locust would
fi

[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v dpkg >/dev/null 2>&1; then
  echo "Este equipo no es Debian: instale a mano ${missing[*]} (o sus equivalentes) y repita." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Faltan paquetes del sistema. Ejecute, y luego repita el comando:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "== instalando paquetes del sistema: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
