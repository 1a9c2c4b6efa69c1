#!/usr/bin/env bash
# Build the course from a fresh checkout (creates .venv from the locks, installs the pinned
# front-end assets). Strict: any Sphinx warning, broken reference or notebook exception fails.
#
#   bash scripts/build.sh              HTML book                 -> _build/html/index.html
#   bash scripts/build.sh pdf          whole course as a PDF     -> _build/pdf/course.pdf
#   bash scripts/build.sh handouts     seminar handout per essay chapter -> _build/pdf/handout-*.pdf
#   bash scripts/build.sh all          both editions side by side, HTML and PDF, and the handouts:
#                                      full in _build/html, student in _build/student/_build/html
#                                      (the folder to publish for students), PDFs in _build/pdf
#   ... --student                      student edition: no solutions, no instructor notes
#                                      (HTML in _build/student/_build/html, PDF course-student.pdf)
# PDF and handouts need TeX: bash scripts/install_tex.sh (Debian, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

target=html
edition=full
for arg in "$@"; do
  case "$arg" in
    html|pdf|handouts|all) target=$arg ;;
    --student) edition=student ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown option '$arg'. Use: bash scripts/build.sh [html|pdf|handouts|all] [--student]" ;;
  esac
done

[ "$target" = all ] && [ "$edition" = student ] && die "'all' builds both editions; drop --student"

ensure_env requirements.lock
ensure_node_assets
# jupyter-book build with the strict flags (-W -n --keep-going), which live in that one module.
JB=("$VENV_DIR/bin/python" -m coursekit.sphinx.build)
use_edition() {
  edition=$1
  export COURSE_EDITION=$edition
  if [ "$edition" = student ]; then out=_build/student; suffix=-student; else out=.; suffix=; fi
}
use_edition "$edition"

require_tex() {
  local missing=()
  for tool in xelatex latexmk pdftotext; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  kpsewhich xeCJK.sty >/dev/null 2>&1 || missing+=("xeCJK.sty")
  [ ${#missing[@]} -eq 0 ] || die "the PDF build needs ${missing[*]}: run 'sudo bash scripts/install_tex.sh'"
}

build_html() {
  "${JB[@]}" . --path-output "$out" --builder html
  echo
  echo "The book is at: $(cd "$out" && pwd)/_build/html/index.html"
  echo "Serve it offline with: python3 -m http.server --directory $out/_build/html 8000"
}

build_pdf() {
  require_tex
  # After a failed LaTeX run latexmk answers "Nothing to do" until its folder is gone.
  rm -rf "$out/_build/latex"
  "${JB[@]}" . --path-output "$out" --builder pdflatex
  mkdir -p _build/pdf
  cp "$out/_build/latex/course.pdf" "_build/pdf/course$suffix.pdf"
  "$VENV_DIR/bin/python" -m coursekit.sphinx.pdfreview "_build/pdf/course$suffix.pdf" "_build/pdf/review$suffix"
  echo "The PDF is at: $(pwd)/_build/pdf/course$suffix.pdf (first pages of chapters: _build/pdf/review$suffix/)"
}

build_handouts() {
  require_tex
  # Handouts are for students: never with instructor notes or solutions.
  COURSE_EDITION=student "$VENV_DIR/bin/python" -m coursekit.sphinx.handouts _build/handouts _build/pdf
}

case "$target" in
  html) build_html ;;
  pdf) build_pdf ;;
  handouts) build_handouts ;;
  all)
    # PDFs first, so that each HTML edition lists and ships them (the student site never
    # gets the full PDF: coursekit/sphinx/downloads.py).
    use_edition full; build_pdf
    use_edition student; build_pdf
    build_handouts
    use_edition student; build_html
    use_edition full; build_html
    echo
    echo "Full edition (instructors): $(pwd)/_build/html/  (PDF: _build/pdf/course.pdf)"
    echo "Student edition, the folder to publish for students as it is: $(pwd)/_build/student/_build/html/"
    echo "  (it holds the student PDF and the handouts in pdf/; no solutions, no instructor notes)"
    echo "All PDFs: $(pwd)/_build/pdf/"
    ;;
esac
